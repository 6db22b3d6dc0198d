// Every error a user can cause is built here, so they all read the same way: what was wrong, what to do.

import { printable } from './printable.js';

/** Bad input: one line on stderr, exit status 2, nothing written. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export function optionRepeated(name: string, values: readonly string[]): UsageError {
  return new UsageError(
    `--${name} is given more than once (${values.map((value) => `'${printable(value)}'`).join(', ')}): expected it once`,
  );
}

// Command-line options: each checked once, where the command line is read (src/commands/options/).

/** A value of the wrong shape: `--jobs takes a whole number of at least 1, not 0`. */
export function badOptionValue(flag: string, takes: string, got: unknown): UsageError {
  return new UsageError(`--${flag} takes ${takes}, not ${String(got)}`);
}

export function noSuchProject(dir: string): UsageError {
  return new UsageError(`--project ${dir}: no such directory`);
}

// Options that only mean something beside another.

export function shellWithoutBeforeTrial(): UsageError {
  return new UsageError('--shell only says how to run --before-trial; pass that too');
}

export function workerWithoutLogOrRecord(): UsageError {
  return new UsageError('--worker picks a worker of the log or record CI wrote: pass --from-log or --from-record too');
}

export function seedWithoutShuffle(): UsageError {
  return new UsageError('--shuffle-seed seeds --shuffle; pass --shuffle too');
}

export function shardedShuffleWithoutSeed(): UsageError {
  return new UsageError('--shard with --shuffle needs --shuffle-seed: every shard must run the same shuffled rounds');
}

export function databaseContradiction(): UsageError {
  return new UsageError('--database and --no-database contradict each other: pass one');
}

export function ordersContradict(flags: readonly string[]): UsageError {
  return new UsageError(`${flags.join(' and ')} each name the order to search: pass one`);
}

export function noVictim(): UsageError {
  return new UsageError(
    'name the victim (a test id as polluter list prints it), or pass --failed with a CI artifact (--from-junit, --from-log, --from-json, --from-record)',
  );
}

export function victimBesideFailed(victim: string): UsageError {
  return new UsageError(
    `--failed searches every failed test of the artifact; got a victim too (${victim}): pass one or the other`,
  );
}

export function notWithFailed(flag: string): UsageError {
  return new UsageError(`--failed takes each failure's order from its artifact: ${flag} does not apply`);
}

export function failedWithoutArtifact(): UsageError {
  return new UsageError(
    '--failed needs the CI artifact to take the failures from: pass --from-junit, --from-log, --from-json or --from-record',
  );
}

export function onlyWithFailed(flag: string): UsageError {
  return new UsageError(`--${flag} goes with --failed`);
}

export function fixWithoutFailed(): UsageError {
  return new UsageError(
    '--fix goes with --failed (every victim of a CI artifact); for one victim, run polluter fix VICTIM',
  );
}

export function fixFormat(format: string): UsageError {
  return new UsageError(`--format: fix writes text, json or markdown, not ${format}`);
}

export function noTestsToRun(): UsageError {
  return new UsageError('name the tests to run (or pass --order-file)');
}

export function unknownTestId(id: string, closest: readonly string[]): UsageError {
  const hint = closest.length > 0 ? `; closest: ${closest.map((candidate) => `'${candidate}'`).join(', ')}` : '';
  return new UsageError(`unknown test id '${id}'${hint} (polluter list prints every id)`);
}

export function victimNotInOrderFile(id: string, file: string): UsageError {
  return new UsageError(`the victim '${id}' is not in the order file ${file}`);
}

export function unreadableFile(what: string, file: string, cause: unknown): UsageError {
  const reason = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'no such file' : String(cause);
  return new UsageError(`cannot read the ${what} ${file}: ${reason}`);
}

export function collectionFailed(runner: string, message: string, narrowing?: string): UsageError {
  const hint = narrowing === undefined ? '' : `\nto collect only some test files, pass ${narrowing} after --`;
  return new UsageError(`${runner} could not collect the project's tests:\n${message.trimEnd()}${hint}`);
}

export function pytestSeed(): UsageError {
  return new UsageError(
    "--seed reproduces jest's and vitest's seeded shuffles; for pytest-randomly, save the order of that seed (pytest -p randomly --randomly-seed=N --collect-only -q > order.txt) and pass it with --order-file",
  );
}

