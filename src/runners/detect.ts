import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import { parse as parseToml } from 'smol-toml';
import type { RunnerName } from './runner.js';

/** The runners a project's config files point to; more than one means the user has to choose. */
export async function detectRunners(projectDir: string): Promise<RunnerName[]> {
  const names = new Set(await readdir(projectDir).catch(() => [] as string[]));
  const read = (name: string) => (names.has(name) ? readFile(join(projectDir, name), 'utf8').catch(() => undefined) : Promise.resolve(undefined));
  const found: RunnerName[] = [];
  const manifest = parseManifest(await read('package.json'));
  const dependsOn = (name: string) => manifest?.dependencies?.[name] !== undefined || manifest?.devDependencies?.[name] !== undefined;
  const hasConfig = (base: string) => [...names].some((name) => new RegExp(`^${base}\\.config\\.(c|m)?(j|t)s$`).test(name));
  if (hasConfig('vitest') || dependsOn('vitest') || names.has('vitest.workspace.ts') || names.has('vitest.workspace.js')) found.push('vitest');
  if (hasConfig('jest') || names.has('jest.config.json') || manifest?.jest !== undefined || dependsOn('jest')) found.push('jest');
  if (await looksLikePytest(read)) found.push('pytest');
  return found;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  jest?: unknown;
}

function parseManifest(text: string | undefined): Manifest | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Manifest);
  } catch {
    return undefined; // npm and the runners complain about a broken package.json themselves
  }
}

async function looksLikePytest(read: (name: string) => Promise<string | undefined>): Promise<boolean> {
  const [pytestIni, pyproject, setupCfg, toxIni, conftest] = await Promise.all(
    ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'conftest.py'].map(read),
  );
  if (pytestIni !== undefined || conftest !== undefined) return true;
  if (pyproject !== undefined && hasPytestTable(pyproject)) return true;
  if (setupCfg !== undefined && 'tool:pytest' in parseIni(setupCfg)) return true;
  return toxIni !== undefined && 'pytest' in parseIni(toxIni);
}

function hasPytestTable(pyproject: string): boolean {
  try {
    const tool = parseToml(pyproject).tool as Record<string, unknown> | undefined;
    return tool?.pytest !== undefined; // [tool.pytest.ini_options], or pytest 9's native [tool.pytest]
  } catch {
    return false; // pytest would reject a broken pyproject.toml itself, with a better message
  }
}
