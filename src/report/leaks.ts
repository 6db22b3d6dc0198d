import type { StateChange } from '../runners/runner.js';
import { changeKey } from '../runners/state-change.js';
import type { LeakCause } from './causes.js';
import { maskOwnPaths } from './own-paths.js';

/** Something a polluter (or state-setter) left changed in the process, as the JSON report lists it. */
export interface Leak extends StateChange {
  /** The test that left it changed (the last of the culprits to change it). */
  by: string;
  /** Where a diagnostic run saw it (a cache): what it kept, and the env vars it was filled under. */
  cause?: LeakCause | undefined;
  /** The other names the same object is known by (imported into other modules); present when there are any. */
  aliases?: string[] | undefined;
}

/** What the runner saw the culprits change, and what tells a leak from noise. */
export interface LeakEvidence {
  /** Per test, what it changed in the last run of exactly the culprits before the victim (when such a run happened). */
  reproduction?: ReadonlyMap<string, StateChange[]> | undefined;
  /** Per test, what it changed the last time it ran (any trial): used when the culprits never ran on their own. */
  footprint: (id: string) => StateChange[] | undefined;
  /** Changes that most tests of some trial made (a counter, a handler every test adds): they tell nothing. */
  noisy: (change: StateChange) => boolean;
  /**
   * What the victim starts from (once its fixtures are set up) alone and after the culprits, as changes from the
   * start of each trial: a leak whose value the victim meets the same either way (a session fixture's threads, set
   * up by whichever test comes first) is not one. Unknown for runners that do not report it.
   */
  victimStarts?: { alone: readonly StateChange[]; after: readonly StateChange[] } | undefined;
  /** The victim's source file, when it can be read: a leak it names (the env var, the cached function) ranks first. */
  victimSource?: string | undefined;
}

// Most likely read by a victim first: what configures code (env, caches, globals, mocks), then the surroundings. A
// mock's call history and a spy left in place come before globals: what a mock's calls change elsewhere (a counter
// the mocked code keeps) is their side effect, not the cause.
const RANK = [
  'env',
  'cache',
  'spy',
  'mock',
  'global',
  'timers',
  'core-module',
  'file',
  'cwd',
  'sys.path',
  'timezone',
  'locale',
  'signal',
  'listener',
  'logging',
  'warnings',
  'threads',
  'modules',
];

/**
 * What the culprits left different for the victim, most telling first. Changes are followed in run order, one per
 * thing: a value one culprit set and a later one put back leaked nothing, so what remains is what differs between the
 * state the victim starts from after the culprits and the state it starts from alone.
 */
export function leaksOf(culprits: readonly string[], evidence: LeakEvidence): Leak[] {
  const latest = new Map<string, Leak>();
  for (const by of culprits) {
    for (const change of evidence.reproduction?.get(by) ?? evidence.footprint(by) ?? []) {
      if (evidence.noisy(change)) continue;
      const key = changeKey(change);
      const earlier = latest.get(key);
      latest.delete(key); // re-inserted last: the order of the leaks is the order they were last made in
      latest.set(key, { ...change, before: earlier ? earlier.before : change.before, by });
    }
  }
  const leaks = onePerObject(
    [...latest.values()].filter((leak) => leak.before !== leak.after && meets(evidence.victimStarts, leak)),
  );
  const named = (leak: Leak) =>
    evidence.victimSource !== undefined &&
    [leak.name, ...(leak.aliases ?? [])].some((name) => namedIn(evidence.victimSource!, { ...leak, name }))
      ? 0
      : 1;
  const rank = (leak: Leak) => (RANK.includes(leak.kind) ? RANK.indexOf(leak.kind) : RANK.length);
  return leaks.sort((a, b) => named(a) - named(b) || rank(a) - rank(b)).map(masked);
}

/**
 * One leak per object: a dict imported into 30 modules changed once, not 30 times. Kept under the name of the module
 * named like the object (`app.settings.SETTINGS`), else the first in alphabetical order; the others become `aliases`.
 */
function onePerObject(leaks: readonly Leak[]): Leak[] {
  const byObject = new Map<string, Leak[]>();
  const kept: Leak[] = [];
  for (const leak of leaks) {
    if (leak.identity === undefined) kept.push(leak);
    else {
      const key = `${leak.kind}\u0000${leak.identity}\u0000${leak.before}\u0000${leak.after}`;
      if (!byObject.has(key)) kept.push(leak); // its place in the order: the first name's
      byObject.set(key, [...(byObject.get(key) ?? []), leak]);
    }
  }
  return kept.map((leak) => {
    if (leak.identity === undefined) return leak;
    const same = byObject.get(`${leak.kind}\u0000${leak.identity}\u0000${leak.before}\u0000${leak.after}`)!;
    if (same.length === 1) return leak;
    const names = same.map((entry) => entry.name).sort((a, b) => definedHere(a) - definedHere(b) || a.localeCompare(b));
    return { ...same.find((entry) => entry.name === names[0])!, aliases: names.slice(1) };
  });
}

/** 0 when the module part of `app.settings.SETTINGS['unit']` is named like the object (settings, SETTINGS). */
function definedHere(name: string): number {
  const match = /^(?:.*\.)?(\w+)\.(\w+)(?=$|[[.])/.exec(name);
  return match && match[1]!.toLowerCase() === match[2]!.toLowerCase() ? 0 : 1;
}

/** The leak as reports show it: polluter's own paths masked (a value a test copied from its TMPDIR). */
function masked(leak: Leak): Leak {
  const { identity: _identity, ...shown } = leak; // how the helper told objects apart: nothing a reader needs
  return {
    ...shown,
    name: maskOwnPaths(leak.name),
    before: maskOwnPaths(leak.before),
    after: maskOwnPaths(leak.after),
    ...(leak.aliases ? { aliases: leak.aliases.map((alias) => maskOwnPaths(alias)) } : {}),
  };
}

/** Whether the victim starts with another value of this thing after the culprits than alone (true when unknown). */
function meets(starts: LeakEvidence['victimStarts'], leak: Leak): boolean {
  if (starts === undefined) return true;
  const key = changeKey(leak);
  // Absent from a start: the thing has the value it had when that trial began, the same in both trials.
  const valueIn = (start: readonly StateChange[]) => {
    const change = start.find((seen) => changeKey(seen) === key);
    return change === undefined ? { unchanged: true } : { unchanged: false, value: change.after };
  };
  const [alone, after] = [valueIn(starts.alone), valueIn(starts.after)];
  return alone.unchanged !== after.unchanged || alone.value !== after.value;
}

/**
 * Whether the victim's source names the leaked thing: the env var, the file's name, or the last part of a dotted
 * name (`get_config` of `app.config.get_config`, `next` of `ids.next`, `unit` of `SETTINGS['unit']`), as a whole
 * word; a file by its whole base name.
 */
function namedIn(source: string, leak: Leak): boolean {
  if (leak.kind === 'modules') return false;
  const parts = leak.kind === 'file' ? [leak.name.split(/[/\\]/).at(-1) ?? ''] : leak.name.split(/[./\\[\]'"]/);
  const last = parts.filter((part) => /\w{3,}/.test(part)).at(-1);
  if (last === undefined) return false;
  return new RegExp(`(?<![\\w$])${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`).test(source);
}