export function runnersEquallyLikely(projectDir: string, runners: readonly string[]): UsageError {
  const named = `${runners.slice(0, -1).join(', ')} and ${runners.at(-1)}`;
  return new UsageError(
    `${projectDir} is set up for ${named} alike: say which to use with --runner ${runners.join(' or --runner ')}`,
  );
}

export function noRunnerFound(projectDir: string, runners: readonly string[]): UsageError {
  return new UsageError(
    `cannot tell which test runner ${projectDir} uses (no vitest or jest in package.json or a config file; no pytest config, conftest.py, test_*.py or *_test.py file): pass --runner ${runners.join('|')}`,
  );
}

// polluter's own state (journals, locks): private to the user.

export function stateDirUnusable(dir: string, cause: unknown): UsageError {
  const reason = cause instanceof Error ? ('code' in cause ? String(cause.code) : cause.message) : String(cause);
  return new UsageError(
    `cannot use ${dir} for polluter's journals and locks (${reason}): set POLLUTER_STATE_DIR or XDG_STATE_HOME to a directory of yours`,
  );
}

export function foreignFile(path: string, uid: number): UsageError {
  return new UsageError(
    `${path} belongs to another user (uid ${uid}), not to you: polluter will not trust it; remove it, or pass another --journal FILE`,
  );
}

export function searchRunning(projectDir: string, holder: string): UsageError {
  return new UsageError(
    `another polluter search${holder ? ` (pid ${holder})` : ''} is running on ${projectDir}: wait for it, or leave out --no-wait to queue behind it`,
  );
}

// Report outputs (--format / --output): checked before any test runs.

export function outputFormatUnknown(file: string): UsageError {
  return new UsageError(
    `--output ${file}: cannot tell the format from the extension (.json, .xml, .md, .txt); put a --format before it`,
  );
}

export function outputFormatMismatch(file: string, given: string, looksLike: string): UsageError {
  return new UsageError(
    `--output ${file} looks like ${looksLike} but is paired with --format ${given} (the n-th --output goes with the n-th --format)`,
  );
}

export function outputsOnStdout(formats: readonly string[]): UsageError {
  return new UsageError(`--format ${formats.join(' and ')} would all go to stdout: give all but one an --output file`);
}

export function outputTwice(file: string): UsageError {
  return new UsageError(`--output ${file} is given twice`);
}

export function outputNotWritable(file: string, reason: string): UsageError {
  return new UsageError(`--output ${file}: ${reason}`);
}

/**
 * A trial that did not run the victim as planned (its file did not load, polluter's own files failed): never a
 * failure of the victim. The search stops without a verdict: one line on stderr, exit status 5.
 */
export class InvalidTrialError extends Error {
  readonly exitCode = 5;
}

export function invalidTrial(runner: string, reason: string): InvalidTrialError {
  return new InvalidTrialError(
    `a ${runner} trial did not run the victim, so the search stopped without a verdict: ${reason}`,
  );
}

/** A failed call to the GitHub API: one line on stderr, exit status 4 (bad input stays 2). */
export class GitHubApiError extends Error {
  readonly exitCode = 4;
}

// polluter comment: what it needs to know before it calls GitHub.

export function noGitHubToken(): UsageError {
  return new UsageError(
    'GITHUB_TOKEN is not set: in GitHub Actions pass env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} (or use --dry-run)',
  );
}

export function noRepository(): UsageError {
  return new UsageError('which repository? pass --repo owner/name (in GitHub Actions, GITHUB_REPOSITORY says it)');
}

export function badRepository(value: string): UsageError {
  return new UsageError(`--repo takes owner/name, not ${value}`);
}

export function noPullRequest(eventPath: string | undefined): UsageError {
  const event = eventPath ? `; the event at GITHUB_EVENT_PATH has no pull_request.number or issue.number` : '';
  return new UsageError(`which pull request? pass --pr N${event}`);
}

export function badPullRequest(value: unknown): UsageError {
  return new UsageError(`--pr takes a pull request number, not ${value}`);
}

export function badApiUrl(value: string): UsageError {
  return new UsageError(`--api-url takes an http(s) URL like https://api.github.com, not ${value}`);
}

