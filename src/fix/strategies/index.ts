import type { Leak } from '../../report/leaks.js';
import type { RunnerName } from '../../runners/runner.js';
import type { Strategy } from '../types.js';
import { jsEnv } from './js-env.js';
import { jsMock } from './js-mock.js';
import { jsModuleCache } from './js-module-cache.js';
import { jsSpy } from './js-spy.js';
import { jsTimers } from './js-timers.js';
import { pytestCache } from './pytest-cache.js';
import { pytestEnv, pytestEnvPerClass, pytestEnvPerModule } from './pytest-env.js';
import { pytestFile } from './pytest-file.js';
import { pytestGlobal, pytestGlobalPerClass, pytestGlobalPerModule } from './pytest-global.js';
import { pytestMock } from './pytest-mock.js';

// Best first: a leak takes the first strategy that answers it (a global left as a mock: stopall before a restore). A
// save-and-restore per test comes before one per class (a setUpClass) and per module (a module-scoped fixture).
const BY_RUNNER: Record<RunnerName, Strategy[]> = {
  pytest: [
    pytestCache,
    pytestEnv,
    pytestEnvPerClass,
    pytestEnvPerModule,
    pytestMock,
    pytestGlobal,
    pytestGlobalPerClass,
    pytestGlobalPerModule,
    pytestFile,
  ],
  jest: [jsSpy, jsMock, jsTimers, jsEnv, jsModuleCache],
  vitest: [jsSpy, jsMock, jsTimers, jsEnv, jsModuleCache],
};

/** The strategies that answer a leak under this runner, best first. */
export function strategiesFor(runner: RunnerName, leak: Leak): Strategy[] {
  return BY_RUNNER[runner].filter((strategy) => strategy.answers(leak));
}
