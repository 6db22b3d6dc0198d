/**
 * A seeded shuffle of a suite that keeps each file's tests together (runners run a file as a unit, and module-scoped
 * fixtures would otherwise be set up again and again): the files in a random order, then the tests inside each.
 * The same seed gives the same order on every machine, so shards of a nightly job run the same rounds.
 */
export function shuffleOrder(ids: readonly string[], seed: number, groupOf: (id: string) => string): string[] {
  const random = seededRandom(seed);
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const group = groupOf(id);
    const members = groups.get(group);
    if (members) members.push(id);
    else groups.set(group, [id]);
  }
  return shuffle([...groups.values()], random).flatMap((members) => shuffle(members, random));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

/** mulberry32, a small well-known 32-bit PRNG: enough for an order, and the same in every Node version. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
