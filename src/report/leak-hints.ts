import type { RunnerName } from '../runners/runner.js';

/** One line per kind of leak and runner: the usual fix, in the words of that runner's own API. */
const HINTS: Record<RunnerName, Record<string, string>> = {
  pytest: {
    env: 'set it with monkeypatch.setenv (restored after the test), and clear whatever cached it',
    cache: 'clear the cache in a fixture (e.g. get_config.cache_clear()), or do not cache what tests change',
    global:
      'change it with monkeypatch.setattr (restored after the test) instead of assignment, or reset it in a fixture',
    cwd: 'change directory with monkeypatch.chdir, and work in tmp_path',
    'sys.path': 'extend it with monkeypatch.syspath_prepend (restored after the test)',
    timezone: 'call time.tzset() again once TZ is restored (monkeypatch puts TZ back, not the zone the process uses)',
    locale: 'restore the locale with locale.setlocale in teardown',
    signal: 'restore the previous handler (signal.signal returns it) in teardown',
    logging: 'use caplog.set_level (restored after the test), or restore levels and remove handlers in teardown',
    warnings:
      "scope filters with warnings.catch_warnings() or @pytest.mark.filterwarnings (and keep pytest's warnings plugin on)",
    threads: 'stop and join the threads the test started in its teardown',
    modules: 'an import with side effects at import time: move them into a function the test calls',
    file: 'write into tmp_path (a fresh directory per test) instead of the project or the shared temp dir, or remove the file in teardown',
    'database-rows':
      'run the code under test in a transaction the fixture rolls back (a connection the app and the test share), or delete what the test committed in its teardown',
    'database-sequence':
      'assert on the rows a test made, not on ids a sequence hands out (sequences are not rolled back)',
    'database-table': "create tables in the fixture that drops them, or in a schema or database of the test's own",
    'database-file':
      'point the app at a copy of the database in tmp_path for each test, or delete what the test committed in its teardown',
  },
  jest: {
    env: 'save and put back the variable in afterEach, or jest.replaceProperty(process.env, name, value) with restoreMocks: true (the variable must exist)',
    global:
      "put the value back in afterEach (a module-scope variable through the module's own functions), or change it with jest.replaceProperty(object, key, value) and set restoreMocks: true",
    spy: 'set restoreMocks: true in the jest config, or call jest.restoreAllMocks() in afterEach',
    mock: "set clearMocks: true in the jest config (every mock's calls are cleared before each test), or call jest.clearAllMocks() or mockFn.mockClear() in afterEach",
    timers:
      'call jest.useRealTimers() in afterEach (or turn fake timers on for the whole file with the fakeTimers config)',
    'core-module':
      'use jest.spyOn(module, name) with restoreMocks: true instead of assigning to the core module, which every test file of the worker shares',
    file: 'write into a fresh directory (fs.mkdtempSync in os.tmpdir()) and remove what the test created in afterEach',
    cwd: 'remember process.cwd() and change back with process.chdir in afterEach',
    listener: 'remove the listener in afterEach (process.off with the same function)',
  },
  vitest: {
    env: 'set it with vi.stubEnv and turn on unstubEnvs: true in the config (or call vi.unstubAllEnvs() in afterEach)',
    global:
      "set globals with vi.stubGlobal and unstubGlobals: true; put changed module values back in afterEach (a module-scope variable through the module's own functions)",
    spy: 'set restoreMocks: true in the config, or call vi.restoreAllMocks() in afterEach',
    mock: "set clearMocks: true in the config (every mock's calls are cleared before each test), or call vi.clearAllMocks() or mockFn.mockClear() in afterEach",
    timers: 'call vi.useRealTimers() in afterEach',
    'core-module': 'use vi.spyOn(module, name) with restoreMocks: true instead of assigning to the core module',
    file: 'write into a fresh directory (fs.mkdtempSync in os.tmpdir()) and remove what the test created in afterEach',
    cwd: 'remember process.cwd() and change back with process.chdir in afterEach',
    listener: 'remove the listener in afterEach (process.off with the same function)',
  },
};

/** The usual fix for a kind of leak under `runner`; undefined when there is no one-line answer. */
export function leakHint(runner: RunnerName, kind: string): string | undefined {
  return HINTS[runner][kind];
}
