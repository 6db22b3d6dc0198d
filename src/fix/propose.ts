// The fix pipeline `polluter fix` and `detect --fix` share: the scratch copy and its runner, then candidate patches
// written for the leaks and proven on every victim they claim to repair.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Databases } from '../project/databases/index.js';
import type { FixSection, TriedFix } from '../report/fix-report.js';
import { withCauses } from '../report/causes.js';
import type { Leak } from '../report/leaks.js';
import { withRunner, type RunnerSettings } from '../runners/create.js';
import { withRun, type Runner, type RunnerName } from '../runners/runner.js';
import { fixCandidates } from './candidates.js';
import { unifiedDiff } from './patch.js';
import { Prover, type Proof, type ProofSettings, type ProofSubject } from './prove.js';
import { ScratchCopy } from './scratch.js';
import type { FixCandidate } from './types.js';
import { unansweredNote, unprovenNote } from './unanswered.js';

/** The scratch copy of the project and the runner pointed at it (the watched databases put back before every run). */
export interface Scratch {
  copy: ScratchCopy;
  runner: Runner;
}

/**
 * Runs `work` with a copy of the project in `tempDir` (dependencies linked) and a runner for the copy, closed
 * afterwards whatever happens (see `withRunner`).
 */
export async function withScratch<T>(
  settings: Omit<RunnerSettings, 'tempDir'> & { runner: RunnerName },
  { tempDir, databases, progress }: { tempDir: string; databases: Databases; progress: (line: string) => void },
  work: (scratch: Scratch) => Promise<T>,
): Promise<T> {
  progress(`copying ${settings.projectDir} into a scratch directory (dependencies linked, not copied)`);
  const copy = await ScratchCopy.create(settings.projectDir, tempDir);
  const runnerTemp = join(tempDir, 'runner');
  await mkdir(runnerTemp);
  return withRunner({ ...settings, projectDir: copy.dir, tempDir: runnerTemp }, (projectRunner) => {
    const runner = withRun(projectRunner, async (ids, runOptions) => {
      if (databases.any) await databases.restore(runOptions.worker, true);
      return projectRunner.run(ids, runOptions);
    });
    return work({ copy, runner });
  });
}

/** What to fix: the leaks of the culprits, and every victim the fix must repair, each with its failing order. */
export interface FixTarget {
  runner: RunnerName;
  leaks: readonly Leak[];
  /** One or more victims of the same culprits; the first one's ranking of the leaks picks the candidates. */
  subjects: readonly ProofSubject[];
}

/** One victim's proof of the fix offered. */
export interface VictimProof {
  victim: string;
  proof: Proof;
}

/** A candidate that failed, with the victim whose proof it failed. */
export type TriedOnVictim = TriedFix & { victim: string };

export interface FixAttempt {
  /** The leaks, with the causes the diagnostic run found (pytest caches). */
  leaks: Leak[];
  /** The candidate proven on every subject, and each subject's proof; undefined when none was. */
  proven?: { candidate: FixCandidate; proofs: VictimProof[] } | undefined;
  /** Candidates tried before the one proven (all of them when none was). */
  tried: TriedOnVictim[];
  /** Why there is no fix, or which leaks no strategy answers. */
  notes: string[];
  /** Runner processes the proofs started, the unpatched runs they compared with included. */
  trials: number;
}

/**
 * Writes the candidate patches for the leaks, best first, and offers the first one that every subject's proof
 * passes (checked one victim after the other; the first failed check ends a candidate).
 */
export async function proposeFix(target: FixTarget, scratch: Scratch, settings: ProofSettings): Promise<FixAttempt> {
  let leaks = [...target.leaks];
  const provers: { victim: string; prover: Prover }[] = [];
  const trials = () => provers.reduce((sum, { prover }) => sum + prover.trials, 0);
  const unfixed = (notes: string[], tried: TriedOnVictim[] = []): FixAttempt => ({
    leaks,
    tried,
    notes,
    trials: trials(),
  });
  if (leaks.length === 0)
    return unfixed([
      'nothing was seen leaking (a database row, a file outside the project?): no strategy applies; the cleaners (--cleaners) show what resets the state',
    ]);
  const first = target.subjects[0]!;
  provers.push(
    ...target.subjects.map((subject) => ({
      victim: subject.victim,
      prover: new Prover(scratch.runner, scratch.copy, subject, settings),
    })),
  );

  const caches = leaks.filter((leak) => leak.kind === 'cache' && !leak.cause).map((leak) => leak.name);
  if (caches.length > 0 && target.runner === 'pytest') {
    settings.progress(
      `a diagnostic run of the polluters and the victim: what ${caches.join(', ')} kept, and under which env vars`,
    );
    leaks = withCauses(leaks, await provers[0]!.prover.cacheFills(caches));
    for (const leak of leaks) if (leak.cause) settings.progress(`cause: ${leak.cause.explanation}`);
  }
  const { candidates, unanswered } = await fixCandidates(leaks, {
    projectDir: scratch.copy.dir,
    runner: target.runner,
    victim: first.victim,
    culprits: first.culprits,
    fileOf: (id) => testFileOf(target.runner, id),
    readFile: (file) => scratch.copy.read(file),
  });
  const notes = unanswered.map((leak) => unansweredNote(leak, target.runner));
  if (candidates.length === 0)
    return unfixed([...notes, 'no strategy could write a patch for these leaks in this project']);

  for (const { victim, prover } of provers) {
    if (!(await prover.reproduces())) {
      const who = provers.length > 1 ? `the victim ${victim}` : 'the victim';
      return unfixed([
        ...notes,
        `${who} does not fail after its polluters in a scratch copy of the project: a fix cannot be proven there`,
      ]);
    }
  }
  const tried: TriedOnVictim[] = [];
  for (const [index, candidate] of candidates.entries()) {
    settings.progress(
      `fix ${index + 1} of ${candidates.length}: ${candidate.strategy} (${candidate.edits.map((edit) => edit.file).join(', ')})`,
    );
    const proofs: VictimProof[] = [];
    for (const [at, { victim, prover }] of provers.entries()) {
      if (provers.length > 1) settings.progress(`proof on ${victim}`);
      // The same patch on the same suite: its whole-suite run, when it needs one, is made once, on the first victim.
      const proof = await prover.prove(candidate, { suite: at === 0 });
      proofs.push({ victim, proof });
      if (!proof.verified) {
        const failed = proof.checks.find((check) => !check.passed)!;
        tried.push({
          kind: candidate.kind,
          strategy: candidate.strategy,
          scope: candidate.scope,
          files: candidate.edits.map((edit) => edit.file),
          failed,
          victim,
        });
        break;
      }
    }
    if (proofs.length === provers.length && proofs.every(({ proof }) => proof.verified))
      return { leaks, proven: { candidate, proofs }, tried, notes, trials: trials() };
  }
  // Each leak a strategy answered, yet no patch of it was proven: why a restore did not help, and what to do by hand.
  const answered = leaks.filter((leak) => !unanswered.includes(leak));
  return unfixed([...notes, ...answered.map((leak) => unprovenNote(leak, target.runner))], tried);
}

/** The fix section of a report: the candidate's patch, and the checks that proved it. */
export function fixSection(
  candidate: FixCandidate,
  proof: { checks: FixSection['checks']; trials: number },
): FixSection {
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

/** The file of a test id, from the project root: `tests/test_a.py::test_x`, `tests/a.test.js > suite > name`. */
export function testFileOf(runner: RunnerName, id: string): string {
  return runner === 'pytest' ? id.split('::')[0]! : id.split(' > ')[0]!;
}
