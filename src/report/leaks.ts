import type { StateChange } from '../runners/runner.js';

/** Something a polluter (or state-setter) left changed in the process, as the JSON report lists it. */
export interface Leak extends StateChange {
  /** The test that left it changed. */
  by: string;
}

// Most likely read by a victim first: what configures code (env, caches, globals), then the process's surroundings.
const RANK = ['env', 'cache', 'global', 'cwd', 'sys.path', 'timezone', 'locale', 'signal', 'logging', 'warnings', 'threads', 'modules'];

/** The footprints of the culprits, most telling first; imports alone (every first importer has one) come last. */
export function leaksOf(culprits: readonly string[], footprint: (id: string) => StateChange[] | undefined): Leak[] {
  const leaks = culprits.flatMap((by) => (footprint(by) ?? []).map((change) => ({ ...change, by })));
  const rank = (leak: Leak) => (RANK.includes(leak.kind) ? RANK.indexOf(leak.kind) : RANK.length);
  return leaks.sort((a, b) => rank(a) - rank(b));
}

/** One line per kind of leak: the usual fix. */
export const LEAK_HINTS: Record<string, string> = {
  env: 'set it with monkeypatch.setenv (restored after the test), and clear whatever cached it',
  cache: 'clear the cache in a fixture (e.g. get_config.cache_clear()), or do not cache what tests change',
  global: 'change it with monkeypatch.setattr (restored after the test) instead of assignment, or reset it in a fixture',
  cwd: 'change directory with monkeypatch.chdir, and work in tmp_path',
  'sys.path': 'extend it with monkeypatch.syspath_prepend (restored after the test)',
  timezone: 'restore TZ and call time.tzset() in teardown',
  locale: 'restore the locale with locale.setlocale in teardown',
  signal: 'restore the previous handler (signal.signal returns it) in teardown',
  logging: 'use caplog.set_level (restored after the test), or restore levels and remove handlers in teardown',
  warnings: 'use pytest.warns or warnings.catch_warnings instead of changing the filters',
  threads: 'stop and join the threads the test started in its teardown',
  modules: 'an import with side effects at import time: move them into a function the test calls',
};
