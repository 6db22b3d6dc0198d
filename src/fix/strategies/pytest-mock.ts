// (d) a mock.patch started and never stopped: every started patch is stopped after each test.
import type { Leak } from '../../report/leaks.js';
import { addFixture, fixtureFiles } from '../python.js';
import type { Strategy } from '../types.js';

/** A global the fingerprint describes as a mock (`MagicMock`, `AsyncMock`, `NonCallableMagicMock`). */
export function isMockLeak(leak: Leak): boolean {
  return leak.kind === 'global' && /\b\w*Mock\b/.test(leak.after ?? '') && !/\b\w*Mock\b/.test(leak.before ?? '');
}

export const pytestMock: Strategy = {
  kind: 'mock',
  runner: 'pytest',
  answers: isMockLeak,
  describe: (scope) =>
    `started patches stopped with mock.patch.stopall() in an autouse fixture (${scope === 'local' ? "in the polluter's module" : 'conftest.py'})`,
  async edit(leaks, scope, context, files) {
    for (const file of await fixtureFiles(scope, context, files)) {
      await addFixture(files, file, {
        name: '_stop_started_patches',
        imports: [],
        docstring: 'Stops the patches a test started with patcher.start() and never stopped.',
        body: ['yield', 'from unittest import mock', '', 'mock.patch.stopall()'],
      });
    }
    const names = leaks.map((leak) => `${leak.name} (${leak.before ?? 'absent'} → ${leak.after})`).join(', ');
    return `The polluter starts a mock.patch (patcher.start()) and never stops it, so ${names} stays a mock for every later test. The fixture calls mock.patch.stopall() after each test.`;
  },
};
