import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectionFailed, UsageError } from '../../errors.js';
import { runInProcessGroup, tail } from '../process.js';
import { WarmStarts } from '../warm-starts.js';
import { inProjectDir, polluterCommand } from '../reproduce-command.js';
import type { ListOptions, ListScope, RunOptions, Runner, TrialRun } from '../runner.js';
import { workerEnv, type TrialWorker } from '../worker-env.js';
import { helperErrors, toTrialRun, type TrialEvent } from './events.js';
import { assignIds, fileId, keyString, planFiles, type JsTest, type TestKey } from './test-tree.js';

const LIST_TIMEOUT_SECONDS = 600;

/** A listing as a helper file reports it: files in run order, each file's tests in definition order. */
export interface Listing {
  files: { project: string; file: string; tests: Omit<JsTest, 'project' | 'file' | 'ordinal'>[] }[];
  /** With a seed: the tests in the order the seeded shuffle runs them (definition-order ordinals). */
  shuffled?: TestKey[] | undefined;
  /** Files that could not be loaded, relative to the project, with the runner's message. */
  errors: { file: string; message: string }[];
  /** The helper's own complaint about the setup (a config that does not load, an unknown argument). */
  fatal?: string | undefined;
  /** Every test file the runner found (absolute), listed or not: a listing may be limited to an order's files. */
  testFiles?: string[] | undefined;
  /** Every project those files belong to. */
  projects?: string[] | undefined;
}

/** The listing events that jest's and vitest's helpers both write (select.cjs and sequencer.cjs, driver.mjs). */
type SharedListingEvent =
  | { event: 'tests'; project: string; file: string; tests: Listing['files'][number]['tests'] }
  | { event: 'ran'; project: string; file: string; path: string[]; ordinal: number }
  | { event: 'test-files'; projects: string[]; files: string[] };

const SHARED_LISTING_EVENTS = new Set(['tests', 'ran', 'test-files']);
const isShared = (event: { event: string }): event is SharedListingEvent => SHARED_LISTING_EVENTS.has(event.event);

/**
 * A listing from a helper's events. The events both runners write are read here; `readError` reads the runner's own
 * error events: a file that could not be loaded (`file` absolute), or the helper's complaint about the setup.
 */
export function listingFrom<Event extends { event: string }>(
  events: readonly Event[],
  {
    projectDir,
    readError,
  }: {
    projectDir: string;
    readError: (event: Event) => { file: string; message: string } | { fatal: string } | undefined;
  },
): Listing {
  const listing: Listing = { files: [], errors: [] };
  for (const event of events) {
    if (!isShared(event)) {
      const error = readError(event);
      if (error && 'fatal' in error) listing.fatal = error.fatal;
      else if (error) listing.errors.push({ file: fileId(error.file, projectDir), message: error.message });
    } else if (event.event === 'tests')
      listing.files.push({ project: event.project, file: event.file, tests: event.tests });
    else if (event.event === 'ran') {
      const { project, file, path, ordinal } = event;
      (listing.shuffled ??= []).push({ project, file, path, ordinal });
    } else Object.assign(listing, { testFiles: event.files, projects: event.projects });
  }
  return listing;
}

/** A listing that also ran the tests before the victim, then the victim, in its own order (the first trial). */
export interface ListAndRun {
  listing: Listing;
  /** The trial's events. */
  events: TrialEvent[];
  /**
   * The test the helper ran as the victim, when the run is the first trial's as a trial process would run it
   * (undefined: the run is not used; the search runs the first trial itself).
   */
  victim?: TestKey | undefined;
  /**
   * The victim's file, when the helper planned the run up to it before it could know the victim's test (vitest runs
   * the files before it loads them): a run stopped before it got there is the first trial's all the same.
   */
  victimFile?: { project: string; file: string } | undefined;
  /** Whether the listing got to its end (a crash or the time limit can end the process in the middle of it). */
  complete: boolean;
}

/** What a listing knew of the suite besides the tests asked for. */
export interface ListedSuite {
  /** The listed tests in definition order. */
  all: readonly JsTest[];
  /** Every test file the runner found (a listing limited to an order's files lists only some). */
  testFiles: readonly string[];
  /** Whether the config has several projects (ids then name them). */
  severalProjects: boolean;
}

