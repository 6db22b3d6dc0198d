// One interface for every test runner: list the tests, run an exact ordered list in one fresh process.

import type { StateKind } from './state-change.js';
import type { TrialWorker } from './worker-env.js';

export type RunnerName = 'pytest' | 'jest' | 'vitest';

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped' | 'not-run';

/** Something a test changed in the process and did not restore: an env var, a module global, a cache, … */
export interface StateChange {
  /** What changed: one of the kinds the helpers fingerprint, or polluter measures itself (state-change.ts). */
  kind: StateKind;
  name: string;
  /** Short fingerprints of the value; null when it did not exist. */
  before: string | null;
  after: string | null;
  /**
   * The object the change was inside, when the runner can tell (pytest: a dict, list or object a global names, and
   * the key or attribute in it): the same object imported into several modules is one leak under several names.
   */
  identity?: string | undefined;
}

export interface TrialRun {
  /** Every requested id: its outcome, or `not-run` when it never started. */
  outcomes: Map<string, TestOutcome>;
  /** Run time of each test that finished, in seconds. */
  seconds: Map<string, number>;
  /** The test that was running when the process ended without finishing it (crash, exit, hang). */
  crashedDuring?: string | undefined;
  /** Requested ids the runner did not collect. */
  missing: string[];
  /**
   * Selected tests that the runner reported as skipped (jest, vitest): selection went wrong, so the trial ran another
   * subset than asked for. (pytest tests may skip themselves at run time; that is their outcome, not a wrong selection.)
   */
  skippedSelected?: string[] | undefined;
  /** Per test, what it changed in the process between its setup and its teardown (runners that fingerprint state). */
  stateChanges?: Map<string, StateChange[]> | undefined;
  /**
   * How the state the last test (the victim) starts from, once its fixtures are set up, differs from the state the
   * trial's first test started from (pytest). Compared between a run alone and a failing run, it tells which leaks
   * the victim really meets: what its own fixtures set up anyway (a session pool's threads) is the same in both.
   */
  victimState?: StateChange[] | undefined;
  /** With `RunOptions.causes`: how each of those caches was filled. */
  cacheFills?: CacheFill[] | undefined;
  /** Seconds the state fingerprints took in this run (pytest, jest, vitest), for the benchmark. */
  stateSeconds?: number | undefined;
  /** Requested ids whose test file could not be loaded or collected (jest, vitest), with the runner's error: they never ran. */
  loadErrors?: Record<string, string> | undefined; // a plain object: the journal stores trials as JSON
  /** Errors raised inside polluter's own helper files (setup, driver, sequencer, reporter): the trial proves nothing. */
  helperErrors?: string[] | undefined;
  /** Errors the runner caught outside any test (vitest): a passing victim next to them proves nothing. */
  unhandledErrors?: string[] | undefined;
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut: boolean;
  wallSeconds: number;
  /** The last lines the runner printed, for error messages. */
  outputTail: string;
}

export interface RunOptions {
  /** Seconds a trial may go without a test starting or ending (from its start on) before it is killed as hung. */
  timeoutSeconds: number;
  /** With `--jobs N`: the slot of this trial among those running side by side (its worker identity). */
  worker?: TrialWorker | undefined;
  /** Aborting kills the trial's whole process group at once (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** A diagnostic run (pytest): these cached functions' values and the env vars they were filled under. */
  causes?: readonly string[] | undefined;
}

/** How a test filled a cache, from a diagnostic run (`RunOptions.causes`). */
export interface CacheFill {
  /** The test that filled it. */
  by: string;
  cache: string;
  /** A short repr of the value it kept (when the function takes no arguments), null when it cannot be read. */
  value: string | null;
  /** Entries it holds once the test is over. */
  entries: number;
  /** Env vars that differed from the test's start while it filled the cache, and whether its teardown put them back. */
  env: { name: string; value: string | null; before: string | null; restored: boolean }[];
}

/**
 * The test files a listing is limited to: those an order names (and the victim's), as the order writes them
 * (relative to the project or to pytest's rootdir, or a longer or shorter path of the same file, see `samePath`).
 * A limited listing never loads another test file, so a broken one elsewhere is not even seen.
 */
export interface ListScope {
  files: readonly string[];
}

export interface ListOptions {
  /** List again even when this scope was listed before (the fix proof's check that a patch keeps the collection). */
  fresh?: boolean | undefined;
}

export interface Runner {
  readonly name: RunnerName;
  /**
   * Every test id, in the order a normal run executes them; with a scope, only those of its files (in the same
   * order). Made once per scope and runner: a later call gives the same ids without starting the runner again.
   */
  list(scope?: ListScope, options?: ListOptions): Promise<string[]>;
  /** Runner processes started to list tests so far (each listing once, however often `list` is called). */
  listings(): number;
  /** Runs exactly `ids`, in this order, in one fresh process. */
  run(ids: readonly string[], options: RunOptions): Promise<TrialRun>;
  /** The file of a test, for runners whose trials cost mostly by the files they load (the search drops files first). */
  groupOf?(id: string): string | undefined;
  /** A command a user can paste to run `ids` in this order. */
  reproduceCommand(ids: readonly string[]): string;
  /** What the listing left out and why (jest, vitest: a test file that could not be collected), one line each. */
  listingWarnings?(): readonly string[];
  /**
   * Lists the tests and, in the same process, runs the collected ones up to `victim` (pytest, jest, vitest): the first
   * trial of a search in the collected order without a collection of its own. No `run` when the victim was not
   * collected, or when the run is not the first trial's as a trial process would run it; `ranOther` then says whether
   * tests ran all the same (what the process left in the project may be theirs).
   */
  listAndRunUntil?(
    victim: string,
    options: RunOptions,
  ): Promise<{ ids: string[]; run?: { ids: string[]; trial: TrialRun }; ranOther?: boolean }>;
  /**
   * Ends the processes it started ahead for trials (warm starts) and resolves once they are gone: called once no
   * trial will come, before its temp dir is removed (see `withRunner`).
   */
  close?(): Promise<void>;
}

/** The same runner with another `run`: what happens around every trial (the journal, clean-up) wraps it. */
export function withRun(runner: Runner, run: Runner['run']): Runner {
  return {
    name: runner.name,
    list: (scope, options) => runner.list(scope, options),
    listings: () => runner.listings(),
    reproduceCommand: (ids) => runner.reproduceCommand(ids),
    groupOf: runner.groupOf && ((id) => runner.groupOf!(id)),
    listingWarnings: runner.listingWarnings && (() => runner.listingWarnings!()),
    close: runner.close && (() => runner.close!()),
    run,
  };
}
