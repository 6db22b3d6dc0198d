import type { LabelledOrder } from '../search/types.js';

export interface CandidateOrders {
  orders: LabelledOrder<string>[];
  /** Ids of the given order that the project no longer has: reported, then left out. */
  unknown: string[];
}

/**
 * The orders to search, the failing one first: the tests before the victim in the given order (an order file) or,
 * without one, in the collected order. When that does not reproduce, every other test before the victim, then the
 * same reversed (a cleaner that ran after the polluter then runs before it).
 */
export function candidateOrders(
  collected: readonly string[],
  victim: string,
  given?: readonly string[],
  label = given ? 'order file' : 'collected order',
): CandidateOrders {
  const known = new Set(collected);
  const source = given ?? collected;
  const before = source.slice(0, source.indexOf(victim));
  const unknown = before.filter((id) => !known.has(id));
  const predecessors = [...new Set(before.filter((id) => known.has(id)))];
  const first: LabelledOrder<string> = { label, predecessors };

  const inFirst = new Set(predecessors);
  const others = collected.filter((id) => id !== victim && !inFirst.has(id));
  const everyOther = [...predecessors, ...others];
  const orders = [first];
  if (others.length > 0) orders.push({ label: 'all other tests', predecessors: everyOther });
  if (everyOther.length > 1) {
    const label = others.length > 0 ? 'all other tests, reversed' : `${first.label}, reversed`;
    orders.push({ label, predecessors: [...everyOther].reverse(), chunked: false });
  }
  return { orders, unknown };
}
