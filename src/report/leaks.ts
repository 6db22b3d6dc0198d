import type { StateChange } from '../runners/runner.js';

/** Something a polluter (or state-setter) left changed in the process, as the JSON report lists it. */
export interface Leak extends StateChange {
  /** The test that left it changed. */
  by: string;
}

// Most likely read by a victim first: what configures code (env, caches, globals), then the process's surroundings.
const RANK = [
  'env', 'cache', 'global', 'spy', 'timers', 'core-module', 'file', 'cwd', 'sys.path', 'timezone', 'locale', 'signal', 'listener',
  'logging', 'warnings', 'threads', 'modules',
];

/** The footprints of the culprits, most telling first; imports alone (every first importer has one) come last. */
export function leaksOf(culprits: readonly string[], footprint: (id: string) => StateChange[] | undefined): Leak[] {
  const leaks = culprits.flatMap((by) => (footprint(by) ?? []).map((change) => ({ ...change, by })));
  const rank = (leak: Leak) => (RANK.includes(leak.kind) ? RANK.indexOf(leak.kind) : RANK.length);
  return leaks.sort((a, b) => rank(a) - rank(b));
}
