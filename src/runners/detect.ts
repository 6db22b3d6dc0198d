import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import { parse as parseToml } from 'smol-toml';
import type { RunnerName } from './runner.js';

/**
 * How sure the project's files make a runner: a config or dependency that names it (`configured`) outranks test files
 * it would collect by its defaults (`tests`), as pytest needs no config to run a `tests/` folder of `test_*.py`.
 */
type Evidence = 'configured' | 'tests';

/**
 * The most likely runners of a project, as the runners themselves would find its tests; more than one means they are
 * equally likely and the user has to choose.
 */
export async function detectRunners(projectDir: string): Promise<RunnerName[]> {
  const names = new Set(await readdir(projectDir).catch(() => [] as string[]));
  const read = (name: string) =>
    names.has(name) ? readFile(join(projectDir, name), 'utf8').catch(() => undefined) : Promise.resolve(undefined);
  const evidence = new Map<RunnerName, Evidence>();
  const manifest = parseManifest(await read('package.json'));
  const dependsOn = (name: string) =>
    manifest?.dependencies?.[name] !== undefined || manifest?.devDependencies?.[name] !== undefined;
  const hasConfig = (base: string) =>
    [...names].some((name) => new RegExp(`^${base}\\.config\\.(c|m)?(j|t)s$`).test(name));
  if (
    hasConfig('vitest') ||
    dependsOn('vitest') ||
    names.has('vitest.workspace.ts') ||
    names.has('vitest.workspace.js')
  )
    evidence.set('vitest', 'configured');
  if (hasConfig('jest') || names.has('jest.config.json') || manifest?.jest !== undefined || dependsOn('jest'))
    evidence.set('jest', 'configured');
  const pytest = await pytestEvidence(projectDir, names, read);
  if (pytest) evidence.set('pytest', pytest);
  const strongest = [...evidence.values()].includes('configured') ? 'configured' : 'tests';
  return [...evidence].filter(([, level]) => level === strongest).map(([name]) => name);
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

async function pytestEvidence(
  projectDir: string,
  names: ReadonlySet<string>,
  read: (name: string) => Promise<string | undefined>,
): Promise<Evidence | undefined> {
  const [pytestIni, pyproject, setupCfg, toxIni, setupPy] = await Promise.all(
    ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'setup.py'].map(read),
  );
  if (pytestIni !== undefined) return 'configured';
  if (pyproject !== undefined && hasPytestTable(pyproject)) return 'configured';
  if (setupCfg !== undefined && (iniHas(setupCfg, 'tool:pytest') || namesPytest(setupCfg))) return 'configured';
  if (toxIni !== undefined && (iniHas(toxIni, 'pytest') || namesPytest(toxIni))) return 'configured';
  if (setupPy !== undefined && namesPytest(setupPy)) return 'configured';
  for (const name of [...names].filter((name) => /^requirements.*\.(txt|in)$/.test(name))) {
    if (namesPytest((await read(name)) ?? '')) return 'configured';
  }
  const files = await pythonTestFiles(projectDir);
  if (files.conftest) return 'configured';
  return files.tests ? 'tests' : undefined;
}

/** `pytest` as a word: a requirement, a test command (`pytest`, `python -m pytest`), `tests_require`. */
const namesPytest = (text: string) => /(^|[^\w-])pytest([^\w-]|$)/m.test(text);

function iniHas(text: string, section: string): boolean {
  try {
    return section in parseIni(text);
  } catch {
    return false;
  }
}

function hasPytestTable(pyproject: string): boolean {
  try {
    const tool = parseToml(pyproject).tool as Record<string, unknown> | undefined;
    return tool?.pytest !== undefined; // [tool.pytest.ini_options], or pytest 9's native [tool.pytest]
  } catch {
    return false; // pytest would reject a broken pyproject.toml itself, with a better message
  }
}

// pytest's default norecursedirs, plus the virtual environments and caches it recognises and skips.
const SKIPPED_DIRS = new Set([
  'node_modules',
  'build',
  'dist',
  'CVS',
  '_darcs',
  '{arch}',
  'venv',
  'site-packages',
  '__pycache__',
]);
// A bound on the walk, so that a huge tree costs a moment, not minutes.
const MAX_DIRS = 2000;
const MAX_SOURCES_READ = 200;

/**
 * What pytest would find walking the project: a conftest.py anywhere, and the files it collects by default
 * (`test_*.py`, `*_test.py`) or unittest-style test classes (`class X(unittest.TestCase)`) in any module under a
 * folder named for tests.
 */
async function pythonTestFiles(root: string): Promise<{ conftest: boolean; tests: boolean }> {
  let tests = false;
  let sourcesRead = 0;
  const queue = [root];
  for (let visited = 0; queue.length > 0 && visited < MAX_DIRS; visited += 1) {
    const dir = queue.shift()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((entry) => entry.name === 'pyvenv.cfg')) continue; // a virtual environment
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name) && !entry.name.endsWith('.egg'))
          queue.push(join(dir, entry.name));
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith('.py')) continue;
      if (entry.name === 'conftest.py') return { conftest: true, tests: true };
      if (/^test_.*\.py$|_test\.py$/.test(entry.name)) tests = true;
      else if (!tests && sourcesRead < MAX_SOURCES_READ && /tests?$/i.test(dir)) {
        sourcesRead += 1;
        const source = await readFile(join(dir, entry.name), 'utf8').catch(() => '');
        if (/^class\s+\w+\s*\(\s*(unittest\.)?(Isolated\w*)?TestCase\s*\)/m.test(source)) tests = true;
      }
    }
  }
  return { conftest: false, tests };
}
