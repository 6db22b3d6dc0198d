// The cleaner strategy: when no leak polluter saw gives a proven fix (state it does not fingerprint: a database row, a
// file outside the project), a test that makes the victim pass again shows what resets the state. Its statements,
// asserts left out, run after the polluters in an autouse fixture; then as few of them as still prove.
import { ProjectFiles } from '../project/leftovers.js';
import type { TriedFix } from '../report/fix-report.js';
import { runnerOracle } from '../runners/oracle.js';
import { readCleanerBody, type CleanerBody } from '../runners/pytest/cleaner-body.js';
import { findCleaners } from '../search/cleaners.js';
import { addCleanerFixture, minimiseStatements, nodeName, quoted, unusableBody } from './cleaner.js';
import { testFileOf, type Scratch } from './propose.js';
import { Prover, type Proof, type ProofSettings, type ProofSubject } from './prove.js';
import { FileSet, type FixCandidate } from './types.js';

// Cleaners looked for (as `--cleaners` does) and proofs spent dropping statements one at a time.
const MAX_CLEANERS = 3;
const MINIMISING_PROOFS = 8;

export interface CleanerAttempt {
  proven?: { candidate: FixCandidate; proof: Proof } | undefined;
  tried: TriedFix[];
  notes: string[];
  /** The cleaners used: the report's, or those this step found in the scratch copy. */
  cleaners: string[][];
  /** Runner processes this step started (the cleaner search, the unpatched runs and every proof). */
  trials: number;
}

export interface CleanerSettings extends ProofSettings {
  python?: string | undefined;
  /** Why the leaks gave no fix: it opens the explanation. */
  because: string;
}

