// The trial time limit is on one test, not on the whole trial: for each runner, a suite whose run up to the victim
// (8 s) is twice the limit given (--timeout 4), made of tests of 0.8 s, is searched with nothing taken for a hang.
// A limit on the whole trial killed the first trial there and left the test running at that moment out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findJson, samplePath } from '../support/cli.ts';

const SLOW_TESTS = 9; // after the polluter, which takes as long: 10 tests of 0.8 s before the victim

interface SlowSuite {
  runner: string;
  files: Record<string, string>;
  victim: string;
  polluter: string;
}

const jsTests = (leak: string, check: string) => ({
  'tests/a-slow.test.js': [
    'const sleep = () => new Promise((resolve) => setTimeout(resolve, 800));',
    `test('sets the mode', async () => {\n  await sleep();\n  ${leak};\n});`,
    ...Array.from({ length: SLOW_TESTS }, (_, i) => `test('slow ${i}', sleep);`),
    '',
  ].join('\n'),
  'tests/z-victim.test.js': `test('victim', () => {\n  ${check};\n});\n`,
});

const SUITES: SlowSuite[] = [
  {
    runner: 'pytest',
    files: {
      'pyproject.toml': '[tool.pytest.ini_options]\npythonpath = ["."]\n',
      'settings.py': 'VALUES = {}\n',
      'test_a.py': [
        'import time\n\nimport settings\n\n',
        'def test_sets_mode():\n    time.sleep(0.8)\n    settings.VALUES["mode"] = "fast"\n',
        ...Array.from({ length: SLOW_TESTS }, (_, i) => `\ndef test_slow_${i}():\n    time.sleep(0.8)\n`),
      ].join('\n'),
      'test_b.py': 'import settings\n\n\ndef test_victim():\n    assert settings.VALUES == {}\n',
    },
    victim: 'test_b.py::test_victim',
    polluter: 'test_a.py::test_sets_mode',
  },
  {
    // Across files in jest: a core module is one per process.
    runner: 'jest',
    files: {
      'package.json': '{ "private": true }\n',
      'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
      ...jsTests("require('os').polluterMode = 'fast'", "expect(require('os').polluterMode).toBeUndefined()"),
    },
    victim: 'tests/z-victim.test.js > victim',
    polluter: 'tests/a-slow.test.js > sets the mode',
  },
  {
    // Across files in vitest: globalThis, with isolate: false.
    runner: 'vitest',
    files: {
      'package.json': '{ "private": true, "type": "module" }\n',
      'vitest.config.js':
        "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globals: true, isolate: false } });\n",
      ...jsTests("globalThis.polluterMode = 'fast'", 'expect(globalThis.polluterMode).toBeUndefined()'),
    },
    victim: 'tests/z-victim.test.js > victim',
    polluter: 'tests/a-slow.test.js > sets the mode',
  },
];

describe('the trial time limit is on one test, not on the whole trial', () => {
  for (const suite of SUITES) {
    it(`${suite.runner}: a run up to the victim of twice --timeout, made of quick tests, is never taken for a hang`, async () => {
      const project = mkdtempSync(join(tmpdir(), `polluter-slow-${suite.runner}-`));
      try {
        for (const [file, text] of Object.entries(suite.files)) {
          mkdirSync(join(project, file, '..'), { recursive: true });
          writeFileSync(join(project, file), text);
        }
        // The samples' installed runner (npm run samples:install), as the benchmark's generated suites use it.
        if (suite.runner !== 'pytest')
          symlinkSync(join(samplePath(suite.runner, ''), 'node_modules'), join(project, 'node_modules'), 'dir');
        const { report, result } = await findJson(project, suite.victim, ['--timeout', '4']);
        assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
        assert.deepEqual(report.polluters, [suite.polluter]);
        assert.deepEqual(report.excluded, [], 'no test was taken for a hang');
        assert.doesNotMatch(result.stderr, /killed/);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  }
});
