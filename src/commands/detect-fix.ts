// `detect --fix` and `find --failed --fix`: after the searches, one fix per set of polluters, proposed and proven on
// every victim of those polluters in a scratch copy of the project, as `polluter fix` does for one victim.
import { fixGroups, type FixGroup } from '../fix/groups.js';
import { fixSection, proposeFix, withScratch, type FixAttempt, type Scratch } from '../fix/propose.js';
import type { Databases } from '../project/databases/index.js';
import type { DetectFix, DetectReport } from '../report/detect-report.js';
import type { RunnerSettings } from '../runners/create.js';
import { withTempDir } from '../temp-dir.js';
import type { CommandIo } from './io.js';
import type { FailingOrder } from './triage.js';

export interface DetectFixSettings extends Omit<RunnerSettings, 'tempDir' | 'seed' | 'runner'> {
  /** Runs of the victim after its polluters, with the patch, in each proof. */
  repeat: number;
  timeoutSeconds?: number | undefined;
}

export interface DetectFixWork {
  settings: DetectFixSettings;
  /** The order each victim failed in (its ids up to and including the victim): the proof's failing-order check. */
  failing: ReadonlyMap<string, FailingOrder>;
  /** The watched databases, put back before every proof run as before every trial. */
  databases: Databases;
  io: CommandIo;
}

// A proof run that hangs is stopped after this long (--timeout sets it), as in `polluter fix`.
const PROOF_TIMEOUT_SECONDS = 600;

/** The report with `fixes`: one per set of polluters of polluted victims; the proofs' runs and time are added to its own. */
export async function withFixes(report: DetectReport, work: DetectFixWork): Promise<DetectReport> {
  const groups = fixGroups(report.victims);
  if (groups.length === 0) {
    work.io.progress('--fix: no polluted victim, no fix to propose');
    return { ...report, fixes: [] };
  }
  const started = performance.now();
  const fixes: DetectFix[] = [];
  let trials = 0;
  const warnings: string[] = [];
  try {
    await withTempDir((tempDir) =>
      withScratch(
        { ...work.settings, runner: report.runner },
        { tempDir, databases: work.databases, progress: work.io.progress },
        async (scratch) => {
          work.io.progress(`collecting tests with ${report.runner} in the scratch copy`);
          const collected = await scratch.runner.list();
          trials += 1;
          for (const [index, group] of groups.entries()) {
            const noun = group.victims.length === 1 ? 'victim' : 'victims';
            work.io.progress(
              `polluters ${index + 1}/${groups.length}: ${group.polluters.join(', ')} → ${group.victims.length} ${noun}: one fix for ${group.victims.length === 1 ? 'it' : 'them all'}`,
            );
            const attempt = await fixGroup(group, collected, scratch, work);
            trials += attempt.trials;
            fixes.push(detectFixOf(group, attempt));
            const answer = fixes.at(-1)!.fix;
            work.io.progress(
              `polluters ${index + 1}/${groups.length}: ${answer ? `${answer.strategy}, proven on ${answer.repairs.length} ${noun}` : 'no fix proven'}`,
            );
          }
        },
      ),
    );
  } catch (error) {
    // Ctrl-C stops the job; anything else stops only the fixes: the searches' report is still written.
    if (work.io.signal?.aborted) throw error;
    const why = `the fixes stopped: ${error instanceof Error ? error.message : String(error)}`;
    warnings.push(why);
    work.io.progress(`warning: ${why}`);
    for (const group of groups.slice(fixes.length)) {
      fixes.push({
        polluters: group.polluters,
        victims: group.victims.map((victim) => victim.victim),
        fix: null,
        fixTried: [],
        fixNotes: [why],
      });
    }
  }
  // The proofs' runs and time count as the job's.
  const seconds = Math.round((report.seconds + (performance.now() - started) / 1000) * 10) / 10;
  return { ...report, fixes, trials: report.trials + trials, seconds, warnings: [...report.warnings, ...warnings] };
}

/** One group's fix: proposed once, proven on each of its victims in the order it failed in. */
function fixGroup(
  group: FixGroup,
  collected: readonly string[],
  scratch: Scratch,
  work: DetectFixWork,
): Promise<FixAttempt> {
  const subjects = group.victims.map(({ victim, polluters }) => {
    const failed = work.failing.get(victim)?.order ?? [];
    const before = failed.slice(0, failed.indexOf(victim) === -1 ? failed.length : failed.indexOf(victim));
    return { victim, culprits: polluters, order: before, collected };
  });
  const { settings, io } = work;
  return proposeFix({ runner: group.victims[0]!.runner, leaks: group.leaks, subjects }, scratch, {
    repeat: settings.repeat,
    full: false,
    timeoutSeconds: settings.timeoutSeconds ?? PROOF_TIMEOUT_SECONDS,
    signal: io.signal,
    progress: io.progress,
  });
}

/** The group's entry of `fixes`: every check and tried candidate names the victim it ran on. */
export function detectFixOf(group: FixGroup, attempt: FixAttempt): DetectFix {
  const victims = group.victims.map((victim) => victim.victim);
  const base = { polluters: group.polluters, victims, fixTried: attempt.tried, fixNotes: attempt.notes };
  if (!attempt.proven) return { ...base, fix: null };
  const { candidate, proofs } = attempt.proven;
  const checks = proofs.flatMap(({ victim, proof }) => proof.checks.map((check) => ({ ...check, victim })));
  const trials = proofs.reduce((sum, { proof }) => sum + proof.trials, 0);
  return {
    ...base,
    fix: { ...fixSection(candidate, { checks, trials }), repairs: proofs.map(({ victim }) => victim) },
  };
}
