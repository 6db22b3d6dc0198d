/**
 * Splits `items` into `parts` contiguous, non-empty chunks of about equal weight, keeping order.
 * With a weight per test (its measured run time) each chunk costs about the same to run, not just counts the same.
 */
export function split<T>(items: readonly T[], parts: number, weight?: (item: T) => number): T[][] {
  const count = Math.max(1, Math.min(parts, items.length));
  if (count === 1) return [[...items]];
  const weights = items.map((item) => Math.max(weight ? weight(item) : 1, 1e-9));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const chunks: T[][] = [];
  let start = 0;
  let seen = 0;
  for (let chunk = 1; chunk < count; chunk += 1) {
    const target = (total * chunk) / count;
    let end = start + 1; // every chunk gets at least one item
    seen += weights[start]!;
    // Leave at least one item for each chunk still to come.
    while (end < items.length - (count - chunk) && seen + weights[end]! / 2 <= target) {
      seen += weights[end]!;
      end += 1;
    }
    chunks.push(items.slice(start, end));
    start = end;
  }
  chunks.push(items.slice(start));
  return chunks;
}

/** All chunks but the one at `skip`, concatenated in order. */
export function complement<T>(chunks: readonly (readonly T[])[], skip: number): T[] {
  return chunks.flatMap((chunk, index) => (index === skip ? [] : chunk));
}
