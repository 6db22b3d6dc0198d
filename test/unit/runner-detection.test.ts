// Runner detection on real directory trees: what pytest, jest and vitest themselves would find there.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { detectRunners } from '../../src/runners/detect.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-detect-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let projects = 0;

/** A project made of these files (path → content). */
function project(files: Record<string, string>): string {
  const dir = join(scratch, `p${(projects += 1)}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('runner detection', () => {
  const pytestProjects: [string, Record<string, string>][] = [
    ['a tests/ folder of test_*.py files', { 'app/__init__.py': '', 'tests/test_app.py': 'def test_x():\n    pass\n' }],
    ['*_test.py files', { 'app/units_test.py': 'def test_x():\n    pass\n' }],
    ['only tests/conftest.py', { 'tests/conftest.py': 'import pytest\n', 'tests/checks.py': '' }],
    ['a conftest.py deep down', { 'src/pkg/sub/conftest.py': '' }],
    [
      'unittest classes in a tests folder',
      { 'tests/checks.py': 'import unittest\n\nclass Checks(unittest.TestCase):\n    pass\n' },
    ],
    ['setup.py naming pytest', { 'setup.py': "setup(name='x', tests_require=['pytest'])\n" }],
    ['setup.cfg naming pytest', { 'setup.cfg': '[options.extras_require]\ntest = pytest>=7\n' }],
    ['tox.ini running pytest', { 'tox.ini': '[testenv]\ncommands = pytest {posargs}\n' }],
    ['requirements-dev.txt', { 'requirements-dev.txt': 'flake8\npytest==8.3.0\n' }],
    ['pytest.ini', { 'pytest.ini': '[pytest]\n' }],
    ['[tool.pytest.ini_options]', { 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n' }],
  ];
  for (const [what, files] of pytestProjects) {
    it(`recognises pytest from ${what}`, async () => {
      assert.deepEqual(await detectRunners(project(files)), ['pytest']);
    });
  }

  it('finds nothing in test files pytest skips (node_modules, virtual environments, hidden folders)', async () => {
    const dir = project({
      'node_modules/pkg/test_x.py': '',
      '.venv/lib/test_y.py': '',
      'env/pyvenv.cfg': '',
      'env/lib/test_z.py': '',
      '.hidden/test_w.py': '',
      'README.md': 'run pytest',
      'requirements.txt': 'pytest-cov-less\n',
    });
    assert.deepEqual(await detectRunners(dir), []);
  });

  it('prefers the runner a config names to test files another runner would collect', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { jest: '^29' } }),
      'scripts/test_release.py': '',
    });
    assert.deepEqual(await detectRunners(dir), ['jest']);
  });

  it('names both runners when two are configured alike', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { vitest: '^3' } }),
      'tests/conftest.py': '',
    });
    assert.deepEqual(await detectRunners(dir), ['vitest', 'pytest']);
  });
});
