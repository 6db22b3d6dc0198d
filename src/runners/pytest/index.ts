import { rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionFailed, UsageError } from '../../errors.js';
import { shellCommand } from '../../shell-quote.js';
import { runInProcessGroup, tail } from '../process.js';
import type {
  CacheFill,
  ListOptions,
  ListScope,
  RunOptions,
  Runner,
  StateChange,
  TestOutcome,
  TrialRun,
} from '../runner.js';
import { fingerprintEnv } from '../fingerprint-contract.js';
import { changesFromRows } from '../state-change.js';
import { workerEnv } from '../worker-env.js';
import { readEvents, type PluginEvent } from './events.js';
import { directLaunch, findInterpreter, type Interpreter, type Probed } from './interpreter.js';
import { WarmStarts } from '../warm-starts.js';

const PLUGIN_DIR = dirname(fileURLToPath(import.meta.url));
const PLUGIN_MODULE = 'polluter_plugin';
const COLLECT_TIMEOUT_SECONDS = 600;
// An interpreter that has not imported pytest by then is probed the slow way, which also says what went wrong.
const PROBE_TIMEOUT_SECONDS = 60;

export interface PytestRunnerOptions {
  projectDir: string;
  /** Scratch space in the OS temp dir: plans, event files, output. */
  tempDir: string;
  python?: string | undefined;
  /** Arguments given after `--`, passed to every pytest run. */
  pytestArgs: readonly string[];
  /** Told whenever a listing process starts (not the listing that also runs the first trial: its caller says so). */
  onListing?: ((scope: ListScope | undefined) => void) | undefined;
}

export async function createPytestRunner(options: PytestRunnerOptions): Promise<Runner> {
  // POLLUTER_WARM_START=0 starts every trial cold (the benchmark compares both that way).
  const warmStarts = process.env.POLLUTER_WARM_START !== '0';
  let warm: WarmStarts<Probed> | undefined;
  let launch: Launch | undefined;
  // The first warm process is the probe: it reports what the probe would, and then runs the first trial.
  const interpreter = await findInterpreter(options.projectDir, options.python, async (executable) => {
    if (!warmStarts) return undefined;
    const shared = sharedEnv();
    const starts = new WarmStarts<Probed>({
      file: executable,
      args: WARM_ARGS,
      cwd: options.projectDir,
      env: shared,
      tempDir: options.tempDir,
      name: 'pytest',
      // A warm pytest process takes about 0.25 s to be ready (Python, pytest, through a version manager's shim), more
      // than a small trial takes to run: with one ahead, each small trial waited for the next one to finish loading.
      ahead: 2,
    });
    warm = starts;
    const first = await starts.first(PROBE_TIMEOUT_SECONDS);
    if (first === undefined) {
      warm = undefined; // its process is killed already
      return undefined;
    }
    // Through a launcher (pyenv's shim), the next processes start the interpreter it started, directly.
    const direct = await directLaunch(first.ready.started, {
      command: executable,
      args: WARM_ARGS,
      env: { ...process.env, ...shared }, // what the first process was started with
      processGroup: first.processGroup,
    });
    if (direct !== undefined) {
      launch = { file: direct.file, env: { ...shared, ...direct.env } };
      starts.launchAs(launch);
    }
    return first.ready;
  }).catch(async (error: unknown) => {
    await warm?.close(); // an interpreter polluter cannot use (pytest missing, too old): its process goes now
    throw error;
  });
  return new PytestRunner(options, interpreter, warm, launch);
}

const WARM_ARGS = ['-m', 'polluter_warm'];

/** How a pytest process is started: the interpreter, and what is added to polluter's environment. */
interface Launch {
  file: string;
  env: Record<string, string>;
}

class PytestRunner implements Runner {
  readonly name = 'pytest' as const;
  /** Node ids are relative to pytest's rootdir, which need not be the project directory. */
  private rootdir: string;
  private processes = 0;
  private listingProcesses = 0;
  /** The last listing kept, and its scope's files (sorted, as JSON; undefined: every file). */
  private listing: { scope: string | undefined; ids: string[] } | undefined;

  constructor(
    private readonly options: PytestRunnerOptions,
    readonly interpreter: Interpreter,
    /** Undefined: every trial starts cold (the interpreter could not be started ahead, or POLLUTER_WARM_START=0). */
    private readonly warm: WarmStarts<Probed> | undefined,
    /** The interpreter a launcher started, started directly; undefined: `interpreter.executable`, as given. */
    private readonly launch: Launch | undefined,
  ) {
    this.rootdir = options.projectDir;
  }

  /** What the last listing left out (files pytest could not collect), one line each. */
  private warnings: string[] = [];

