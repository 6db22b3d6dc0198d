import { dirname, join, sep } from 'node:path';
import type { ListScope } from '../runner.js';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../json-lines.js';
import { installedPackage, type InstalledPackage } from '../js/installed.js';
import {
  JsRunner,
  listingFrom,
  type JsRunnerAdapter,
  type ListAndRun,
  type ListedSuite,
  type Listing,
} from '../js/js-runner.js';
import { fileId, type JsTest, type TestKey } from '../js/test-tree.js';
import { selectingPattern } from '../js/names.js';
import { stateEnv } from '../js/state-env.js';
import { toTrialEvents, type JestEvent } from './events.js';

const HELPERS = dirname(fileURLToPath(import.meta.url));

export interface JestRunnerOptions {
  projectDir: string;
  tempDir: string;
  /** Arguments given after `--`, passed to every jest run. */
  jestArgs: readonly string[];
  /** List in the order of `jest --randomize --seed=<seed>`. */
  seed?: number | undefined;
  /** Told whenever a listing process starts. */
  onListing?: ((scope: ListScope | undefined) => void) | undefined;
}

export function createJestRunner(options: JestRunnerOptions): JsRunner {
  // jest 26 resolves no `node:` import in polluter's modules (every file then "fails to load") and runs jasmine2.
  const jest = installedPackage(options.projectDir, 'jest', { oldest: 27, tested: '29 and 30 are tested' });
  return new JsRunner(new JestAdapter(options, jest), options.seed, options.onListing);
}

class JestAdapter implements JsRunnerAdapter {
  readonly name = 'jest' as const;
  readonly projectDir: string;
  readonly tempDir: string;
  readonly helperPaths: readonly string[];
  readonly passThrough: readonly string[];
  readonly narrowingHint: string;

  constructor(
    private readonly options: JestRunnerOptions,
    private readonly jest: InstalledPackage,
  ) {
    this.projectDir = options.projectDir;
    this.tempDir = options.tempDir;
    this.passThrough = options.jestArgs;
    // jest 30 renamed the option (and refuses the old name).
    this.narrowingHint = this.jest.major >= 30 ? '--testPathPatterns=REGEX' : '--testPathPattern=REGEX';
    this.helperPaths = [HELPERS, join(HELPERS, '..', 'js'), options.tempDir].map((folder) => join(folder, sep));
  }

  command(files: { plan: string; events: string }, seed?: number) {
    return {
      file: process.execPath,
      args: [join(this.jest.dir, 'bin', 'jest.js'), ...this.jestArgs(seed)],
      env: { ...this.sharedEnv(), POLLUTER_PLAN: files.plan, POLLUTER_EVENTS: files.events },
    };
  }

  /**
   * warm.cjs loads jest's modules ahead, then runs jest's own bin with these arguments once its trial is given. Two
   * are kept ahead: one takes 0.25-0.3 s to get ready, and they load one at a time, while a small trial runs
   * 0.15-0.25 s; with one ahead, the trial after a small one waited 0.1-0.15 s for its process.
   */
  warmCommand() {
    return {
      ahead: 2,
      file: process.execPath,
      args: [join(HELPERS, 'warm.cjs'), ...this.jestArgs()],
      env: this.sharedEnv(),
    };
  }

  private sharedEnv(): Record<string, string> {
    return { POLLUTER_JEST_DIR: this.jest.dir, NO_COLOR: '1', ...stateEnv(this.projectDir) };
  }

  private jestArgs(seed?: number): string[] {
    return [
      // The user's arguments first: jest's array options (--reporters) swallow the positional arguments after them.
      ...this.options.jestArgs,
      // What the user's CI does with one worker, minus what would change the answer or the user's files:
      '--runInBand', // one process: the tests share it as they do on one CI worker
      '--ci', // never write snapshot files
      // A seeded listing runs jest's own shuffle (with emptied tests); trials keep the order they are given.
      ...(seed === undefined ? ['--no-randomize'] : ['--randomize', `--seed=${seed}`]),
      '--bail=0',
      '--coverage=false',
      '--watchAll=false',
      '--no-watchman',
      '--passWithNoTests',
      '--forceExit', // a leaked setInterval must not hang the trial
      `--testSequencer=${join(HELPERS, 'sequencer.cjs')}`,
      '--reporters=default',
      `--reporters=${join(HELPERS, 'reporter.cjs')}`,
    ];
  }

  planFields(): Record<string, unknown> {
    return {};
  }

  async readListing(eventsFile: string): Promise<Listing> {
    return this.listingOf(await readJsonLines<JestEvent>(eventsFile));
  }

  /** A file that failed to load says so in its result. */
  private listingOf(events: readonly JestEvent[]): Listing {
    return listingFrom(events, {
      projectDir: this.projectDir,
      readError: (event) =>
        event.event === 'file-result' && event.error !== null ? { file: event.file, message: event.error } : undefined,
    });
  }

  async readTrial(eventsFile: string) {
    return toTrialEvents(await readJsonLines<JestEvent>(eventsFile));
  }

  /**
   * The run is the first trial's only when the process loaded no file before the victim's that a trial would not
   * load: one that failed to load, or one with no test to run (its top-level code ran before the victim all the same).
   */
  async readListAndRun(eventsFile: string): Promise<ListAndRun> {
    const events = await readJsonLines<JestEvent>(eventsFile);
    let victim: TestKey | undefined;
    let spoiled = false;
    for (const event of events) {
      if (event.event === 'victim') {
        victim = spoiled
          ? undefined
          : { project: event.project, file: event.file, path: event.path, ordinal: event.ordinal };
        break;
      }
      if (event.event === 'file-result' && event.error !== null) spoiled = true;
      if (event.event === 'tests' && !event.tests.some((test) => test.mode === 'run')) spoiled = true;
    }
    return {
      listing: this.listingOf(events),
      events: toTrialEvents(events),
      victim,
      complete: events.some((event) => event.event === 'end'),
    };
  }

  /**
   * `jest <file> -t <pattern>` when the tests are of one file, in definition order, and the pattern (a case-insensitive
   * regular expression over the space-joined names) picks exactly them and nothing else of the file.
   */
  nativeCommand(tests: readonly JsTest[], { all, severalProjects }: ListedSuite): string[] | undefined {
    const pattern = selectingPattern(tests, all, ' ', 'i');
    if (pattern === undefined) return undefined;
    const project = severalProjects ? ['--selectProjects', tests[0]!.project] : [];
    const file = fileId(tests[0]!.file, this.projectDir);
    return [
      'npx',
      'jest',
      '--runInBand',
      '--ci',
      ...project,
      '--runTestsByPath',
      file,
      '-t',
      pattern,
      ...this.options.jestArgs,
    ];
  }
}
