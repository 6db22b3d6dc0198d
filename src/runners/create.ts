import { UsageError } from '../errors.js';
import { detectRunner } from './detect.js';
import { createPytestRunner } from './pytest/index.js';
import type { Runner, RunnerName } from './runner.js';

export const RUNNER_NAMES: readonly RunnerName[] = ['pytest'];

export interface RunnerSettings {
  projectDir: string;
  tempDir: string;
  runner?: RunnerName | undefined;
  python?: string | undefined;
  /** Arguments after `--`, passed to the runner on every run. */
  passThrough: readonly string[];
}

/** The runner named by --runner, else the one the project's config files point to. */
export async function createRunner(settings: RunnerSettings): Promise<Runner> {
  const name = settings.runner ?? (await detectRunner(settings.projectDir));
  if (name === undefined) {
    throw new UsageError(
      `cannot tell which test runner ${settings.projectDir} uses (no pytest.ini, [tool.pytest] in pyproject.toml, [tool:pytest] in setup.cfg, [pytest] in tox.ini or conftest.py); pass --runner ${RUNNER_NAMES.join('|')}`,
    );
  }
  return createPytestRunner({
    projectDir: settings.projectDir,
    tempDir: settings.tempDir,
    python: settings.python,
    pytestArgs: settings.passThrough,
  });
}
