// Why no patch is offered for a leak no strategy answers, in one plain sentence with what to do by hand.
import type { Leak } from '../report/leaks.js';
import type { RunnerName } from '../runners/runner.js';

const BY_HAND: Record<string, (python: boolean) => string> = {
  cwd: (python) => (python ? 'use monkeypatch.chdir (undone at teardown) instead of os.chdir' : 'save process.cwd() and process.chdir() back to it in an afterEach'),
  'sys.path': () => 'use monkeypatch.syspath_prepend (undone at teardown) instead of changing sys.path by hand',
  modules: () => 'an imported (or removed) module stays in sys.modules: use monkeypatch.setitem(sys.modules, …) or import it in every test that needs it',
  logging: () => 'put the logger back (level, handlers) at teardown, or use caplog',
  warnings: () => 'use pytest.warns or warnings.catch_warnings() instead of changing the warning filters for the whole run',
  signal: () => 'put the old signal handler back at teardown',
  threads: () => 'join (or stop) the thread the test starts before it ends',
  timezone: (python) => (python ? 'set TZ with monkeypatch.setenv and call time.tzset() again at teardown' : 'set TZ with vi.stubEnv / save and restore it in an afterEach'),
  locale: () => 'put the old locale back with locale.setlocale at teardown',
  listener: () => 'remove the listener the test adds (process.off / removeListener) in an afterEach',
  'core-module': () => "a core module is shared by every file of the worker: restore what the test replaced on it in an afterEach, or use jest.spyOn with restoreMocks",
  global: (python) => (python ? 'restore the value at teardown (monkeypatch.setattr)' : 'no module of the project exports a reset function for it: restore it in an afterEach, or export one'),
  cache: () => 'clear the cache at teardown',
  file: (python) => `remove what the test leaves on disk ${python ? 'at teardown, or write under tmp_path' : 'in an afterEach, or write under a temp dir'}`,
  spy: () => 'restore the spy in an afterEach (restoreAllMocks)',
};

/** "no strategy answers the <kind> leak <name> yet: <why, and what to do by hand>". */
export function unansweredNote(leak: Leak, runner: RunnerName): string {
  const byHand = BY_HAND[leak.kind]?.(runner === 'pytest') ?? (leak.kind.startsWith('database') ? 'a database is reset by --database between runs, not by a patch: clean the table in a fixture' : undefined);
  return `no strategy answers the ${leak.kind} leak ${leak.name} yet${byHand ? `: ${byHand}` : ''}`;
}
