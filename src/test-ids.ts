import { distance } from 'fastest-levenshtein';

/** Ids a user probably meant: those containing what was typed, then the nearest by edit distance. */
export function closestIds(typed: string, ids: readonly string[], count = 3): string[] {
  const containing = ids.filter((id) => id.includes(typed) || typed.includes(id));
  if (containing.length > 0 && containing.length <= count) return containing;
  const pool = containing.length > 0 ? containing : ids;
  return pool
    .map((id) => ({ id, cost: distance(typed, id) }))
    .sort((a, b) => a.cost - b.cost)
    .slice(0, count)
    .map((scored) => scored.id);
}
