import { complement, split } from './split.js';
import type { Phase } from './types.js';

/** Whether the victim shows the searched-for outcome after `subset` (fails, or for brittle victims passes). */
export type Interesting<T> = (subset: readonly T[], phase: Phase, round: number) => Promise<boolean>;

/**
 * Shrinks an interesting set (one after which the victim fails) to a 1-minimal one: removing any single member makes
 * it uninteresting. The empty set must be known to be uninteresting (the victim passes alone).
 *
 * First a bisection that assumes one culprit: it tests only the first half each round and, when that passes, moves to
 * the second half untested (about log2(N) trials). The single survivor is then tested; if the assumption was wrong
 * (polluters needed together, several partial ones) the exact delta debugging below starts from the last set that
 * really failed.
 */
export async function minimize<T>(
  failing: readonly T[],
  interesting: Interesting<T>,
  weight?: (test: T) => number,
): Promise<T[]> {
  let confirmed: readonly T[] = failing;
  let current: readonly T[] = failing;
  let inferred = false;
  let round = 0;
  while (current.length > 1) {
    round += 1;
    const [first, second] = split(current, 2, weight) as [T[], T[]];
    if (await interesting(first, 'bisect', round)) {
      confirmed = first;
      current = first;
    } else {
      current = second;
      inferred = true;
    }
  }
  if (!inferred || (await interesting(current, 'bisect', round + 1))) return [...current];
  return ddmin(confirmed, interesting, weight);
}

/**
 * Zeller's ddmin, order-preserving: try each chunk, then each complement, and refine the granularity until every
 * single removal has been tried. Finds polluters that only fail the victim together.
 */
export async function ddmin<T>(
  failing: readonly T[],
  interesting: Interesting<T>,
  weight?: (test: T) => number,
): Promise<T[]> {
  let current: readonly T[] = failing;
  let granularity = 2;
  let round = 0;
  while (current.length >= 2) {
    round += 1;
    const chunks = split(current, granularity, weight);
    const reduced = await firstInteresting(chunks, interesting, round);
    if (reduced) {
      current = reduced;
      granularity = 2;
      continue;
    }
    if (chunks.length > 2) {
      const complements = chunks.map((_, index) => complement(chunks, index));
      const smaller = await firstInteresting(complements, interesting, round);
      if (smaller) {
        current = smaller;
        granularity = Math.max(granularity - 1, 2);
        continue;
      }
    }
    if (chunks.length >= current.length) break; // every single removal was tried: 1-minimal
    granularity = Math.min(current.length, granularity * 2);
  }
  return [...current];
}

async function firstInteresting<T>(
  subsets: readonly T[][],
  interesting: Interesting<T>,
  round: number,
): Promise<T[] | undefined> {
  for (const subset of subsets) {
    if (await interesting(subset, 'ddmin', round)) return subset;
  }
  return undefined;
}

/**
 * Files before tests: when a trial's cost is mostly the files it loads (jest, vitest), first shrink the set of groups
 * (all of a file's candidates at once), then the tests inside the groups that are left. Both levels are 1-minimal,
 * so the answer is as small as with tests alone.
 */
export async function minimizeByGroup<T>(
  failing: readonly T[],
  interesting: Interesting<T>,
  groupOf: (test: T) => string,
  weight?: (test: T) => number,
): Promise<T[]> {
  const groups = new Map<string, T[]>();
  for (const test of failing) {
    const key = groupOf(test);
    groups.set(key, [...(groups.get(key) ?? []), test]);
  }
  if (groups.size < 2) return minimize(failing, interesting, weight);
  const groupWeight = weight
    ? (group: T[]) => group.reduce((sum, test) => sum + weight(test), 0)
    : (group: T[]) => group.length;
  const keptGroups = await minimize(
    [...groups.values()],
    (subset, phase, round) => interesting(subset.flat(), phase, round),
    groupWeight,
  );
  const kept = new Set(keptGroups.flat());
  return minimize(
    failing.filter((test) => kept.has(test)),
    interesting,
    weight,
  );
}
