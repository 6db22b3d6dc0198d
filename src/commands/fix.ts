import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { inert } from '../printable.js';
import { projectChangedSinceCopy } from '../errors.js';
import { cleanerFix } from '../fix/cleaner-fix.js';
import { fixSection, proposeFix, withScratch, type Scratch } from '../fix/propose.js';
import { readVictimReport } from '../fix/report-input.js';
import type { FileEdit } from '../fix/types.js';
import { candidateOrders } from '../order/candidate-orders.js';
import { openOrderSource, type OrderSource } from '../order/order-source.js';
import type { FindReport } from '../report/find-report.js';
import { renderFixMarkdown, renderFixText, type FixReport, type TriedFix } from '../report/fix-report.js';
import { writeAtomically, type OutputSpec } from '../report/outputs.js';
import { databaseWatch, withDatabases, type Databases } from '../project/databases/index.js';
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
  const found =
    options.report === undefined
      ? await findReport(options, io)
      : await readVictimReport(options.report, options.victim);
  // The proof runs the suite as the search did: the watched databases are put back before every run and at the end.
  const { report, edits } = await withTempDir((tempDir) =>
    withDatabases(databaseWatch(options, io, tempDir), (databases) =>
      proveFix(found, options, io, { tempDir, databases }),
    ),
  );
  if (options.apply && report.fix) {
    await applyToProject(options.projectDir, edits);
    report.fix.applied = true;
    io.progress(`applied the fix to ${report.fix.files.join(', ')}`);
  }
  for (const output of options.outputs) {
    const text =
      output.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : output.format === 'markdown'
          ? renderFixMarkdown(report)
          : renderFixText(inert(report));
    // Text: user data made printable before the colours were added, so stdout gets the colours as they are.
    if (output.file === undefined) io.stdout(text, { coloured: output.format === 'text' });
    else await writeAtomically(output.file, output.format === 'text' ? stripVTControlCharacters(text) : text);
  }
  return report.fix ? 0 : 1;
}

/** The report, and the proven fix's edits (none when no fix was proven). */
interface Proven {
  report: FixReport;
  edits: FileEdit[];
}

async function proveFix(
  found: FindReport,
  options: FixOptions,
  io: CommandIo,
  { tempDir, databases }: { tempDir: string; databases: Databases },
): Promise<Proven> {
  const none = (note: string): Proven => ({
    report: { ...found, fix: null, fixTried: [], fixNotes: [note] },
    edits: [],
  });
  if (found.verdict !== 'polluted') return none(`polluter fix answers polluted victims; this one is ${found.verdict}`);
  return withScratch({ ...options, runner: found.runner }, { tempDir, databases, progress: io.progress }, (scratch) =>
    proveInScratch(found, options, io, scratch),
  );
}

/** `proveFix` once the scratch copy and its runner are there. */
async function proveInScratch(
  found: FindReport,
  options: FixOptions,
  io: CommandIo,
  scratch: Scratch,
): Promise<Proven> {
  // The copy is listed once; with an order, only its files (and the victim's), as the search listed the project.
  const source = options.order === undefined ? undefined : await openOrderSource(options.order, found.victim);
  const files = source?.files({ runner: found.runner });
  let scope = files && { files };
  io.progress(
    `collecting tests with ${found.runner} in the scratch copy${scope ? `: only the ${scope.files.length} file(s) the order names` : ''}`,
  );
  let collected = await scratch.runner.list(scope);
  if (
    scope &&
    (!collected.includes(found.victim) || source!.resolve(collected, { runner: found.runner }).unknown.length > 0)
  ) {
    io.progress(`the ${source!.label} names tests outside the files collected: collecting every test`);
    collected = await scratch.runner.list();
    scope = undefined;
  }
  const order = failingOrder(found, collected, source);
  const settings = {
    repeat: options.repeat,
    full: options.full,
    timeoutSeconds: options.timeoutSeconds ?? PROOF_TIMEOUT_SECONDS,
    signal: io.signal,
    progress: io.progress,
  };
  const subject = { victim: found.victim, culprits: found.polluters, order, collected, scope };
  const attempt =
    found.leaks.length === 0
      ? undefined
      : await proposeFix({ runner: found.runner, leaks: found.leaks, subjects: [subject] }, scratch, settings);
  const fixTried: TriedFix[] = (attempt?.tried ?? []).map(({ victim: _victim, ...tried }) => tried);
  const report = { ...found, leaks: attempt?.leaks ?? found.leaks, fixTried, fixNotes: attempt?.notes ?? [] };
  if (attempt?.proven) {
    const { candidate, proofs } = attempt.proven;
    return { report: { ...report, fix: fixSection(candidate, proofs[0]!.proof) }, edits: candidate.edits };
  }
  // No leak seen, or none gave a proven fix: what a cleaner test does may (state polluter does not fingerprint).
  if (attempt?.notes.some((note) => note.endsWith('a fix cannot be proven there')))
    return { report: { ...report, fix: null }, edits: [] };
  const because =
    attempt === undefined
      ? `Nothing polluter fingerprints was seen leaking from ${found.polluters.join(', ')} (a database row, a file outside the project, state in a C extension?).`
      : `No fix of the leaks seen (${found.leaks.map((leak) => `${leak.kind} ${leak.name}`).join(', ')}) passed its proof.`;
  io.progress(`${because} Trying what a cleaner test does`);
  const cleaner = await cleanerFix(subject, scratch, found.cleaners ?? [], {
    ...settings,
    python: options.python,
    because,
  });
  const notes =
    attempt === undefined
      ? [
          'nothing was seen leaking (a database row, a file outside the project?): no strategy for a kind of leak applies',
        ]
      : [];
  const withCleaner = {
    ...report,
    cleaners: cleaner.cleaners.length > 0 ? cleaner.cleaners : report.cleaners,
    fixTried: [...report.fixTried, ...cleaner.tried],
  };
  if (!cleaner.proven)
    return {
      report: { ...withCleaner, fix: null, fixNotes: [...report.fixNotes, ...notes, ...cleaner.notes] },
      edits: [],
    };
  const { candidate, proof } = cleaner.proven;
  return {
    report: {
      ...withCleaner,
      fixNotes: report.fixNotes,
      fix: { ...fixSection(candidate, proof), trials: cleaner.trials },
    },
    edits: candidate.edits,
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
