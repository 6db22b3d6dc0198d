// The cleaner strategy: when no leak polluter saw gives a proven fix (state it does not fingerprint: a database row, a
// file outside the project), a test that makes the victim pass again shows what resets the state. Its statements,
// asserts (expect lines) left out, run after the polluters in an autouse fixture (pytest) or an afterEach (jest, vitest); then
// as few of them as still prove.
import { ProjectFiles } from '../project/leftovers.js';
import type { TriedFix } from '../report/fix-report.js';
import { runnerOracle } from '../runners/oracle.js';
import { readCleanerBody } from '../runners/pytest/cleaner-body.js';
import type { RunnerName } from '../runners/runner.js';
import { findCleaners } from '../search/cleaners.js';
import { addCleanerFixture, minimiseStatements, nodeName, quoted, unusableBody } from './cleaner.js';
import { addAfterEach } from './javascript.js';
import { importFrom, readJsCleaner, topLevelNames, withImports } from './js-cleaner.js';
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

/** A fix from what a cleaner test does (pytest, jest, vitest), proven like every candidate; `known` are the report's cleaners. */
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
    const plan =
      scratch.runner.name === 'pytest'
        ? await pytestPlan(cleaner, subject.culprits, scratch, settings.python)
        : await jsPlan(scratch.runner.name, cleaner, subject.culprits, scratch);
    if (typeof plan === 'string') {
      notes.push(`the cleaner ${cleaner} cannot be copied into a ${hookWord(scratch.runner.name)}: ${plan}`);
      continue;
    }
    const candidateOf = async (kept: readonly number[]): Promise<FixCandidate> => {
      const files = new FileSet((file) => scratch.copy.read(file));
      await plan.write(files, kept);
      return {
        kind: 'cleaner',
        strategy: `what the cleaner ${cleaner} does, run after the polluter in ${plan.where}`,
        scope: 'local',
        explanation:
          `${settings.because} The cleaner ${cleaner}, run between the polluter and the victim, makes the victim pass again. ` +
          `The ${hookWord(scratch.runner.name)} runs what ${cleaner} does after ${subject.culprits.join(', ')}: ${plan.quote(kept)} (${plan.left}).`,
        edits: files.edits(),
      };
    };
    const all = [...Array(plan.count).keys()];
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
        const dropped = all.filter((index) => !kept.includes(index)).map((index) => index + 1);
        settings.progress(`without statement(s) ${dropped.join(', ')}`);
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

function hookWord(runner: RunnerName): string {
  return runner === 'pytest' ? 'fixture' : 'afterEach';
}

/** How a cleaner's statements are written into the polluters' files: how many there are, and the edits for a subset. */
interface CleanerPlan {
  count: number;
  where: string;
  /** What was left out of the cleaner, for the explanation. */
  left: string;
  quote(kept: readonly number[]): string;
  write(files: FileSet, kept: readonly number[]): Promise<void>;
}

/** The culprits grouped by their file. */
function byFile(runner: RunnerName, culprits: readonly string[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const id of culprits) files.set(testFileOf(runner, id), [...(files.get(testFileOf(runner, id)) ?? []), id]);
  return files;
}

/** pytest: the body read with Python's ast; an autouse fixture in each polluter's module. */
async function pytestPlan(
  cleaner: string,
  culprits: readonly string[],
  scratch: Scratch,
  python: string | undefined,
): Promise<CleanerPlan | string> {
  const file = testFileOf('pytest', cleaner);
  const name = nodeName(cleaner).replace(/\[.*$/s, '');
  const body =
    cleaner.split('::').length === 2
      ? await readCleanerBody({ projectDir: scratch.copy.dir, python }, file, name)
      : undefined;
  if (body === undefined) return 'it is not a module-level test function of its file';
  const sameModule = culprits.every((id) => testFileOf('pytest', id) === file);
  const unusable = unusableBody(body, sameModule);
  if (unusable !== undefined) return unusable;
  return {
    count: body.statements.length,
    where: "an autouse fixture (in the polluter's module)",
    left: 'its asserts left out',
    quote: (kept) => quoted(body, kept),
    async write(files, kept) {
      for (const [module, polluters] of byFile('pytest', culprits))
        await addCleanerFixture(files, module, { cleaner, body, polluters, kept, sameModule });
    },
  };
}

/** jest, vitest: the body read with the TypeScript parser; an afterEach in each polluter's file. */
async function jsPlan(
  runner: RunnerName,
  cleaner: string,
  culprits: readonly string[],
  scratch: Scratch,
): Promise<CleanerPlan | string> {
  const [file, ...titles] = cleaner.split(' > ');
  const text = await scratch.copy.read(file!);
  if (text === null) return 'its file cannot be read';
  const { default: ts } = await import('typescript');
  const body = readJsCleaner(ts, text, file!, titles);
  if (body === undefined)
    return 'no test(title, () => {…}) of that name, without a done callback, was found in its file';
  if (body.statements.length === 0) return 'it has no statement but its expect lines';
  const sameFile = culprits.every((id) => testFileOf(runner, id) === file);
  if (!sameFile && body.defined.length > 0)
    return `it uses ${body.defined.join(', ')}, declared in its own file, which the polluter's file does not see`;
  return {
    count: body.statements.length,
    where: "an afterEach (in the polluter's file)",
    left: 'its expect lines left out',
    quote: (kept) => kept.map((index) => `\`${body.statements[index]!.source.replace(/\s*\n\s*/g, ' ')}\``).join('; '),
    async write(files, kept) {
      for (const [testFile, polluters] of byFile(runner, culprits)) {
        const current = (await files.text(testFile)) ?? '';
        const bound = topLevelNames(ts, current, testFile);
        const imports = body.imports
          .filter((entry) => testFile !== file && entry.names.some((name) => !bound.has(name)))
          .map((entry) => importFrom(entry, file!, testFile));
        await files.write(testFile, withImports(ts, current, testFile, imports));
        // The name expect.getState() gives a test: its describe titles and its own, joined by spaces (jest) or ' > '.
        const names = polluters.map((id) =>
          JSON.stringify(
            id
              .split(' > ')
              .slice(1)
              .join(runner === 'jest' ? ' ' : ' > '),
          ),
        );
        await addAfterEach(files, testFile, {
          comment: `After ${polluters.join(', ')}: what the cleaner test ${cleaner} does (its expect lines left out).`,
          async: body.async,
          body: [
            `if ([${names.join(', ')}].includes(expect.getState().currentTestName)) {`,
            ...kept.flatMap((index) => statementLines(body.statements[index]!).map((line) => `  ${line}`)),
            '}',
          ],
          uses: ['expect'],
        });
      }
    },
  };
}

/** A statement as written in the hook: a call kept from an expect gets its semicolon. */
function statementLines(statement: { source: string; fromAssert: boolean }): string[] {
  return (statement.fromAssert ? `${statement.source};` : statement.source).split('\n');
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
