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

/**
 * The listed ids a user's argument stands for: the id itself, or every test of a file given by its path (a pytest
 * `tests/test_a.py`, a jest or vitest `tests/a.test.js`, with or without a `|project| ` prefix). Undefined when none.
 */
export function expandId(typed: string, listed: readonly string[]): string[] | undefined {
  if (listed.includes(typed)) return [typed];
  const inFile = listed.filter((id) => {
    const unprefixed = id.replace(/^\|[^|]*\| /, '');
    return [id, unprefixed].some(
      (candidate) => candidate.startsWith(`${typed}::`) || candidate.startsWith(`${typed} > `),
    );
  });
  return inFile.length > 0 ? inFile : undefined;
}
