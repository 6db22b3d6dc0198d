import { split } from './split.js';
import type { LabelledOrder, Outcome } from './types.js';
import type { TrialRunner } from './trials.js';

export interface ReproduceOptions<T> {
  orders: readonly LabelledOrder<T>[];
  /** The outcome looked for: `fail`, or `pass` for a brittle victim. */
  target: Outcome;
  /** Trials allowed for chunks of the orders that do not reproduce whole. */
  chunkTrialBudget: number;
  weight?: ((test: T) => number) | undefined;
}

/**
 * Finds an order of predecessors after which the victim shows `target`: each order whole first, then (group testing)
 * ever smaller chunks of the passing orders, because a later test that resets the state (a cleaner) can hide the
 * polluter in the whole order. Returns undefined when nothing within the chunk budget reproduces.
 */
export async function reproduce<T>(
  trials: TrialRunner<T>,
  { orders, target, chunkTrialBudget, weight }: ReproduceOptions<T>,
): Promise<LabelledOrder<T> | undefined> {
  for (const order of orders) {
    const size = order.predecessors.length;
    if ((await trials.outcome(order.predecessors, { phase: 'order', candidates: size })) === target) return order;
  }
  const budgetEnd = trials.count + chunkTrialBudget;
  for (const order of orders.filter((candidate) => candidate.chunked !== false)) {
    const size = order.predecessors.length;
    for (let parts = 2; size >= 2 && trials.count < budgetEnd; parts *= 2) {
      const chunks = split(order.predecessors, Math.min(parts, size), weight);
      for (const [index, chunk] of chunks.entries()) {
        if (trials.count >= budgetEnd) break;
        if ((await trials.outcome(chunk, { phase: 'chunks', candidates: size })) === target) {
          return { label: `${order.label}, chunk ${index + 1} of ${chunks.length}`, predecessors: chunk };
        }
      }
      if (chunks.length >= size) break;
    }
  }
  return undefined;
}
