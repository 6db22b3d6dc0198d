import { createHash } from 'node:crypto';
import { basename, resolve as absolute } from 'node:path';
import { readArtifact } from '../ci/artifact.js';
import type { ArtifactTest, RecordedChange } from '../ci/artifact-test.js';
import { describeTest, looksLikeJsFile, splitJsId, splitNodeid } from '../ci/names.js';
import { resolveArtifactTests } from '../ci/resolve.js';
import { selectVictimRun } from '../ci/victim.js';
import { ambiguousVictimInArtifact, UsageError, victimNotInOrderFile } from '../errors.js';
import { readOrderFile } from './order-file.js';

/** Where the order to search comes from: `--order-file`, or a CI artifact (`--from-log`, `--from-junit`, …). */
export type OrderSpec =
  | { kind: 'order-file'; file: string }
  | { kind: 'log' | 'junit' | 'json' | 'record'; file: string; worker?: string | undefined };

/** What `resolve` may need to know of the project besides its ids. */
export interface ResolveContext {
  runner: string;
}

/** The order, read and checked before anything of the user's runs; matched to the project's ids after listing. */
export interface OrderSource {
  /** How reports name this order, e.g. `order file`. */
  label: string;
  /** What identifies the order in the journal's key: a resumed search must search the same order. */
  identity: unknown;
  /**
   * The project's ids in the order they ran, up to and including the victim, and the names that matched none; with
   * a record made with `record --state`, what each test before the victim left changed.
   */
  resolve(
    collected: readonly string[],
    context: ResolveContext,
  ): { order: string[]; unknown: string[]; footprints?: Map<string, RecordedChange[]> | undefined };
  /**
   * The test files of the order up to the victim, the victim's own included, as the order names them: a listing
   * limited to these has every test the search needs. Undefined when a test's file cannot be told (a pytest JUnit
   * report names classes, not files): then the whole project is listed.
   */
  files(context: ResolveContext): string[] | undefined;
}

/** The file part of a test id as polluter prints it (pytest `file::name`, jest and vitest `|project| file > name`). */
export function fileOfId(id: string, runner: string): string {
  return runner === 'pytest' ? splitNodeid(id).file : splitJsId(id).file;
}

/** Each file once, in the order first named; undefined when one of them is. */
function distinctFiles(files: readonly (string | undefined)[]): string[] | undefined {
  return files.some((file) => file === undefined) ? undefined : [...new Set(files as string[])];
}

export async function openOrderSource(spec: OrderSpec, victim: string): Promise<OrderSource> {
  switch (spec.kind) {
    case 'order-file': {
      const ids = await readOrderFile(spec.file);
      if (!ids.includes(victim)) throw victimNotInOrderFile(victim, spec.file);
      const before = ids.slice(0, ids.indexOf(victim) + 1);
      return {
        label: 'order file',
        identity: ids,
        resolve(collected) {
          const known = new Set(collected);
          return {
            order: before.filter((id) => known.has(id) || id === victim),
            unknown: before.filter((id) => !known.has(id)),
          };
        },
        files: (context) => distinctFiles(before.map((id) => fileOfId(id, context.runner))),
      };
    }
    case 'log':
    case 'junit':
    case 'json':
    case 'record': {
      const tests = await readArtifact(spec.kind, spec.file);
      const where = basename(spec.file);
      const run = selectVictimRun(tests, victim, spec.kind, where, spec.worker);
      const label = run.worker === undefined ? `order of ${where}` : `worker ${run.worker} of ${where}`;
      const names = createHash('sha256')
        .update(JSON.stringify(run.tests.map(describeTest)))
        .digest('hex');
      return {
        label,
        identity: { kind: spec.kind, file: absolute(spec.file), worker: run.worker, names },
        resolve(collected, context) {
          const resolved = resolveArtifactTests(run.tests, victim, {
            collected,
            runner: context.runner,
            format: spec.kind,
          });
          if (resolved.victimCandidates.length > 1)
            throw ambiguousVictimInArtifact(victim, where, resolved.victimCandidates);
          return resolved;
        },
        files: (context) =>
          distinctFiles([...run.tests.slice(0, -1).map(fileOfTest), fileOfId(victim, context.runner)]),
      };
    }
    default:
      throw new UsageError(`unknown order source ${JSON.stringify(spec)}`);
  }
}

/** The file of a test as a CI artifact names it; undefined when it names none (a JUnit testcase without a file). */
function fileOfTest(test: ArtifactTest): string | undefined {
  if (test.nodeid !== undefined) return splitNodeid(test.nodeid).file;
  if (test.file !== undefined) return test.file;
  const classname = test.titles !== undefined && test.titles.length > 1 ? test.titles[0]! : undefined;
  return classname !== undefined && looksLikeJsFile(classname) ? classname : undefined;
}
