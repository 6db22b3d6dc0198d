import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { ListScope } from '../runner.js';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../errors.js';
import type { TrialEvent } from '../js/events.js';
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
import { selectingPattern } from '../js/names.js';
import { stateEnv } from '../js/state-env.js';
import { fileId, type JsTest, type TestKey } from '../js/test-tree.js';

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'driver.mjs');

export interface VitestRunnerOptions {
  projectDir: string;
  tempDir: string;
  /** Arguments given after `--`, passed to every vitest run. */
  vitestArgs: readonly string[];
  /** List in the order of `vitest run --sequence.shuffle --sequence.seed=<seed>`. */
  seed?: number | undefined;
  /** Told whenever a listing process starts. */
  onListing?: ((scope: ListScope | undefined) => void) | undefined;
}

// What driver.mjs writes besides the trial events, one JSON object per line.
type DriverEvent =
  | TrialEvent
  | {
      event: 'tests';
      project: string;
      file: string;
      tests: { path: string[]; mode: 'run' | 'skip' | 'todo'; runnerId?: string; line?: number }[];
    }
  | { event: 'ran'; project: string; file: string; path: string[]; ordinal: number }
  | { event: 'test-files'; projects: string[]; files: string[] }
  | { event: 'fatal'; message: string }
  | { event: 'listed' }
  | { event: 'trial-end' }
  | { event: 'victim-file'; project: string; file: string }
  | { event: 'victim'; key: TestKey };

export function createVitestRunner(options: VitestRunnerOptions): JsRunner {
  const vitest = installedPackage(options.projectDir, 'vitest', { oldest: 3 });
  if (vitest.major >= 5 && !nodeAtLeast(22, 12)) {
    throw new UsageError(
      `vitest ${vitest.version} needs Node 22.12 or later, and this is Node ${process.versions.node}`,
    );
  }
  return new JsRunner(new VitestAdapter(options, vitest), options.seed, options.onListing);
}

/** The files of the scratch project warm drivers warm vitest up on (see scratchProject). */
const SCRATCH_FILES = {
  'package.json': '{ "private": true, "type": "module" }\n',
  'vitest.config.js': 'export default {};\n',
  'a.test.js': "import { expect, test } from 'vitest';\ntest('a', () => expect(1).toBe(1));\n",
  'b.test.ts':
    "import { expect, test } from 'vitest';\nconst one: number = 1;\ntest('b', () => expect(one).toBe(1));\n",
};

class VitestAdapter implements JsRunnerAdapter {
  readonly name = 'vitest' as const;
  readonly projectDir: string;
  readonly tempDir: string;
  readonly helperPaths: readonly string[];
  readonly passThrough: readonly string[];
  readonly narrowingHint = 'file filters as vitest run takes them (tests/api) or --dir DIR';

  constructor(
    private readonly options: VitestRunnerOptions,
    private readonly vitest: InstalledPackage,
  ) {
    this.projectDir = options.projectDir;
    this.tempDir = options.tempDir;
    this.passThrough = options.vitestArgs;
    this.helperPaths = [dirname(DRIVER), join(dirname(DRIVER), '..', 'js'), options.tempDir].map((folder) =>
      join(folder, sep),
    );
  }

  command(files: { plan: string; events: string }) {
    return {
      file: process.execPath,
      args: [DRIVER, ...this.options.vitestArgs],
      env: { ...this.sharedEnv(), POLLUTER_PLAN: files.plan, POLLUTER_EVENTS: files.events },
    };
  }

  /**
   * The driver loads vitest ahead, starts its trial's first test worker (spare-workers.mjs), and then waits for its
   * trial (see warmStart in driver.mjs). Three are kept ahead: with its warm-up, one takes about 0.4 s to get ready,
   * and they load one at a time, while a small trial runs 0.15-0.25 s.
   */
  warmCommand() {
    return {
      ahead: 3,
      // A driver its trial waits for already skips the warm-up (warmUp in driver.mjs).
      wantedEnv: { POLLUTER_WARM_WANTED: '1' },
      file: process.execPath,
      args: [DRIVER, ...this.options.vitestArgs],
      // POLLUTER_VITEST_SCRATCH: the scratch project a warm driver warms vitest up on (warmUp in driver.mjs).
      env: { ...this.sharedEnv(), POLLUTER_WARM: '1', POLLUTER_VITEST_SCRATCH: this.scratchProject() },
    };
  }

  /**
   * What every driver is started with, warm or not. CI=1: snapshots are compared, never written; both are read while
   * vitest loads, so they are the same for all. POLLUTER_VITEST_SPARE: where each driver keeps what its test workers
   * looked like (spare-workers.mjs).
   */
  private sharedEnv(): Record<string, string> {
    return {
      CI: '1',
      NO_COLOR: '1',
      POLLUTER_VITEST_SPARE: join(this.tempDir, 'vitest-spare-worker.json'),
      ...stateEnv(this.projectDir),
    };
  }

