import { split } from './split.js';
import type { TrialRunner } from './trials.js';
import type { LabelledOrder, Outcome, SearchOptions } from './types.js';

/** Trials started beside the victim's runs alone, and the chunks of the first order among them. */
export interface HeadStart<T> {
  order?: LabelledOrder<T> | undefined;
  chunks: T[][];
  outcomes: Outcome[];
}

/**
 * With jobs to spare, what step 2 asks for first starts beside the runs alone (step 1). The first order, cut into
 * one chunk per job: when the polluters sit in one chunk, the failure is reproduced in a fraction of one run of the
 * order. Not in chunks (too short, or told not to), then the order whole and its suspects: their outcomes are
 * remembered and the search asks for them again in its own time, so nothing is decided here.
 */
export async function startAhead<T>(trials: TrialRunner<T>, options: SearchOptions<T>): Promise<HeadStart<T>> {
  const order = options.orders[0];
  if (trials.jobs < 2 || order === undefined) return { chunks: [], outcomes: [] };
  const size = order.predecessors.length;
  const inChunks = (options.firstOrderInChunks ?? true) && order.chunked !== false && size >= trials.jobs;
  if (!inChunks) {
    await orderAndSuspects(trials, order.predecessors);
    return { chunks: [], outcomes: [] };
  }
  const chunks = split(order.predecessors, trials.jobs, options.weight);
  const outcomes = await Promise.all(
    chunks.map((chunk) => trials.outcome(chunk, { phase: 'chunks', candidates: size })),
  );
  return { order, chunks, outcomes };
}

/** The first chunk started ahead that showed `target`, as the order that reproduced. */
export function chunkShowing<T>(headStart: HeadStart<T>, target: Outcome): LabelledOrder<T> | undefined {
  const hit = headStart.outcomes.indexOf(target);
  if (hit < 0 || headStart.order === undefined) return undefined;
  return {
    label: `${headStart.order.label}, chunk ${hit + 1} of ${headStart.chunks.length}`,
    predecessors: headStart.chunks[hit]!,
  };
}

// The usual case (a victim that passes alone, failing after the first order) asks next for the order (often already
// answered by the listing's run) and then its suspects.
async function orderAndSuspects<T>(trials: TrialRunner<T>, order: readonly T[]): Promise<void> {
  if ((await trials.outcome(order, { phase: 'order', candidates: order.length })) !== 'fail') return;
  const suspects = trials.suspectsAmong(order);
  if (suspects) await trials.outcome(suspects, { phase: 'guided', candidates: order.length });
}
