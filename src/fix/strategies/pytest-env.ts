// (b) an env var set by hand (os.environ[...] = ...): saved before each test and put back after it.
import type { Leak } from '../../report/leaks.js';
import { addFixture, fixtureFiles, pyName, pyString } from '../python.js';
import type { Strategy } from '../types.js';

export const pytestEnv: Strategy = {
  kind: 'env',
  runner: 'pytest',
  answers: (leak: Leak) => leak.kind === 'env',
  describe: (scope) => `env var saved and restored by an autouse fixture (${scope === 'local' ? "in the polluter's module" : 'conftest.py'})`,
  async edit(leaks, scope, context, files) {
    for (const leak of leaks) {
      const name = pyString(leak.name);
      for (const file of await fixtureFiles(scope, context, files)) {
        await addFixture(files, file, {
          name: `_restore_env_${pyName(leak.name)}`,
          imports: ['import os'],
          docstring: `Puts ${leak.name} back as it was after each test: a test sets it by hand instead of with monkeypatch.setenv.`,
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
    const names = leaks.map((leak) => `${leak.name}=${leak.after === null ? '(unset)' : `'${leak.after}'`}`).join(', ');
    return `The polluter sets ${names} by hand (not with monkeypatch.setenv), so it outlives the test. The fixture saves each variable before every test and restores it afterwards.`;
  },
};