  /**
   * The scratch project warm drivers warm vitest up on (warmUp in driver.mjs), written once into polluter's temp dir:
   * an empty config, and a test file in JavaScript and one in TypeScript. The drivers only read it, so none can write
   * into the temp dir while polluter removes it at the end.
   */
  private scratchProject(): string {
    const folder = join(this.tempDir, 'vitest-scratch');
    if (existsSync(folder)) return folder;
    mkdirSync(folder, { mode: 0o700 });
    for (const [name, text] of Object.entries(SCRATCH_FILES)) writeFileSync(join(folder, name), text);
    return folder;
  }

  /** vitest 4 and later select by the runner's test id; vitest 3 only by the line a test is declared on. */
  planFields(test: JsTest): Record<string, unknown> {
    return { runnerId: test.runnerId, line: test.line };
  }

  async readListing(eventsFile: string): Promise<Listing> {
    return this.listingOf(await readJsonLines<DriverEvent>(eventsFile));
  }

  /** A file that failed to load has its own event; the driver's complaint about the setup is `fatal`. */
  private listingOf(events: readonly DriverEvent[]): Listing {
    return listingFrom(events, {
      projectDir: this.projectDir,
      readError: (event) =>
        event.event === 'file-error'
          ? { file: event.file, message: event.message }
          : event.event === 'fatal'
            ? { fatal: event.message }
            : undefined,
    });
  }

  async readTrial(eventsFile: string): Promise<TrialEvent[]> {
    const events = await readJsonLines<DriverEvent>(eventsFile);
    const fatal = events.find((event) => event.event === 'fatal');
    if (fatal) throw new UsageError(`vitest: ${fatal.message}`);
    return trialEvents(events);
  }

  /**
   * The driver runs the first trial first (up to `trial-end`), listing each file as the run collects it, then writes
   * the whole listing (`listed`). Without either it was stopped (the time limit); without `trial-end` but with
   * `listed` it ran no trial (no file is the victim's, or a vitest whose results cache it cannot keep from being
   * written).
   */
  async readListAndRun(eventsFile: string): Promise<ListAndRun> {
    const events = await readJsonLines<DriverEvent>(eventsFile);
    const trialEnd = events.findIndex((event) => event.event === 'trial-end');
    const victim = events.find((event) => event.event === 'victim');
    const victimFile = events.find((event) => event.event === 'victim-file');
    return {
      // The trial's own file errors (a hook of the file that threw) are not the listing's: it writes its own.
      listing: this.listingOf(
        trialEnd === -1
          ? events
          : events.filter(
              (event, index) => index > trialEnd || event.event === 'test-files' || event.event === 'fatal',
            ),
      ),
      // Without `trial-end` either no trial ran, or the process was stopped in the middle of it (the events say which).
      events: trialEvents(trialEnd === -1 ? events : events.slice(0, trialEnd)),
      victim: victim?.key,
      victimFile: victimFile && { project: victimFile.project, file: victimFile.file },
      complete: events.some((event) => event.event === 'listed' || event.event === 'fatal'),
    };
  }

  /**
   * `vitest run <file> -t <pattern>` when the tests are of one file, in definition order, and the pattern (a
   * case-sensitive regular expression over the names, space-joined before vitest 5 and `>`-joined since) picks
   * exactly them and nothing else of the file.
   */
  nativeCommand(tests: readonly JsTest[], { all, testFiles, severalProjects }: ListedSuite): string[] | undefined {
    const pattern = selectingPattern(tests, all, this.vitest.major >= 5 ? ' > ' : ' ', '');
    if (pattern === undefined) return undefined;
    const first = tests[0]!;
    const path = fileId(first.file, this.projectDir);
    // vitest's file argument is a substring filter: it must not also match another test file.
    if (testFiles.some((file) => file !== first.file && fileId(file, this.projectDir).includes(path))) return undefined;
    const project = severalProjects ? ['--project', first.project] : [];
    return ['npx', 'vitest', 'run', ...project, path, '-t', pattern, ...this.options.vitestArgs];
  }
}

const LISTING_ONLY = new Set(['tests', 'ran', 'test-files', 'listed', 'victim', 'victim-file', 'fatal', 'trial-end']);

function trialEvents(events: readonly DriverEvent[]): TrialEvent[] {
  return events.filter((event): event is TrialEvent => !LISTING_ONLY.has(event.event));
}

function nodeAtLeast(major: number, minor: number): boolean {
  const [have, haveMinor] = process.versions.node.split('.').map(Number) as [number, number];
  return have > major || (have === major && haveMinor >= minor);
}
