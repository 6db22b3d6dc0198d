// (b) an env var set by hand (os.environ[...] = ...): saved before each test (or class, or module) and put back after it.
import type { Leak } from '../../report/leaks.js';
import {
  addFixture,
  fixtureFiles,
  inClass,
  pyName,
  pyString,
  scopeSuffix,
  scopeUnit,
  type FixtureScope,
} from '../python.js';
import type { Strategy } from '../types.js';

/** Why a wider fixture is needed, in the explanation: what sets the variable before a per-test fixture could save it. */
export function setBefore(scope: FixtureScope): string {
  return scope === 'class'
    ? "in the polluter's class setup (a setUpClass, or a class-scoped fixture), which runs before any per-test fixture could save it, and the class's teardown (tearDownClass) does not put it back"
    : 'in a module-scoped fixture (or setUpModule), which runs before any per-test fixture could save it, and its teardown does not put it back';
}

/**
 * The env var strategy at one fixture scope: per test first; per class only for a polluter in a class (a unittest
 * setUpClass); per module for a module-scoped fixture that sets it by hand (monkeypatch is function-scoped only).
 */
function savedEnv(scope: FixtureScope): Strategy {
  const where = (fixtureScope: 'project-wide' | 'local') =>
    fixtureScope === 'local' ? "in the polluter's module" : 'conftest.py';
  return {
    kind: 'env',
    runner: 'pytest',
    answers: (leak: Leak) => leak.kind === 'env' && (scope !== 'class' || inClass(leak.by)),
    describe: (fixtureScope) =>
      `env var saved and restored by an autouse fixture${scope === 'function' ? '' : ` per ${scopeUnit(scope)}`} (${where(fixtureScope)})`,
    async edit(leaks, fixtureScope, context, files) {
      for (const leak of leaks) {
        const name = pyString(leak.name);
        for (const file of await fixtureFiles(fixtureScope, context, files)) {
          await addFixture(files, file, {
            name: `_restore_env_${pyName(leak.name)}${scopeSuffix(scope)}`,
            imports: ['import os'],
            docstring:
              scope === 'function'
                ? `Puts ${leak.name} back as it was after each test: a test sets it by hand instead of with monkeypatch.setenv.`
                : `Puts ${leak.name} back as it was after each ${scopeUnit(scope)}: its setup sets it by hand and never puts it back.`,
            scope,
            body: [
              `saved = os.environ.get(${name})`,
              'yield',
              'if saved is None:',
              `    os.environ.pop(${name}, None)`,
              'else:',
              `    os.environ[${name}] = saved`,
            ],
          });
        }
      }
      const names = leaks
        .map((leak) => `${leak.name}=${leak.after === null ? '(unset)' : `'${leak.after}'`}`)
        .join(', ');
      if (scope === 'function') {
        return `The polluter sets ${names} by hand (not with monkeypatch.setenv), so it outlives the test. The fixture saves each variable before every test and restores it afterwards.`;
      }
      return `${names} ${leaks.length === 1 ? 'is' : 'are'} set by hand ${setBefore(scope)}, so it outlives the ${scopeUnit(scope)}. The fixture, ${scope}-scoped, saves each variable before the ${scopeUnit(scope)}'s setup and restores it after its teardown.`;
    },
  };
}

export const pytestEnv = savedEnv('function');
export const pytestEnvPerClass = savedEnv('class');
export const pytestEnvPerModule = savedEnv('module');