/** What differs between jest and vitest: how to start a trial and how to read what it wrote. */
export interface JsRunnerAdapter {
  readonly name: 'jest' | 'vitest';
  readonly projectDir: string;
  readonly tempDir: string;
  /** The arguments given after `--`, passed to every run. */
  readonly passThrough: readonly string[];
  /** Folders of polluter's own files a trial loads (helpers, their copies): an error raised there is polluter's. */
  readonly helperPaths: readonly string[];
  /** The command that runs the helper on a plan file and appends events to an events file. */
  command(
    files: { plan: string; events: string },
    seed?: number,
  ): { file: string; args: string[]; env: Record<string, string> };
  /**
   * The command that starts a trial's process ahead (a warm start, see warm-starts.ts): it loads the runner, says so on
   * fd 3, and then runs the trial that environment variables POLLUTER_PLAN and POLLUTER_EVENTS, given on fd 3, name.
   * `env` is what every trial shares (the slot's worker env is added). A listing alone starts cold; the one that
   * also runs the first trial is taken from the warm starts. `ahead`: how many are kept loading or ready (default 1);
   * `wantedEnv`: added for a process its trial waits for already (see warm-starts.ts).
   */
  warmCommand(): {
    file: string;
    args: string[];
    env: Record<string, string>;
    ahead?: number;
    wantedEnv?: Record<string, string>;
  };
  /** Extra plan fields for one test (vitest's ids or line numbers). */
  planFields(test: JsTest): Record<string, unknown>;
  readListing(eventsFile: string): Promise<Listing>;
  readTrial(eventsFile: string): Promise<TrialEvent[]>;
  /** What a listing that also ran the first trial wrote (see `listAndRunUntil`). */
  readListAndRun(eventsFile: string): Promise<ListAndRun>;
  /** The runner options, given after `--`, that limit which test files it collects (for the error when none can be). */
  readonly narrowingHint: string;
  /** The runner's own command for these tests in this order, when its CLI can express it. */
  nativeCommand(tests: readonly JsTest[], suite: ListedSuite): string[] | undefined;
}

/**
 * Whether the run of a listing that also ran the first trial is that trial: it ran this test as the victim, or it
 * was stopped (the time limit) before it got to the victim's file, which it was planned up to.
 */
function ranAsVictim(read: ListAndRun, victim: JsTest): boolean {
  if (read.victim !== undefined) return keyString(read.victim) === keyString(victim);
  return (
    !read.complete &&
    read.victimFile !== undefined &&
    read.victimFile.project === victim.project &&
    read.victimFile.file === victim.file
  );
}

/** list/run/reproduce for jest and vitest: ids are made here, the adapter only speaks to the runner. */
export class JsRunner implements Runner {
  private tests: Map<string, JsTest> | undefined;
  /** What the listing knew besides: the tests in definition order (what the runners' own commands run), the files. */
  private suite: ListedSuite = { all: [], testFiles: [], severalProjects: false };
  private invocations = 0;
  private listingProcesses = 0;
  private warnings: string[] = [];
  /** The files of the scope the tests were listed in (sorted, as JSON); undefined: every file. */
  private scopeKey: string | undefined;
  /**
   * Trial processes started ahead, one set per slot of `--jobs` (key: its index, -1 with one job): each is started
   * with its slot's whole environment, worker id and temp dir included, so that what the runner reads from the
   * environment while it loads is its trial's. POLLUTER_WARM_START=0 starts every trial cold.
   */
  private readonly warmStarts = new Map<number, WarmStarts>();

  /** With a seed, `list()` gives the order of the runner's own seeded shuffle (jest --randomize, vitest shuffle). */
  constructor(
    private readonly adapter: JsRunnerAdapter,
    private readonly seed?: number | undefined,
    private readonly onListing?: ((scope: ListScope | undefined) => void) | undefined,
  ) {}

  get name() {
    return this.adapter.name;
  }

  async list(scope?: ListScope, options: ListOptions = {}): Promise<string[]> {
    const tests = options.fresh ? (await this.collect(scope)).tests : await this.listed(scope);
    return [...tests.entries()].filter(([, test]) => test.mode === 'run').map(([id]) => id);
  }

  listings(): number {
    return this.listingProcesses;
  }

  /**
   * Every id, skipped and todo tests included, with the test behind it. Listed once: a later call gives the same
   * tests, unless it asks for files the last listing left out (then it lists again, and that listing is kept).
   */
  async listed(scope?: ListScope): Promise<Map<string, JsTest>> {
    const key = scope === undefined ? undefined : JSON.stringify([...scope.files].sort());
    if (this.tests && (this.scopeKey === undefined || this.scopeKey === key)) return this.tests;
    const { tests, suite, warnings } = await this.collect(scope);
    [this.tests, this.suite, this.warnings, this.scopeKey] = [tests, suite, warnings, key];
    return tests;
  }

  /** One listing process: the tests (in run order), the same in definition order, what it left out, every test file. */
  private async collect(scope: ListScope | undefined) {
    const plan = { mode: 'list', seed: this.seed, files: scope?.files };
    const readListing = (events: string) => this.adapter.readListing(events);
    this.listingProcesses += 1;
    this.onListing?.(scope);
    const {
      read: listing,
      result,
      outputTail,
    } = await this.invoke(plan, readListing, { timeoutSeconds: LIST_TIMEOUT_SECONDS, seed: this.seed });
    return this.fromListing(listing, { timedOut: result.timedOut, exitCode: result.exitCode, outputTail }, scope);
  }

