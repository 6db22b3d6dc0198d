import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectChangedSinceCopy } from '../errors.js';
import { fixCandidates } from '../fix/candidates.js';
import { unifiedDiff } from '../fix/patch.js';
import { Prover } from '../fix/prove.js';
import { readVictimReport } from '../fix/report-input.js';
import { ScratchCopy } from '../fix/scratch.js';
import { unansweredNote, unprovenNote } from '../fix/unanswered.js';
import type { FileEdit, FixCandidate } from '../fix/types.js';
import { withCauses } from '../report/causes.js';
import { candidateOrders } from '../order/candidate-orders.js';
import { openOrderSource, type OrderSource } from '../order/order-source.js';
import type { FindReport } from '../report/find-report.js';
import { renderFixMarkdown, renderFixText, type FixReport, type FixSection, type TriedFix } from '../report/fix-report.js';
import { writeAtomically, type OutputSpec } from '../report/outputs.js';
import { databaseWatch, withDatabases, type Databases } from '../project/databases/index.js';
import { createRunner } from '../runners/create.js';
import { withRun, type RunnerName } from '../runners/runner.js';
import { withTempDir } from '../temp-dir.js';
import { findReport, type FindOptions } from './find.js';
import type { CommandIo } from './io.js';

export interface FixOptions extends Omit<FindOptions, 'outputs'> {
  /** A find or detect JSON report to start from, instead of searching. */
  report?: string | undefined;
  /** Write the proven patch into the project. */
  apply: boolean;
  /** Prove local fixes on the whole suite too (project-wide ones always are). */
  full: boolean;
  outputs: OutputSpec[];
}

// A proof run that hangs is stopped after this long (--timeout sets it).
const PROOF_TIMEOUT_SECONDS = 600;

/** The coordinator of `polluter fix`: the search (or a report), candidate patches, their proof, the report. */
export async function fix(options: FixOptions, io: CommandIo): Promise<number> {
  const found = options.report === undefined ? await findReport(options, io) : await readVictimReport(options.report, options.victim);
  // The proof runs the suite as the search did: the watched databases are put back before every run and at the end.
  const { report, edits } = await withTempDir((tempDir) =>
    withDatabases(databaseWatch(options, io, tempDir), (databases) => proveFix(found, options, io, { tempDir, databases })),
  );
  if (options.apply && report.fix) {
    await applyToProject(options.projectDir, edits);
    report.fix.applied = true;
    io.progress(`applied the fix to ${report.fix.files.join(', ')}`);
  }
  for (const output of options.outputs) {
    const text = output.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : output.format === 'markdown' ? renderFixMarkdown(report) : renderFixText(report);
    if (output.file === undefined) io.stdout(text);
    else await writeAtomically(output.file, text);
  }
  return report.fix ? 0 : 1;
}

/** The report, and the proven fix's edits (none when no fix was proven). */
interface Proven {
  report: FixReport;
  edits: FileEdit[];
}

