import pc from 'picocolors';
import type { RunnerName, TestOutcome } from '../runners/runner.js';

/** The result of `polluter run`, exactly as `--format json` prints it. */
export interface RunReport {
  runner: RunnerName;
  /** Every requested test in the order it was asked for. */
  tests: { id: string; outcome: TestOutcome; seconds: number | null }[];
  /** The test that was running when the process ended (an exit, a crash, the timeout). */
  crashedDuring: string | null;
  unhandledErrors: string[];
  /** Requested tests the runner did not find (their outcome is `not-run`). */
  missing: string[];
  timedOut: boolean;
  exitCode: number | null;
  seconds: number;
  /** The runner's own command for the same run, when it can express it; else this `polluter run`. */
  command: string;
  /** The last lines the runner printed. */
  outputTail: string;
  /** Seconds spent fingerprinting the process state around the tests (pytest, jest, vitest), null where none were taken. */
  stateSeconds: number | null;
}

const OUTCOME_COLOUR: Record<TestOutcome, (text: string) => string> = {
  passed: pc.green,
  failed: pc.red,
  error: pc.red,
  skipped: pc.yellow,
  'not-run': pc.yellow,
};

export function renderRun(report: RunReport): string {
  const width = Math.max(...report.tests.map((test) => test.outcome.length));
  const lines = report.tests.map((test) => `${OUTCOME_COLOUR[test.outcome](test.outcome.padEnd(width))}  ${test.id}`);
  const counts = new Map<TestOutcome, number>();
  for (const test of report.tests) counts.set(test.outcome, (counts.get(test.outcome) ?? 0) + 1);
  lines.push(
    '',
    `${[...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ')} in ${report.seconds.toFixed(1)} s (one ${report.runner} process)`,
  );
  if (report.timedOut)
    lines.push(
      pc.yellow(
        `the run hit the timeout and was killed${report.crashedDuring ? ` during ${report.crashedDuring}` : ''}`,
      ),
    );
  else if (report.crashedDuring) lines.push(pc.yellow(`the process ended during ${report.crashedDuring}`));
  if (report.missing.length > 0) lines.push(pc.yellow(`${report.runner} did not find: ${report.missing.join(', ')}`));
  for (const error of report.unhandledErrors) lines.push(pc.yellow(`unhandled error outside the tests: ${error}`));
  if (report.tests.some((test) => test.outcome === 'skipped'))
    lines.push(pc.yellow('a selected test ran as skipped: this run proves nothing about it'));
  if (
    report.tests.some((test) => test.outcome === 'failed' || test.outcome === 'error' || test.outcome === 'not-run')
  ) {
    lines.push('', pc.bold(`Last lines of ${report.runner}'s output:`), report.outputTail);
  }
  return `${lines.join('\n')}\n`;
}
