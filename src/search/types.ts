// The search's whole view of the world: "run these predecessors, then the victim, and tell me how the victim did".
// Nothing here knows about processes or test runners, so the algorithms are tested with a simulated oracle.

/** The victim's outcome in one trial. `unknown` means it did not run (or was skipped): never read as a pass. */
export type Outcome = 'fail' | 'pass' | 'unknown';

export interface TrialResult<T> {
  outcome: Outcome;
  /** A predecessor that ended the process before the victim ran (os._exit, a segfault, KeyboardInterrupt). */
  crashedBy?: T | undefined;
  seconds?: number | undefined;
  /**
   * Predecessors that left the process changed (from the runner's state fingerprints), in run order: the likely
   * polluters. The search tries them first; undefined when the runner cannot tell.
   */
  suspects?: T[] | undefined;
}

/** Runs `predecessors` in the given order, then the victim, in one fresh process. */
export type Oracle<T> = (predecessors: readonly T[]) => Promise<TrialResult<T>>;

export type Verdict = 'polluted' | 'brittle' | 'flaky' | 'not-reproduced' | 'fails-alone';

export type Phase =
  | 'alone'
  | 'recorded'
  | 'order'
  | 'chunks'
  | 'guided'
  | 'bisect'
  | 'ddmin'
  | 'verify'
  | 'rerun'
  | 'recheck'
  | 'all'
  | 'cleaners';

/** A candidate order of predecessors, named so the report can say which one reproduced the failure. */
export interface LabelledOrder<T> {
  label: string;
  predecessors: readonly T[];
  /** Whether chunks of it are searched when it passes whole (not for a reversal of an order already chunked). */
  chunked?: boolean | undefined;
}

export type SearchEvent<T> =
  | {
      type: 'trial';
      phase: Phase;
      /** Number of the trial process, from 1; repeated subsets answered from memory are not trials. */
      trial: number;
      round?: number | undefined;
      size: number;
      candidates: number;
      outcome: Outcome;
      seconds?: number | undefined;
    }
  | { type: 'excluded'; id: T; reason: 'crashed' }
  | { type: 'order-reproduced'; label: string; size: number }
  | { type: 'guided'; suspects: number; size: number; hit: boolean }
  /**
   * Step 2, from a record: whether the `suspects` CI recorded among the `size` tests of the first order reproduced
   * (not `tried` when there were none, or every test was one).
   */
  | { type: 'recorded'; suspects: number; size: number; tried: boolean; hit: boolean }
  | { type: 'found'; set: readonly T[] }
  | { type: 'cleaner'; set: readonly T[] };

export type SearchListener<T> = (event: SearchEvent<T>) => void;

export interface SearchOptions<T> {
  /** Orders to try, the given (or collected) one first; the rest are fallbacks when it does not reproduce. */
  orders: readonly LabelledOrder<T>[];
  /** How many times the victim alone and the final answer are run; more repeats, more confidence. */
  repeat: number;
  /**
   * Re-runs allowed when an outcome contradicts an earlier one (a subset of a set that did not flip the victim flips
   * it; a re-run of the answer disagrees): the contradicted trial runs again, and an answer whose re-runs disagree
   * stands only when every extra re-run agrees. 0 turns this off. Default 3.
   */
  reruns?: number | undefined;
  /** Keep searching for independent polluter sets after the first one. */
  all: boolean;
  /** Trials allowed for searching chunks of a passing order (group testing, against cleaners). */
  chunkTrialBudget: number;
  /** Stable key of a test, used to remember trials already run. */
  key: (test: T) => string;
  /** Expected run time of a test; splits halve the time of a trial instead of its count. */
  weight?: ((test: T) => number) | undefined;
  /**
   * Trials the oracle can run at once (`--jobs`): repeats run side by side, and the first order also runs from the
   * start in one chunk per job. 1 (the default) keeps every trial sequential.
   */
  jobs?: number | undefined;
  /**
   * The tests of the first order that left something changed in a run CI recorded (`record --state`), in run order:
   * tried alone before the victim first; when they reproduce, the order never runs whole. Undefined without a record.
   */
  recordedSuspects?: readonly T[] | undefined;
  /** Whether the first order also runs in one chunk per job from the start; default: when `jobs` > 1. */
  firstOrderInChunks?: boolean | undefined;
  /** The file of a test, when trials cost mostly by the files they load: whole files are removed first. */
  group?: ((test: T) => string) | undefined;
  onEvent?: SearchListener<T> | undefined;
}

export interface SearchResult<T> {
  verdict: Verdict;
  polluters: T[];
  stateSetters: T[];
  /** Every independent polluter set found with `all` (the first is `polluters`). */
  allPolluters: T[][];
  allStateSetters: T[][];
  /** Label of the order that reproduced the failure (or, for brittle victims, the pass). */
  order?: string | undefined;
  /** Predecessors left out because they ended the process before the victim could run. */
  excluded: T[];
  /** Repeats of the final answer that agreed, out of those run (extra re-runs after a disagreement included). */
  confidence: { agreed: number; runs: number };
  /** Outcomes that contradicted earlier ones and held when re-run: the victim's outcome is not a pure function of its predecessors. */
  contradictions: number;
  /** What the verdict rests on; report/reasons.ts words it as the report's `reason`. */
  evidence: SearchEvidence;
  /** The victim alone gave another outcome on the final re-check than at the start: state may outlive trials. */
  changedAlone: boolean;
  trials: number;
}

/** What a verdict rests on, as the search saw it (the sentence for humans is worded in report/reasons.ts). */
export type SearchEvidence =
  /** flaky: the victim alone failed some of its runs and passed the others. */
  | { kind: 'alone-disagreed'; failures: number; runs: number }
  /** flaky: nothing reproduced, but a re-run of the given order showed the searched-for outcome. */
  | { kind: 'order-disagreed'; target: Outcome }
  /** not-reproduced or fails-alone: no order (whole or in chunks) showed the searched-for outcome. */
  | { kind: 'nothing-reproduced'; brittle: boolean; tried: string[] }
  /** flaky: the re-runs of the minimal set disagreed (`confidence`), and perhaps the victim alone changed too. */
  | { kind: 'set-disagreed'; target: Outcome; flippedAlone: { flipped: number; runs: number } }
  /** flaky: the set held, but the victim alone gave the other outcome on the final re-check. */
  | { kind: 'changed-alone'; brittle: boolean }
  /** polluted or brittle: a set of `size` tests, verified (`confidence`, `contradictions`). */
  | { kind: 'verified'; brittle: boolean; size: number };

export class VictimDidNotRunError extends Error {
  /** Bad input, as a wrong id is: exit status 2. */
  readonly exitCode = 2;

  /** `detail`: what the runner said of the victim, when it said something (e.g. "pytest reported it skipped"). */
  constructor(detail?: string) {
    super(`the victim did not run when run alone (${detail ?? 'skipped, deselected or not collected'})`);
  }
}