/** A fix from what a cleaner test does (pytest), proven like every candidate; `known` are the report's cleaners. */
export async function cleanerFix(
  subject: ProofSubject,
  scratch: Scratch,
  known: readonly string[][],
  settings: CleanerSettings,
): Promise<CleanerAttempt> {
  const prover = new Prover(scratch.runner, scratch.copy, subject, settings);
  let searchTrials = 0;
  const attempt = (notes: string[], cleaners: string[][] = [], tried: TriedFix[] = []): CleanerAttempt => ({
    tried,
    notes,
    cleaners,
    trials: searchTrials + prover.trials,
  });
  if (scratch.runner.name !== 'pytest')
    return attempt([
      'the cleaner strategy writes pytest fixtures only: run with --cleaners to see what resets the state',
    ]);
  if (!(await prover.reproduces()))
    return attempt([
      'the victim does not fail after its polluters in a scratch copy of the project: a fix cannot be proven there',
    ]);

  let cleaners = known.map((set) => [...set]);
  if (cleaners.length === 0) {
    const found = await searchCleaners(subject, scratch, settings);
    searchTrials = found.trials;
    cleaners = found.cleaners;
  }
  if (cleaners.length === 0)
    return attempt(['no test makes the victim pass again after the polluters: no cleaner shows what resets the state']);

  const notes: string[] = [];
  const tried: TriedFix[] = [];
  for (const set of cleaners) {
    if (set.length !== 1) {
      notes.push(
        `the cleaner ${set.join(' + ')} is ${set.length} tests together: only a single test's statements are copied`,
      );
      continue;
    }
    const cleaner = set[0]!;
    const file = testFileOf('pytest', cleaner);
    const name = nodeName(cleaner).replace(/\[.*$/s, '');
    const body =
      cleaner.split('::').length === 2
        ? await readCleanerBody({ projectDir: scratch.copy.dir, python: settings.python }, file, name)
        : undefined;
    const sameModule = subject.culprits.every((id) => testFileOf('pytest', id) === file);
    const unusable =
      body === undefined ? 'it is not a module-level test function of its file' : unusableBody(body, sameModule);
    if (unusable !== undefined || body === undefined) {
      notes.push(`the cleaner ${cleaner} cannot be copied into a fixture: ${unusable}`);
      continue;
    }
    const candidateOf = (kept: readonly number[]) =>
      cleanerCandidate({
        cleaner,
        body,
        kept,
        sameModule,
        culprits: subject.culprits,
        scratch,
        because: settings.because,
      });
    const all = body.statements.map((_, index) => index);
    settings.progress(`fix from the cleaner ${cleaner}: its ${all.length} statement(s) after the polluters`);
    const first = await candidateOf(all);
    const proof = await prover.prove(first);
    if (!proof.verified) {
      tried.push({
        kind: first.kind,
        strategy: first.strategy,
        scope: first.scope,
        files: first.edits.map((edit) => edit.file),
        failed: proof.checks.find((check) => !check.passed)!,
      });
      continue;
    }
    let best = { candidate: first, proof };
    settings.progress(`dropping the cleaner's statements one at a time (at most ${MINIMISING_PROOFS} proofs)`);
    const minimised = await minimiseStatements(
      all.length,
      async (kept) => {
        const candidate = await candidateOf(kept);
        settings.progress(
          `without statement(s) ${all
            .filter((index) => !kept.includes(index))
            .map((index) => index + 1)
            .join(', ')}`,
        );
        const smaller = await prover.prove(candidate);
        if (smaller.verified) best = { candidate, proof: smaller };
        return smaller.verified;
      },
      MINIMISING_PROOFS,
    );
    const kept = minimised.kept.length;
    const of = `${kept} of its ${all.length} statement${all.length === 1 ? '' : 's'} ${kept === 1 ? 'is' : 'are'} kept`;
    best.candidate.explanation += minimised.exhausted
      ? ` ${of}: the minimisation's budget of ${MINIMISING_PROOFS} proofs ran out before each statement was tried without.`
      : kept < all.length
        ? ` ${of}: the others were dropped one at a time, each drop proven by re-runs (${minimised.tries} proofs).`
        : all.length > 1
          ? ` Each of its ${all.length} statements is needed: the proof fails without any one of them.`
          : '';
    return { proven: best, tried, notes, cleaners, trials: searchTrials + prover.trials };
  }
  return attempt(notes, cleaners, tried);
}

async function cleanerCandidate(plan: {
  cleaner: string;
  body: CleanerBody;
  kept: readonly number[];
  sameModule: boolean;
  culprits: readonly string[];
  scratch: Scratch;
  because: string;
}): Promise<FixCandidate> {
  const { cleaner, body, kept, sameModule, culprits } = plan;
  const files = new FileSet((file) => plan.scratch.copy.read(file));
  const byFile = new Map<string, string[]>();
  for (const id of culprits)
    byFile.set(testFileOf('pytest', id), [...(byFile.get(testFileOf('pytest', id)) ?? []), id]);
  for (const [file, polluters] of byFile)
    await addCleanerFixture(files, file, { cleaner, body, polluters, kept, sameModule });
  const polluters = culprits.join(', ');
  return {
    kind: 'cleaner',
    strategy: `what the cleaner ${cleaner} does, run after the polluter in an autouse fixture (in the polluter's module)`,
    scope: 'local',
    explanation:
      `${plan.because} The cleaner ${cleaner}, run between the polluter and the victim, makes the victim pass again. ` +
      `The fixture runs what ${cleaner} does after ${polluters}: ${quoted(body, kept)} (its asserts left out).`,
    edits: files.edits(),
  };
}

/** The cleaners of the scratch copy, found as `--cleaners` finds them: tests that make the victim pass again. */
async function searchCleaners(
  subject: ProofSubject,
  scratch: Scratch,
  settings: CleanerSettings,
): Promise<{ cleaners: string[][]; trials: number }> {
  const skipped = new Set([...subject.culprits, subject.victim]);
  const candidates = subject.collected.filter((id) => !skipped.has(id));
  settings.progress(
    `looking for cleaners among ${candidates.length} tests: tests that make the victim pass again after the polluters`,
  );
  const oracle = runnerOracle(scratch.runner, {
    victim: subject.victim,
    timeoutSeconds: settings.timeoutSeconds,
    signal: settings.signal,
  });
  // Files a trial leaves in the copy are removed after the search, before any proof.
  const files = await ProjectFiles.snapshot(scratch.copy.dir);
  try {
    const found = await findCleaners(oracle.oracle, {
      culprits: subject.culprits,
      candidates,
      repeat: settings.repeat,
      max: MAX_CLEANERS,
      firstTrial: 1,
      key: (id) => id,
      weight: oracle.weight,
      group: scratch.runner.groupOf && ((id: string) => scratch.runner.groupOf!(id) ?? id),
    });
    for (const set of found.cleaners) settings.progress(`cleaner: ${set.join(', ')}`);
    return { cleaners: found.cleaners, trials: oracle.processes() };
  } finally {
    await files.sweep();
  }
}
