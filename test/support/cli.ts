// Drives the built CLI (dist/) as a user would, with the real runners on the sample projects.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindReport } from '../../src/report/find-report.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'polluter.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The built CLI; `env` adds to (or, with `undefined` values, removes from) the environment it inherits. */
export async function polluter(
  args: readonly string[],
  cwd = ROOT,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const result = await execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1', ...env } });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `polluter find … --format json` on a sample: checks that the sample is untouched and stdout is one JSON object. */
export async function findJson(
  sample: string,
  victim: string,
  extra: readonly string[] = [],
  env: Record<string, string | undefined> = {},
) {
  const before = snapshotTree(sample);
  const result = await polluter(['find', victim, '--project', sample, '--format', 'json', ...extra], ROOT, env);
  assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before the run');
  assert.equal(result.stdout.trim().split('\n')[0], '{', `one JSON object on stdout; stderr:\n${result.stderr}`);
  return { report: JSON.parse(result.stdout) as FindReport, result };
}

export function samplePath(runner: string, name: string): string {
  return join(ROOT, 'samples', runner, name);
}

export interface Expected {
  victim: string;
  verdict: string;
  polluters: string[];
  stateSetters: string[];
  /** A failing order saved from a shuffled run, relative to the sample. */
  orderFile?: string;
  /** The seed of that shuffled run. */
  seed?: number;
  /** What the culprits leave changed in the process, as `find` reports it. */
  leaks?: { kind: string; name: string; by: string }[];
  /** Arguments at the end of every `find` of the sample (`--` and the runner's options, as its CI passes them). */
  args?: string[];
  /** false: every predecessor leaves something changed, so the fingerprints single out no likely polluters. */
  guided?: boolean;
}

export function expected(sample: string): Expected {
  return JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as Expected;
}

/** Every file below `dir` (node_modules aside) with its size and modification time: compared before and after a run. */
export function snapshotTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else {
        const stat = statSync(path);
        files.set(relative(dir, path), `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}
