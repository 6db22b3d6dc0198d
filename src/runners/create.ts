import { noRunnerFound, pytestSeed, runnersEquallyLikely } from '../errors.js';
import { detectRunners } from './detect.js';
import type { ListScope, Runner, RunnerName } from './runner.js';

export const RUNNER_NAMES: readonly RunnerName[] = ['pytest', 'jest', 'vitest'];

export interface RunnerSettings {
  projectDir: string;
  tempDir: string;
  runner?: RunnerName | undefined;
  python?: string | undefined;
  /** Arguments after `--`, passed to the runner on every run. */
  passThrough: readonly string[];
  /** Take the order of the runner's seeded shuffle (jest --randomize --seed, vitest --sequence.seed). */
  seed?: number | undefined;
  /** Told whenever a listing process starts (each once per scope, see `Runner.list`): where progress says so. */
  onListing?: ((scope: ListScope | undefined) => void) | undefined;
}

/**
 * The runner named by --runner, else the one the project's files point to (see `detectRunners`). Each runner's modules
 * are loaded here, only that runner's: the command line's options need only RUNNER_NAMES, and a search waits for them.
 */
export async function createRunner(settings: RunnerSettings): Promise<Runner> {
  const name = settings.runner ?? (await detectedRunner(settings.projectDir));
  const { projectDir, tempDir, passThrough, seed, onListing } = settings;
  switch (name) {
    case 'pytest':
      if (seed !== undefined) throw pytestSeed();
      return (await import('./pytest/index.js')).createPytestRunner({
        projectDir,
        tempDir,
        python: settings.python,
        pytestArgs: passThrough,
        onListing,
      });
    case 'jest':
      return (await import('./jest/index.js')).createJestRunner({
        projectDir,
        tempDir,
        jestArgs: passThrough,
        seed,
        onListing,
      });
    case 'vitest':
      return (await import('./vitest/index.js')).createVitestRunner({
        projectDir,
        tempDir,
        vitestArgs: passThrough,
        seed,
        onListing,
      });
  }
}

/** Runs `work` with the runner, closed afterwards whatever happens: nothing it started ahead outlives `work`. */
export async function withRunner<T>(settings: RunnerSettings, work: (runner: Runner) => Promise<T>): Promise<T> {
  const runner = await createRunner(settings);
  try {
    return await work(runner);
  } finally {
    await runner.close?.();
  }
}

async function detectedRunner(projectDir: string): Promise<RunnerName> {
  const found = await detectRunners(projectDir);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw runnersEquallyLikely(projectDir, found);
  throw noRunnerFound(projectDir, RUNNER_NAMES);
}
