import type { RunnerName } from '../runners/runner.js';
import type { Verdict } from '../search/types.js';
import type { Leak } from './leaks.js';

/** The answer of `polluter find`, exactly as `--format json` prints it. */
export interface FindReport {
  victim: string;
  runner: RunnerName;
  verdict: Verdict;
  /** The minimal set that makes the victim fail, in run order. */
  polluters: string[];
  /** For brittle victims: the minimal set the victim needs before it to pass. */
  stateSetters: string[];
  /** With --all: every independent set found (the first is `polluters`). */
  allPolluters: string[][];
  allStateSetters: string[][];
  /** Which order reproduced the failure: the order file, the collected order, a fallback or a chunk of one. */
  order: string | null;
  /** A command that reproduces the failure (for brittle, flaky and unreproduced victims: the victim alone). */
  reproduce: string;
  /** For brittle victims: a command in which the victim passes, after its state-setters. */
  passingCommand: string | null;
  /** Predecessors left out because they ended the test process (or hung until the timeout) before the victim ran. */
  excluded: string[];
  /** Repeats of the final answer that agreed, out of those run (extra re-runs after a disagreement included). */
  confidence: { agreed: number; runs: number };
  /** Outcomes that contradicted earlier ones and held when re-run (`--reruns`): the effect is intermittent. */
  contradictions: number;
  reason: string;
  /**
   * What the polluters (for brittle victims: the state-setters) left changed in the process, from the state
   * fingerprints the runner takes around each test (pytest); empty when nothing was seen or the runner cannot tell.
   */
  leaks: Leak[];
  /**
   * With `--cleaners`: sets of tests (usually one each) that, run between the polluters and the victim, make the
   * victim pass again; their code resets the leaked state, which is usually the fix.
   */
  cleaners: string[][];
  /** Files trials left in the project: new ones were removed after each trial, changed ones only reported. */
  leftovers: { removed: string[]; modified: string[] };
  /** Runner processes started, collection included. */
  trials: number;
  /** Trials answered from the journal of an interrupted search (`--resume`), without running. */
  resumed: number;
  seconds: number;
  warnings: string[];
}

export const FOUND: ReadonlySet<Verdict> = new Set(['polluted', 'brittle']);