  /** With a scope, pytest imports only its files (the plugin ignores the others while collecting). */
  async list(scope?: ListScope, options: ListOptions = {}): Promise<string[]> {
    const key = scope === undefined ? undefined : JSON.stringify([...scope.files].sort());
    if (!options.fresh && this.listing && (this.listing.scope === undefined || this.listing.scope === key))
      return this.listing.ids;
    this.listingProcesses += 1;
    this.options.onListing?.(scope);
    const { events, outputTail } = await this.invoke(
      { mode: 'collect', ids: [], files: scope?.files },
      ['--collect-only', '-q'],
      {
        timeoutSeconds: COLLECT_TIMEOUT_SECONDS,
      },
    );
    const ids = this.collected(events, outputTail);
    if (!options.fresh) this.listing = { scope: key, ids };
    return ids;
  }

  listings(): number {
    return this.listingProcesses;
  }

  async listAndRunUntil(
    victim: string,
    options: RunOptions,
  ): Promise<{ ids: string[]; run?: { ids: string[]; trial: TrialRun } }> {
    this.listingProcesses += 1;
    const { events, result, outputTail } = await this.invoke(
      { mode: 'collect-run-until', ids: [], until: victim },
      [],
      options,
    );
    const ids = this.collected(events, outputTail);
    this.listing = { scope: undefined, ids };
    const end = ids.indexOf(victim) + 1;
    if (end === 0) return { ids };
    const prefix = ids.slice(0, end);
    return { ids, run: { ids: prefix, trial: toTrialRun(prefix, events, { ...result, outputTail }) } };
  }

  /**
   * A file that cannot be collected (a syntax error, an import that fails here) is left out and said once, as jest and
   * vitest do: the other files' tests can still be searched. Only a collection with no test in it stops here.
   */
  private collected(events: readonly PluginEvent[], outputTail: string): string[] {
    const errors = events.filter((event) => event.event === 'collect-error');
    const collected = events.find((event) => event.event === 'collected');
    if (errors.length > 0 && (!collected || collected.ids.length === 0)) {
      throw collectionFailed('pytest', errors.map((error) => error.message).join('\n'));
    }
    if (!collected) throw collectionFailed('pytest', outputTail || 'pytest ended before collecting anything');
    this.rootdir = collected.rootdir;
    this.warnings = errors.map(
      (error) =>
        `left out ${error.id || '(the project)'}: pytest could not collect it: ${collectErrorSummary(error.message)}`,
    );
    return collected.ids;
  }

  listingWarnings(): readonly string[] {
    return this.warnings;
  }

  async close(): Promise<void> {
    await this.warm?.close();
  }

  async run(ids: readonly string[], options: RunOptions): Promise<TrialRun> {
    // Only the files the trial needs: collection cost shrinks with the subset.
    const files = [...new Set(ids.map((id) => resolve(this.rootdir, fileOf(id))))];
    const { events, result, outputTail } = await this.invoke(
      { mode: 'run', ids },
      [`--rootdir=${this.rootdir}`, ...files],
      options,
    );
    return toTrialRun(ids, events, { ...result, outputTail });
  }

  reproduceCommand(ids: readonly string[]): string {
    const xdistOff = this.interpreter.hasXdist ? ['-n', '0'] : [];
    const args = ids.map((id) => this.argumentFor(id));
    return shellCommand([
      this.interpreter.display,
      '-m',
      'pytest',
      '-p',
      'no:randomly',
      ...this.options.pytestArgs,
      // After the user's arguments: pytest takes the last `-n`, so a `-- -n 2` would otherwise split the order.
      ...xdistOff,
      ...args,
    ]);
  }

  /** A node id as an argument typed in the project directory. */
  private argumentFor(id: string): string {
    const file = fileOf(id);
    const fromProject = relative(this.options.projectDir, resolve(this.rootdir, file));
    return fromProject + id.slice(file.length);
  }