export function badMarker(value: string): UsageError {
  return new UsageError(`--marker takes letters, digits, '.', '_' and '-', not ${value}`);
}

export function notAReport(file: string): UsageError {
  return new UsageError(`${file} is not a polluter report: pass the JSON of find --format json, detect or merge`);
}

export function unknownRunnerInCommand(command: readonly string[]): UsageError {
  return new UsageError(
    `cannot tell which test runner \`${command.join(' ')}\` starts (pytest, python -m pytest, jest, vitest, npx jest, npx vitest are recognised): pass --runner pytest|jest|vitest`,
  );
}

export function stateNotRecordedFor(runner: string): UsageError {
  return new UsageError(
    `record --state: expected a pytest command (what each test left changed is recorded for pytest only), got ${runner}`,
  );
}

export function outputDirNotWritable(dir: string, cause: unknown): UsageError {
  const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
  return new UsageError(
    `cannot create or write the output directory ${dir} (${reason}): pass --output with a directory you can write`,
  );
}

export function cannotRunCommand(program: string, cause: unknown): UsageError {
  const reason =
    cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'not found on PATH' : String(cause);
  return new UsageError(`cannot run ${program}: ${reason}`);
}

// CI artifacts (find --from-log, --from-junit, --from-json, --from-record): checked before any test runs.

export function badArtifact(flag: string, file: string, problem: string): UsageError {
  return new UsageError(`${flag} ${file} ${problem}`);
}

export function artifactOfAnotherFormat(
  flag: string,
  file: string,
  got: string,
  expected: string,
  rightFlag: string,
): UsageError {
  return new UsageError(`${flag} ${file} is ${got}, not ${expected}: pass it with ${rightFlag}`);
}

export function victimNotInArtifact(victim: string, where: string, closest: readonly string[]): UsageError {
  const hint = closest.length > 0 ? `; closest: ${closest.map((name) => `'${name}'`).join(', ')}` : '';
  return new UsageError(`the victim '${victim}' is not in ${where}${hint}`);
}

export function unknownWorker(worker: string, where: string, workers: readonly string[]): UsageError {
  if (workers.length === 0)
    return new UsageError(
      `--worker ${worker}: ${where} ran every test in one process (no workers); leave --worker out`,
    );
  return new UsageError(`--worker ${worker}: ${where} has no worker ${worker}; it has ${workers.join(', ')}`);
}

export function victimNotOnWorker(victim: string, worker: string, where: string, ranOn: readonly string[]): UsageError {
  return new UsageError(
    `the victim '${victim}' did not run on worker ${worker} in ${where}; it ran on ${ranOn.join(', ')}`,
  );
}

export function ambiguousVictimInArtifact(victim: string, where: string, ids: readonly string[]): UsageError {
  return new UsageError(
    `${where} names the victim '${victim}' only by its title, which ${ids.length} tests share (${ids.map((id) => `'${id}'`).join(', ')}): write the report with the test files in it (jest-junit: addFileAttribute="true"), or use --from-json`,
  );
}

// polluter fix: its input report, and the project it would write into.

export function notAFindReport(file: string, problem: string): UsageError {
  return new UsageError(`--report ${file}: expected the JSON of polluter find --format json or detect, got ${problem}`);
}

export function victimNotInReport(victim: string, file: string, victims: readonly string[]): UsageError {
  const known =
    victims.length > 0
      ? `; it has ${victims
          .slice(0, 5)
          .map((id) => `'${id}'`)
          .join(', ')}`
      : '';
  return new UsageError(`--report ${file} has no search of the victim '${victim}'${known}`);
}

export function projectChangedSinceCopy(file: string): UsageError {
  return new UsageError(
    `--apply: ${file} changed in the project while the fix was proven; nothing was written (run polluter fix again)`,
  );
}

// Databases (--database, DATABASE_URL, PG*): checked before any test runs.

export function badDatabaseUrl(value: string): UsageError {
  return new UsageError(`--database: expected a postgresql://… or sqlite:///path URL, got '${value}'`);
}

/** A watched database polluter cannot snapshot: the search would start from rows the trials left, so it stops. */
export function cannotSnapshot(database: string, reason: string): UsageError {
  return new UsageError(
    `cannot snapshot the database ${database}: ${reason}; fix that, or pass --no-database and reset it yourself with --before-trial`,
  );
}
