import { STATE_KINDS } from './state-change.js';

/**
 * The fingerprint contract between polluter and its runner helpers (polluter_state.py for pytest; state.cjs, files.cjs
 * for jest and vitest): what both fingerprint alike, declared once here and handed to every helper process in one
 * environment variable (fingerprintEnv), so that the Python and the JS helpers cannot drift apart. Each helper reads
 * it when it starts fingerprinting and refuses to run without it; each checks every row it emits against `kinds`.
 * test/unit/fingerprint-golden.test.ts feeds the same changes to both and checks the same rows come out.
 */
export interface FingerprintContract {
  /** The kinds a helper's `[kind, name, before, after]` row may have (STATE_KINDS); any other is an error. */
  kinds: readonly string[];
  /** Characters of a value's words (`'sandbox'`, `dict of 3 items`) before it is cut with `…`. */
  valueLength: number;
  /** Items of a container (dict, list, object, array, Map, Set) looked at: a change beyond them shows only in its size. */
  items: number;
  fileWalk: FileWalkContract;
}

/**
 * How the helpers walk files around each test: the project recursively, the temp dir's top level. While a full walk
 * is cheap (the median of the first `timedWalks` walks within `fullWalkLimitMs`, and within `fullWalkFloorMs` or
 * `fullWalkShare` of the time between two walks, the test's own), every snapshot walks every folder; past it, a
 * folder is listed again only when its mtime changed, and one changed within `racyMs` before a walk is listed again
 * at the next one (an mtime ticks coarsely, as git knows for racily clean files).
 */
export interface FileWalkContract {
  /** Folders never looked into, here and in the per-trial sweep (project/leftovers.ts). */
  skippedDirs: readonly string[];
  /** Entries of the temp dir that are the runners' own caches, or polluter's own files. */
  ownTempPrefixes: readonly string[];
  fullWalkLimitMs: number;
  /** A full walk this fast is cheap whatever the tests take. */
  fullWalkFloorMs: number;
  /** Above the floor, a full walk may take at most this share of the time between walks. */
  fullWalkShare: number;
  timedWalks: number;
  racyMs: number;
}

/** Folders never looked into: dependencies, version control and caches that runners keep for themselves. */
export const SKIPPED_DIRS = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.venv',
  'venv',
];

export const FINGERPRINT_CONTRACT: FingerprintContract = {
  kinds: STATE_KINDS,
  valueLength: 80,
  items: 64,
  fileWalk: {
    skippedDirs: SKIPPED_DIRS,
    ownTempPrefixes: ['polluter-', 'pytest-of-', 'jest_', 'vitest'],
    // Half a millisecond: measured with the benchmark, walks later in a run take about twice as long as the first
    // ones that decide. The median of three: the first runs with warm caches right after collection, later ones after
    // the tests' own work, and one may be preempted on a busy machine.
    fullWalkLimitMs: 0.5,
    // Tests of a few milliseconds or less (the fingerprints would cost more than the tests): measured on 1000 tests of
    // 0 ms in 75 files, a full walk of 0.14–0.2 ms against about 0.6 ms of pytest's own per test, 0.2 s of a 1.2 s
    // run, where folder mtimes take 0.06 s. Under 0.05 ms (a project of a few dozen files) it does not matter.
    fullWalkFloorMs: 0.05,
    fullWalkShare: 0.1,
    timedWalks: 3,
    racyMs: 50,
  },
};

/** The variable the helpers read the contract from. */
export const CONTRACT_VARIABLE = 'POLLUTER_FINGERPRINT';

/** The environment that hands the contract to a helper process (every trial's runner, `polluter record --state`). */
export function fingerprintEnv(contract: FingerprintContract = FINGERPRINT_CONTRACT): Record<string, string> {
  return { [CONTRACT_VARIABLE]: JSON.stringify(contract) };
}