  /**
   * Lists every test and, in the same process, runs those before the victim in the listed order, then the victim: the
   * first trial of a search in the collected order, without a listing process of its own. The process is taken from
   * the warm starts, so the next one loads while it runs. When the listing did not get to its end (a crash, the time
   * limit), a listing process of its own lists the tests. The run is used only when it ran the victim the id names in
   * the whole listing, or was stopped before it got to the victim's file (see `ranAsVictim`).
   */
  async listAndRunUntil(
    victim: string,
    options: RunOptions,
  ): Promise<{ ids: string[]; run?: { ids: string[]; trial: TrialRun }; ranOther?: boolean }> {
    const plan = { mode: 'list-run', victim, projectDir: this.adapter.projectDir };
    this.listingProcesses += 1;
    this.onListing?.(undefined);
    const { read, result, outputTail } = await this.invoke(plan, (events) => this.adapter.readListAndRun(events), {
      ...options,
      warm: true,
    });
    let ids: string[];
    if (read.complete) {
      const listed = this.fromListing(
        read.listing,
        { timedOut: false, exitCode: result.exitCode, outputTail },
        undefined,
      );
      [this.tests, this.suite, this.warnings, this.scopeKey] = [listed.tests, listed.suite, listed.warnings, undefined];
      ids = [...listed.tests].filter(([, test]) => test.mode === 'run').map(([id]) => id);
    } else {
      // Stopped before its listing was complete (the time limit: a test that hangs): listed again in a process of its
      // own. What the run did up to then is the first trial all the same when it ran the victim that listing names.
      this.tests = undefined;
      ids = await this.list();
    }
    const end = ids.indexOf(victim) + 1;
    if (end === 0 || !ranAsVictim(read, this.tests!.get(victim)!))
      return { ids, ranOther: !read.complete || read.events.some((event) => event.event === 'start') };
    const prefix = ids.slice(0, end);
    const requested = new Map(prefix.map((id) => [id, this.tests!.get(id)!]));
    const trial = {
      ...toTrialRun(requested, read.events, { ...result, outputTail }),
      helperErrors: helperErrors(read.events, this.adapter.helperPaths),
    };
    return { ids, run: { ids: prefix, trial } };
  }

  /** The tests of a listing with their ids, or the error that stops the search when it lists none. */
  private fromListing(
    listing: Listing,
    result: { timedOut: boolean; exitCode?: number | undefined; outputTail: string },
    scope: ListScope | undefined,
  ) {
    const { outputTail } = result;
    if (listing.fatal !== undefined) throw new UsageError(`${this.name}: ${listing.fatal}`);
    // A file that cannot be collected (a type error, an import that fails) is left out, said once: the other files'
    // tests can still be searched. Only a listing with nothing in it stops here.
    if (result.timedOut || (listing.files.length === 0 && (listing.errors.length > 0 || result.exitCode !== 0))) {
      const errors = listing.errors.map((error) => `${error.file}: ${error.message}`).join('\n');
      throw collectionFailed(
        this.name,
        errors || outputTail || `${this.name} ended without listing any test`,
        this.adapter.narrowingHint,
      );
    }
    const warnings = listing.errors.map(
      (error) => `left out ${error.file}: ${this.name} could not collect it: ${summary(error.message)}`,
    );
    const tests: JsTest[] = [];
    for (const { project, file, tests: inFile } of listing.files) {
      const seen = new Map<string, number>();
      for (const test of inFile) {
        const path = JSON.stringify(test.path);
        const ordinal = seen.get(path) ?? 0;
        seen.set(path, ordinal + 1);
        tests.push({ ...test, project, file, ordinal });
      }
    }
    // Ids name the project when the config has several, whichever files this listing loaded.
    const projects =
      scope === undefined || listing.projects === undefined
        ? new Set(tests.map((test) => test.project)).size
        : listing.projects.length;
    const ids = assignIds(tests, this.adapter.projectDir, projects > 1);
    const suite = {
      all: [...ids.values()],
      testFiles: listing.testFiles ?? [...new Set(tests.map((test) => test.file))],
      severalProjects: projects > 1,
    };
    return { tests: listing.shuffled ? inShuffledOrder(ids, listing.shuffled) : ids, suite, warnings };
  }

  async close(): Promise<void> {
    await Promise.all([...this.warmStarts.values()].map((starts) => starts.close()));
  }

