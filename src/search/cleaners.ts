import { minimize, minimizeByGroup } from './minimize.js';
import { TrialRunner } from './trials.js';
import type { Oracle, Outcome, Phase, SearchListener } from './types.js';

export interface CleanerOptions<T> {
  /** The verified polluters: they run first in every trial, then a subset of the candidates, then the victim. */
  culprits: readonly T[];
  /** Every other test, in the order they are placed between the culprits and the victim. */
  candidates: readonly T[];
  /** Candidates seen changing what the culprits leaked: tried first, as a group. */
  likely?: readonly T[] | undefined;
  /** Fresh runs each cleaner must pass to be reported (the run that found it does not count). */
  repeat: number;
  /** At most this many cleaners are looked for. */
  max: number;
  /** Number of the first trial, so that numbering goes on from the search before. */
  firstTrial: number;
  key: (test: T) => string;
  weight?: ((test: T) => number) | undefined;
  group?: ((test: T) => string) | undefined;
  onEvent?: SearchListener<T> | undefined;
}

export interface CleanerResult<T> {
  /** Each a 1-minimal set (usually one test) that, run between the culprits and the victim, makes it pass again. */
  cleaners: T[][];
  trials: number;
}

/**
 * Cleaners as the fix hint: tests that undo what the polluters left, found like polluters with the outcomes
 * swapped. With the culprits first, the victim fails (that is verified); a subset of the other tests between them
 * that makes it pass holds a cleaner, and minimizing it names the test whose code resets the state.
 */
export async function findCleaners<T>(oracle: Oracle<T>, options: CleanerOptions<T>): Promise<CleanerResult<T>> {
  const trials = new TrialRunner<T>((subset) => oracle([...options.culprits, ...subset]), {
    key: options.key,
    onEvent: options.onEvent,
    previous: options.firstTrial - 1,
  });
  const cleaners: T[][] = [];
  let remaining = [...options.candidates];
  const likelyKeys = new Set((options.likely ?? []).map(options.key));
  while (cleaners.length < options.max && remaining.length > 0) {
    const candidates = remaining.length;
    const passes = async (subset: readonly T[], phase: Phase, round: number) =>
      (await trials.outcome(subset, { phase, round, candidates })) === 'pass';
    const likely = remaining.filter((test) => likelyKeys.has(options.key(test)));
    const first = async (subset: readonly T[]) =>
      (await trials.outcome(subset, { phase: 'cleaners', candidates })) === 'pass';
    let pool: T[] | undefined;
    if (likely.length > 0 && likely.length < remaining.length && (await first(likely))) pool = likely;
    else if (await first(remaining)) pool = remaining;
    if (pool === undefined) break; // nothing left undoes the pollution
    const set = options.group
      ? await minimizeByGroup(pool, passes, options.group, options.weight)
      : await minimize(pool, passes, options.weight);
    const checks: Outcome[] = [];
    for (let run = 0; run < options.repeat; run += 1)
      checks.push(await trials.fresh(set, { phase: 'verify', candidates }));
    const members = new Set(set.map(options.key));
    remaining = remaining.filter((test) => !members.has(options.key(test)));
    if (checks.every((outcome) => outcome === 'pass')) {
      cleaners.push(set);
      options.onEvent?.({ type: 'cleaner', set });
    }
  }
  return { cleaners, trials: trials.count - (options.firstTrial - 1) };
}
