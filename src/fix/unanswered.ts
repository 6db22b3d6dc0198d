// Why no patch is offered for a leak no strategy answers, in one plain sentence with what to do by hand.
import type { Leak } from '../report/leaks.js';
import type { RunnerName } from '../runners/runner.js';

const BY_HAND: Record<string, (python: boolean) => string> = {
  cwd: (python) =>
    python
      ? 'use monkeypatch.chdir (undone at teardown) instead of os.chdir'
      : 'save process.cwd() and process.chdir() back to it in an afterEach',
  'sys.path': () => 'use monkeypatch.syspath_prepend (undone at teardown) instead of changing sys.path by hand',
  modules: () =>
    'an imported (or removed) module stays in sys.modules: use monkeypatch.setitem(sys.modules, …) or import it in every test that needs it',
  logging: () => 'put the logger back (level, handlers) at teardown, or use caplog',
  warnings: () =>
    'use pytest.warns or warnings.catch_warnings() instead of changing the warning filters for the whole run',
  signal: () => 'put the old signal handler back at teardown',
  threads: () => 'join (or stop) the thread the test starts before it ends',
  timezone: (python) =>
    python
      ? 'set TZ with monkeypatch.setenv and call time.tzset() again at teardown'
      : 'set TZ with vi.stubEnv / save and restore it in an afterEach',
  locale: () => 'put the old locale back with locale.setlocale at teardown',
  listener: () => 'remove the listener the test adds (process.off / removeListener) in an afterEach',
  'core-module': () =>
    'a core module is shared by every file of the worker: restore what the test replaced on it in an afterEach, or use jest.spyOn with restoreMocks',
  global: (python) =>
    python
      ? 'restore the value at teardown (monkeypatch.setattr)'
      : 'no module of the project exports a reset function for it: restore it in an afterEach, or export one',
  cache: () => 'clear the cache at teardown',
  file: (python) =>
    `remove what the test leaves on disk ${python ? 'at teardown, or write under tmp_path' : 'in an afterEach, or write under a temp dir'}`,
  spy: () => 'restore the spy in an afterEach (restoreAllMocks)',
};

/** "no strategy answers the <kind> leak <name> yet: <why, and what to do by hand>". */
export function unansweredNote(leak: Leak, runner: RunnerName): string {
  const byHand =
    BY_HAND[leak.kind]?.(runner === 'pytest') ??
    (leak.kind.startsWith('database')
      ? 'a database is reset by --database between runs, not by a patch: clean the table in a fixture'
      : undefined);
  return `no strategy answers the ${leak.kind} leak ${leak.name} yet${byHand ? `: ${byHand}` : ''}`;
}

// What to do by hand when every patch for a leak was tried and none passed its proof: why a restore did not help.
const UNPROVEN: Record<string, (python: boolean) => string> = {
  env: (python) =>
    python
      ? "restoring the variable after each test (and each class, and module) did not make the victim pass: it is likely read once and kept (a module constant read at import, a cached client or settings object), or set where no fixture reaches (at import, in a session-scoped fixture); set it with monkeypatch.setenv in the polluter (set in a setUpClass or a module-scoped fixture: put it back in tearDownClass, or after the fixture's yield), and reset what was built from it"
      : 'putting the variable back after each test did not make the victim pass: it is likely read once into a module value; use vi.stubEnv / set it inside the test, and reset the module (jest.resetModules / vi.resetModules)',
  global: (python) =>
    python
      ? 'restoring it after each test (and each class, and module) did not make the victim pass: another object keeps a copy (a `from … import` name rebound, something built from it, a subclass with its own copy), or a different object leaks; change it with monkeypatch.setattr / monkeypatch.setitem in the polluter, or undo it in the tearDown / tearDownClass that matches where it is set'
      : "resetting it after each test did not make the victim pass: restore it in an afterEach of the polluter's file, or export a reset function from its module",
  cache: () =>
    'clearing the cache after each test did not make the victim pass: another cache or object keeps the value; clear it where the polluter fills it',
  mock: (python) =>
    python
      ? 'stopping the started patches did not make the victim pass: use mock.patch as a decorator or context manager (or addCleanup(patcher.stop)) in the polluter'
      : "clearing the mocks' calls did not make the victim pass: clear or reset that mock in a beforeEach of the victim's file",
  file: () =>
    'putting the file back after each test did not make the victim pass: the file is read once and kept; write it under tmp_path in the polluter',
};

/** "no patch for the <kind> leak <name> passed its proof: <why, and what to do by hand>", for a leak whose candidates all failed. */
export function unprovenNote(leak: Leak, runner: RunnerName): string {
  const byHand = UNPROVEN[leak.kind]?.(runner === 'pytest');
  return `no patch for the ${leak.kind} leak ${leak.name} passed its proof${byHand ? `: ${byHand}` : ''}`;
}
