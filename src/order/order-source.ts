import { createHash } from 'node:crypto';
import { basename, resolve as absolute } from 'node:path';
import { readArtifact } from '../ci/artifact.js';
import type { RecordedChange } from '../ci/artifact-test.js';
import { describeTest } from '../ci/names.js';
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
  resolve(collected: readonly string[], context: ResolveContext): { order: string[]; unknown: string[]; footprints?: Map<string, RecordedChange[]> | undefined };
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
          return { order: before.filter((id) => known.has(id) || id === victim), unknown: before.filter((id) => !known.has(id)) };
        },
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
      const names = createHash('sha256').update(JSON.stringify(run.tests.map(describeTest))).digest('hex');
      return {
        label,
        identity: { kind: spec.kind, file: absolute(spec.file), worker: run.worker, names },
        resolve(collected, context) {
          const resolved = resolveArtifactTests(run.tests, victim, { collected, runner: context.runner, format: spec.kind });
          if (resolved.victimCandidates.length > 1) throw ambiguousVictimInArtifact(victim, where, resolved.victimCandidates);
          return resolved;
        },
      };
    }
    default:
      throw new UsageError(`unknown order source ${JSON.stringify(spec)}`);
  }
}