  private async invoke(
    plan: {
      mode: 'collect' | 'run' | 'collect-run-until';
      ids: readonly string[];
      until?: string;
      files?: readonly string[] | undefined;
    },
    args: readonly string[],
    options: RunOptions,
  ) {
    this.processes += 1;
    const base = join(this.options.tempDir, `pytest-${this.processes}`);
    const files = { plan: `${base}.plan.json`, events: `${base}.events.jsonl`, output: `${base}.output.log` };
    await writeFile(files.plan, JSON.stringify(plan));
    const trialEnv = {
      POLLUTER_PLAN: files.plan,
      POLLUTER_EVENTS: files.events,
      // What each test leaves changed in the process: the search tries the tests that changed something first.
      // POLLUTER_STATE=0 in polluter's own environment turns it off (the benchmark measures its cost that way).
      POLLUTER_STATE: plan.mode !== 'collect' && process.env.POLLUTER_STATE !== '0' ? '1' : '0',
      ...workerEnv(options.worker),
      ...(options.causes && options.causes.length > 0 ? { POLLUTER_CAUSES: JSON.stringify(options.causes) } : {}),
    };
    // `-p no:randomly` must come before the plugin, which checks whether randomly is blocked.
    // A collection error must not stop the tests up to the victim from running (collect-run-until): the file is left
    // out of the listing as it is for a plain listing.
    const collectionErrors = plan.mode === 'collect-run-until' ? ['--continue-on-collection-errors'] : [];
    const pytestArgs = [
      '-p',
      'no:randomly',
      '-p',
      PLUGIN_MODULE,
      '-p',
      'no:cacheprovider',
      ...collectionErrors,
      ...this.options.pytestArgs,
      ...args,
    ];
    // The limit is on the time since the last event (a test's start or end), not on the whole run.
    const supervision = { timeoutSeconds: options.timeoutSeconds, progressFile: files.events, signal: options.signal };
    try {
      const warm = options.signal?.aborted ? undefined : await this.warm?.take(options.timeoutSeconds);
      if (warm) files.output = warm.outputFile;
      const result = warm
        ? await warm.run(trialEnv, pytestArgs, supervision)
        : await runInProcessGroup(this.launch?.file ?? this.interpreter.executable, ['-m', 'pytest', ...pytestArgs], {
            cwd: this.options.projectDir,
            env: { ...(this.launch?.env ?? sharedEnv()), ...trialEnv },
            outputFile: files.output,
            ...supervision,
          });
      const events = await readEvents(files.events);
      const outputTail = await tail(files.output);
      if (result.exitCode === 4 && events.length === 0)
        throw new UsageError(`pytest rejected its arguments:\n${outputTail}`);
      return { events, result, outputTail };
    } finally {
      await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
    }
  }
}

/** The environment of every pytest process of a search; each trial adds its own part. */
function sharedEnv(): Record<string, string> {
  return {
    // `-p polluter_plugin` imports it from here; the project's own PYTHONPATH stays behind it.
    PYTHONPATH: [PLUGIN_DIR, process.env.PYTHONPATH].filter(Boolean).join(delimiter),
    // No bytecode is written into the user's project. (A PYTHONPYCACHEPREFIX in the temp dir costs ~1 s on the
    // first trial to compile the standard library, and nothing at all is cached where bytecode writing is off.)
    PYTHONDONTWRITEBYTECODE: '1',
    ...fingerprintEnv(),
  };
}

/** pytest's collection error in one line: the exception (its `E ` line) rather than the traceback around it. */
function collectErrorSummary(message: string): string {
  const lines = message.split('\n').map((line) => line.trim());
  const raised = lines
    .filter((line) => line.startsWith('E '))
    .at(-1)
    ?.slice(2)
    .trim();
  const line = raised || lines.find((each) => each !== '') || '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The file part of a node id: everything before the first `::`. */
function fileOf(id: string): string {
  const separator = id.indexOf('::');
  return separator === -1 ? id : id.slice(0, separator);
}

function toTrialRun(
  ids: readonly string[],
  events: readonly PluginEvent[],
  result: {
    exitCode?: number | undefined;
    signal?: string | undefined;
    timedOut: boolean;
    wallSeconds: number;
    outputTail: string;
  },
): TrialRun {
  const outcomes = new Map<string, TestOutcome>(ids.map((id) => [id, 'not-run']));
  const seconds = new Map<string, number>();
  const missing: string[] = [];
  const stateChanges = new Map<string, StateChange[]>();
  let stateSeconds: number | undefined;
  let victimState: StateChange[] | undefined;
  let running: string | undefined;
  const cacheFills: CacheFill[] = [];
  for (const event of events) {
    if (event.event === 'start') running = event.id;
    else if (event.event === 'finish') {
      outcomes.set(event.id, event.outcome);
      seconds.set(event.id, event.seconds);
      running = undefined;
    } else if (event.event === 'missing') missing.push(...event.ids);
    else if (event.event === 'changes') stateChanges.set(event.id, changesFromRows(event.changes));
    else if (event.event === 'victim-state') victimState = changesFromRows(event.changes);
    else if (event.event === 'cause') {
      const env = event.env.map(([name, value, before, restored]) => ({ name, value, before, restored }));
      cacheFills.push({ by: event.id, cache: event.cache, value: event.value, entries: event.entries, env });
    } else if (event.event === 'end' && typeof event.state_seconds === 'number') stateSeconds = event.state_seconds;
  }
  // A test that started and never finished ended the process (os._exit, a segfault, KeyboardInterrupt, a hang).
  if (running !== undefined) outcomes.set(running, 'error');
  return {
    outcomes,
    seconds,
    crashedDuring: running,
    missing,
    stateChanges,
    stateSeconds,
    victimState,
    ...(cacheFills.length > 0 ? { cacheFills } : {}),
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    wallSeconds: result.wallSeconds,
    outputTail: result.outputTail,
  };
}