async function proveFix(
  searched: FindReport,
  options: FixOptions,
  io: CommandIo,
  { tempDir, databases }: { tempDir: string; databases: Databases },
): Promise<Proven> {
  let found = searched;
  const unfixed = (fixTried: TriedFix[], fixNotes: string[]): Proven => ({ report: { ...found, fix: null, fixTried, fixNotes }, edits: [] });
  const none = (note: string) => unfixed([], [note]);
  if (found.verdict !== 'polluted') return none(`polluter fix answers polluted victims; this one is ${found.verdict}`);
  if (found.leaks.length === 0) return none('nothing was seen leaking (a database row, a file outside the project?): no strategy applies; the cleaners (--cleaners) show what resets the state');

  io.progress(`copying ${options.projectDir} into a scratch directory (dependencies linked, not copied)`);
  const scratch = await ScratchCopy.create(options.projectDir, tempDir);
  const runnerTemp = join(tempDir, 'runner');
  await mkdir(runnerTemp);
  const projectRunner = await createRunner({ ...options, runner: found.runner, projectDir: scratch.dir, tempDir: runnerTemp });
  const runner = withRun(projectRunner, async (ids, runOptions) => {
    if (databases.any) await databases.restore(runOptions.worker, true);
    return projectRunner.run(ids, runOptions);
  });
  // The copy is listed once; with an order, only its files (and the victim's), as the search listed the project.
  const source = options.order === undefined ? undefined : await openOrderSource(options.order, found.victim);
  const files = source?.files({ runner: found.runner });
  let scope = files && { files };
  io.progress(`collecting tests with ${found.runner} in the scratch copy${scope ? `: only the ${scope.files.length} file(s) the order names` : ''}`);
  let collected = await runner.list(scope);
  if (scope && (!collected.includes(found.victim) || source!.resolve(collected, { runner: found.runner }).unknown.length > 0)) {
    io.progress(`the ${source!.label} names tests outside the files collected: collecting every test`);
    collected = await runner.list();
    scope = undefined;
  }
  const order = failingOrder(found, collected, source);
  const prover = new Prover(runner, scratch, { victim: found.victim, culprits: found.polluters, order, collected, scope }, {
    repeat: options.repeat,
    full: options.full,
    timeoutSeconds: options.timeoutSeconds ?? PROOF_TIMEOUT_SECONDS,
    signal: io.signal,
    progress: io.progress,
  });
  const caches = found.leaks.filter((leak) => leak.kind === 'cache' && !leak.cause).map((leak) => leak.name);
  if (caches.length > 0 && found.runner === 'pytest') {
    io.progress(`a diagnostic run of the polluters and the victim: what ${caches.join(', ')} kept, and under which env vars`);
    found = { ...found, leaks: withCauses(found.leaks, await prover.cacheFills(caches)) };
    for (const leak of found.leaks) if (leak.cause) io.progress(`cause: ${leak.cause.explanation}`);
  }
  const { candidates, unanswered } = await fixCandidates(found.leaks, {
    projectDir: scratch.dir,
    runner: found.runner,
    victim: found.victim,
    culprits: found.polluters,
    fileOf: (id) => testFileOf(found.runner, id),
    readFile: (file) => scratch.read(file),
  });
  const notes = unanswered.map((leak) => unansweredNote(leak, found.runner));
  if (candidates.length === 0) return unfixed([], [...notes, 'no strategy could write a patch for these leaks in this project']);

  if (!(await prover.reproduces())) {
    return unfixed([], [...notes, 'the victim does not fail after its polluters in a scratch copy of the project: a fix cannot be proven there']);
  }
  const tried: TriedFix[] = [];
  for (const [index, candidate] of candidates.entries()) {
    io.progress(`fix ${index + 1} of ${candidates.length}: ${candidate.strategy} (${candidate.edits.map((edit) => edit.file).join(', ')})`);
    const proof = await prover.prove(candidate);
    if (proof.verified) return { report: { ...found, fix: sectionOf(candidate, proof), fixTried: tried, fixNotes: notes }, edits: candidate.edits };
    tried.push({ kind: candidate.kind, strategy: candidate.strategy, scope: candidate.scope, files: candidate.edits.map((edit) => edit.file), failed: proof.checks.find((check) => !check.passed)! });
  }
  const answered = found.leaks.filter((leak) => !unanswered.includes(leak));
  return unfixed(tried, [...notes, ...answered.map((leak) => unprovenNote(leak, found.runner))]);
}

function sectionOf(candidate: FixCandidate, proof: { checks: FixSection['checks']; trials: number }): FixSection {
  return {
    diff: unifiedDiff(candidate.edits),
    files: candidate.edits.map((edit) => edit.file),
    kind: candidate.kind,
    strategy: candidate.strategy,
    scope: candidate.scope,
    explanation: candidate.explanation,
    verified: true,
    trials: proof.trials,
    checks: proof.checks,
    applied: false,
  };
}

/** The tests before the victim in the order that failed: the given order, or the collected one the report names. */
function failingOrder(found: FindReport, collected: readonly string[], source: OrderSource | undefined): string[] {
  if (source !== undefined) {
    const given = source.resolve(collected, { runner: found.runner }).order;
    return given.slice(0, given.indexOf(found.victim));
  }
  const { orders } = candidateOrders(collected, found.victim);
  const named = orders.find((order) => found.order !== null && found.order.startsWith(order.label));
  return [...(named ?? orders[0]!).predecessors];
}

/** The file of a test id, from the project root: `tests/test_a.py::test_x`, `tests/a.test.js > suite > name`. */
export function testFileOf(runner: RunnerName, id: string): string {
  return runner === 'pytest' ? id.split('::')[0]! : id.split(' > ')[0]!;
}

/** Writes the proven patch into the project, once every file is checked to be as it was when copied. */
async function applyToProject(projectDir: string, edits: readonly FileEdit[]): Promise<void> {
  for (const edit of edits) {
    const now = await readFile(join(projectDir, edit.file), 'utf8').catch(() => null);
    if (now !== edit.before) throw projectChangedSinceCopy(edit.file);
  }
  for (const edit of edits) {
    await mkdir(dirname(join(projectDir, edit.file)), { recursive: true });
    await writeFile(join(projectDir, edit.file), edit.after);
  }
}