  async run(ids: readonly string[], options: RunOptions): Promise<TrialRun> {
    const known = this.tests ?? (await this.listed());
    const requested = new Map(ids.map((id) => [id, known.get(id)!]));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`not listed by ${this.name}: ${unknown.join(', ')}`);
    const files = planFiles([...requested.values()]).map((entry) => ({
      project: entry.project,
      file: entry.file,
      tests: entry.tests.map((test) => ({ path: test.path, ordinal: test.ordinal, ...this.adapter.planFields(test) })),
    }));
    const {
      read: events,
      result,
      outputTail,
    } = await this.invoke({ mode: 'run', files }, (file) => this.adapter.readTrial(file), { ...options, warm: true });
    return {
      ...toTrialRun(requested, events, { ...result, outputTail }),
      helperErrors: helperErrors(events, this.adapter.helperPaths),
    };
  }

  listingWarnings(): readonly string[] {
    return this.warnings;
  }

  reproduceCommand(ids: readonly string[]): string {
    const tests = ids.map((id) => this.tests?.get(id)).filter((test): test is JsTest => test !== undefined);
    const native = this.tests ? this.adapter.nativeCommand(tests, this.suite) : undefined;
    // The arguments after `--` go with the command either way (the native one has them already).
    const passThrough = this.adapter.passThrough.length > 0 ? ['--', ...this.adapter.passThrough] : [];
    const command = native ?? [
      ...polluterCommand(this.adapter.projectDir),
      'run',
      '--runner',
      this.name,
      ...ids,
      ...passThrough,
    ];
    return inProjectDir(this.adapter.projectDir, command);
  }

  /** The file of a test (in its project): a jest or vitest trial costs ~0.4–0.6 s, plus 50–200 ms per file it loads. */
  groupOf(id: string): string | undefined {
    const test = this.tests?.get(id);
    return test && JSON.stringify([test.project, test.file]);
  }

  /**
   * One runner process for `plan`, its events read by `read`. `seed`: a seeded listing (always cold); `warm`: the
   * process is taken from the warm starts when one is ready.
   */
  private async invoke<T>(
    plan: object,
    read: (eventsFile: string) => Promise<T>,
    options: RunOptions & { seed?: number | undefined; warm?: boolean },
  ) {
    this.invocations += 1;
    const base = join(this.adapter.tempDir, `${this.name}-${this.invocations}`);
    const files = { plan: `${base}.plan.json`, events: `${base}.events.jsonl`, output: `${base}.output.log` };
    await writeFile(files.plan, JSON.stringify(plan));
    const command = this.adapter.command(files, options.seed);
    // The limit is on the time since the last event (a test's start or end), not on the whole run.
    const supervision = { timeoutSeconds: options.timeoutSeconds, progressFile: files.events, signal: options.signal };
    try {
      const warm =
        options.warm && !options.signal?.aborted
          ? await this.warmStartsFor(options.worker)?.take(options.timeoutSeconds)
          : undefined;
      if (warm) files.output = warm.outputFile;
      const result = warm
        ? await warm.run({ POLLUTER_PLAN: files.plan, POLLUTER_EVENTS: files.events }, [], supervision)
        : await runInProcessGroup(command.file, command.args, {
            cwd: this.adapter.projectDir,
            env: { ...command.env, ...workerEnv(options.worker) },
            outputFile: files.output,
            ...supervision,
          });
      return { read: await read(files.events), result, outputTail: await tail(files.output) };
    } finally {
      await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
    }
  }

  private warmStartsFor(worker: TrialWorker | undefined): WarmStarts | undefined {
    if (process.env.POLLUTER_WARM_START === '0') return undefined;
    const key = worker?.index ?? -1;
    let starts = this.warmStarts.get(key);
    if (starts === undefined) {
      const command = this.adapter.warmCommand();
      starts = new WarmStarts({
        file: command.file,
        args: command.args,
        cwd: this.adapter.projectDir,
        env: { ...command.env, ...workerEnv(worker) },
        tempDir: this.adapter.tempDir,
        name: `${this.name}-${key + 1}`,
        ahead: command.ahead,
        wantedEnv: command.wantedEnv,
      });
      this.warmStarts.set(key, starts);
    }
    return starts;
  }
}

/** A runner's error in one line: colours dropped, the first line that says something (a stack does not). */
function summary(message: string): string {
  const lines = message
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim());
  const line =
    lines.find((each) => each !== '' && !/^(●|Test suite failed to run)/.test(each)) ??
    lines.find((each) => each !== '') ??
    '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The listed tests in the order a seeded run executes them; tests it did not run (skipped, todo) stay at the end. */
function inShuffledOrder(tests: ReadonlyMap<string, JsTest>, order: readonly TestKey[]): Map<string, JsTest> {
  const idOf = new Map([...tests].map(([id, test]) => [keyString(test), id]));
  const ordered = new Map<string, JsTest>();
  for (const key of order) {
    const id = idOf.get(keyString(key));
    if (id !== undefined) ordered.set(id, tests.get(id)!);
  }
  for (const [id, test] of tests) if (!ordered.has(id)) ordered.set(id, test);
  return ordered;
}
