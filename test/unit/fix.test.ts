// The pieces of `polluter fix` that need no runner: the diff, the weakening check, fixtures and hooks written into
// files, and the chain of causes. (The proof itself runs the real runners: test/e2e/fix.test.ts.)
import assert from 'node:assert/strict';
import { applyPatch, parsePatch } from 'diff';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addAfterEach, configSwitch } from '../../src/fix/javascript.ts';
import { unifiedDiff, weakeningLines } from '../../src/fix/patch.ts';
import { addFixture, fixtureFiles } from '../../src/fix/python.ts';
import { jsMock } from '../../src/fix/strategies/js-mock.ts';
import { strategiesFor } from '../../src/fix/strategies/index.ts';
import { FileSet, type FixContext } from '../../src/fix/types.ts';
import { unansweredNote, unprovenNote } from '../../src/fix/unanswered.ts';
import { withCauses } from '../../src/report/causes.ts';
import { renderFixMarkdown, renderFixText } from '../../src/report/fix-report.ts';
import { stripVTControlCharacters } from 'node:util';
import { findReport } from '../support/reports.ts';

function filesOf(initial: Record<string, string>): FileSet {
  return new FileSet(async (file) => initial[file] ?? null);
}

describe('fix: the diff', () => {
  it('writes a new file and a change the way git diff does, and each hunk applies back', () => {
    const before = 'import os\n\n\ndef test_a():\n    assert os.sep\n';
    const after = `${before}\n\ndef helper():\n    return 1\n`;
    const diff = unifiedDiff([
      { file: 'tests/conftest.py', before: null, after: 'import pytest\n' },
      { file: 'tests/test_a.py', before, after },
    ]);
    assert.match(
      diff,
      /^diff --git a\/tests\/conftest\.py b\/tests\/conftest\.py\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/tests\/conftest\.py\n@@ -0,0 \+1 @@\n\+import pytest\n/,
    );
    assert.match(
      diff,
      /\ndiff --git a\/tests\/test_a\.py b\/tests\/test_a\.py\n--- a\/tests\/test_a\.py\n\+\+\+ b\/tests\/test_a\.py\n@@ -3,3 \+3,7 @@\n/,
    );
    const [, change] = parsePatch(diff);
    assert.equal(applyPatch(before, change!), after);
  });

  it('flags a skip, a focus or a removed assertion, and nothing in a plain fixture', () => {
    assert.deepEqual(weakeningLines('+@pytest.fixture(autouse=True)\n+def _x():\n+    yield\n-    x = 1\n'), []);
    assert.deepEqual(weakeningLines('+@pytest.mark.skip(reason="flaky")\n'), ['+@pytest.mark.skip(reason="flaky")']);
    assert.deepEqual(weakeningLines("+test.only('a', () => {});\n"), ["+test.only('a', () => {});"]);
    assert.deepEqual(weakeningLines('-    assert total == 3\n'), ['-    assert total == 3']);
    assert.deepEqual(weakeningLines('-  expect(book).toHaveLength(2);\n'), ['-  expect(book).toHaveLength(2);']);
  });
});

describe('fix: pytest fixtures', () => {
  const context = (culprits: string[], victim: string): FixContext => ({
    projectDir: '/nowhere',
    runner: 'pytest',
    victim,
    culprits,
    fileOf: (id) => id.split('::')[0]!,
    readFile: async () => null,
  });

  it('goes into the nearest conftest.py above the polluters and the victim, created in their common folder when none', async () => {
    const files = filesOf({ 'conftest.py': '' });
    assert.deepEqual(
      await fixtureFiles('project-wide', context(['tests/unit/test_a.py::t'], 'tests/unit/test_b.py::v'), files),
      ['conftest.py'],
    );
    const none = filesOf({});
    assert.deepEqual(
      await fixtureFiles('project-wide', context(['tests/unit/test_a.py::t'], 'tests/api/test_b.py::v'), none),
      ['tests/conftest.py'],
    );
    assert.deepEqual(
      await fixtureFiles('local', context(['tests/test_a.py::t', 'tests/test_a.py::u'], 'tests/test_b.py::v'), none),
      ['tests/test_a.py'],
    );
  });

  it('adds its imports after the existing ones and itself at the end, once', async () => {
    const files = filesOf({ 'tests/conftest.py': '"""Shared fixtures."""\nimport json\n\nDATA = json.loads("{}")\n' });
    const fixture = {
      name: '_restore_env_mode',
      imports: ['import os'],
      docstring: 'Puts MODE back.',
      body: ['saved = os.environ.get("MODE")', 'yield'],
    };
    await addFixture(files, 'tests/conftest.py', fixture);
    await addFixture(files, 'tests/conftest.py', fixture);
    const [edit] = files.edits();
    assert.equal(
      edit!.after,
      '"""Shared fixtures."""\nimport json\nimport os\nimport pytest\n\nDATA = json.loads("{}")\n\n\n@pytest.fixture(autouse=True)\ndef _restore_env_mode():\n    """Puts MODE back."""\n    saved = os.environ.get("MODE")\n    yield\n',
    );
  });
});

describe('fix: jest and vitest', () => {
  it('adds afterEach to the file, and to its vitest import', async () => {
    const files = filesOf({
      'tests/a.test.js': "import { describe, test, vi } from 'vitest';\n\ntest('x', () => {});\n",
    });
    assert.equal(
      await addAfterEach(files, 'tests/a.test.js', {
        comment: 'Real timers after each test.',
        body: ['vi.useRealTimers();'],
        uses: ['vi'],
      }),
      true,
    );
    assert.equal(
      files.edits()[0]!.after,
      "import { describe, test, vi, afterEach } from 'vitest';\n\ntest('x', () => {});\n\n// Real timers after each test.\nafterEach(() => {\n  vi.useRealTimers();\n});\n",
    );
  });

  it('turns on restoreMocks in the config unless it is set already (a comment that names it does not count)', async () => {
    const files = filesOf({
      'jest.config.js': "module.exports = {\n  // no `restoreMocks: true` here\n  testEnvironment: 'node',\n};\n",
    });
    assert.equal(await configSwitch(files, 'jest', 'restoreMocks'), 'jest.config.js');
    assert.match(files.edits()[0]!.after, /^module\.exports = \{\n {2}restoreMocks: true,\n {2}\/\/ no/);
    const set = filesOf({ 'vitest.config.ts': 'export default defineConfig({ test: { restoreMocks: false } });\n' });
    assert.equal(await configSwitch(set, 'vitest', 'restoreMocks'), undefined);
  });

  it('a mock whose calls are never cleared: clearMocks in the config, else clearAllMocks() after each test of the file', async () => {
    const leak = {
      kind: 'mock',
      name: 'src/orders.ts (module scope): audit_1.record.mock.calls',
      before: '0',
      after: '1',
      by: 'tests/orders.test.ts > orders > places',
    } as const;
    assert.deepEqual(
      strategiesFor('jest', leak).map((strategy) => strategy.kind),
      ['mock'],
    );
    assert.deepEqual(strategiesFor('pytest', leak), []);
    const context = {
      runner: 'jest',
      culprits: [leak.by],
      fileOf: (id: string) => id.split(' > ')[0]!,
    } as unknown as FixContext;
    const config = filesOf({ 'jest.config.js': "module.exports = {\n  testEnvironment: 'node',\n};\n" });
    assert.match(
      (await jsMock.edit([leak], 'project-wide', context, config))!,
      /audit_1\.record and nothing clears its calls.*clearMocks: true in jest\.config\.js/,
    );
    assert.equal(config.edits()[0]!.after, "module.exports = {\n  clearMocks: true,\n  testEnvironment: 'node',\n};\n");
    const local = filesOf({
      'tests/orders.test.ts': "import { describe, expect, test } from '@jest/globals';\n\ntest('x', () => {});\n",
    });
    assert.match((await jsMock.edit([leak], 'local', context, local))!, /jest\.clearAllMocks\(\) after each test/);
    assert.equal(
      local.edits()[0]!.after,
      "import { describe, expect, test, afterEach, jest } from '@jest/globals';\n\ntest('x', () => {});\n\n// A mock counts only the calls of the test that is running.\nafterEach(() => {\n  jest.clearAllMocks();\n});\n",
    );
  });
});

describe('the chain of causes', () => {
  it('says what a cache kept and under which env var, restored or not', () => {
    const leak = {
      kind: 'cache',
      name: 'app.config.get_config',
      before: 'lru_cache of 0 entries',
      after: 'lru_cache of 1 entry',
      by: 'tests/test_a.py::test_us',
    } as const;
    const env = [{ name: 'APP_REGION', value: 'us-east-2', before: null, restored: true }];
    const [explained] = withCauses(
      [leak],
      [
        {
          by: 'tests/test_a.py::test_us',
          cache: 'app.config.get_config',
          value: "{'region': 'us-east-2'}",
          entries: 1,
          env,
        },
      ],
    );
    assert.equal(
      explained!.cause!.explanation,
      "app.config.get_config kept {'region': 'us-east-2'}, computed while APP_REGION='us-east-2' (set in tests/test_a.py::test_us and restored at its teardown; the cache was not cleared)",
    );
    const [unrestored] = withCauses(
      [leak],
      [
        {
          by: 'tests/test_a.py::test_us',
          cache: 'app.config.get_config',
          value: null,
          entries: 2,
          env: [{ ...env[0]!, restored: false }],
        },
      ],
    );
    assert.match(
      unrestored!.cause!.explanation,
      /kept 2 entries, computed while APP_REGION='us-east-2' \(set in tests\/test_a\.py::test_us and still APP_REGION after it;/,
    );
    assert.equal(withCauses([{ ...leak, kind: 'env' as const }], []).at(0)!.cause, undefined);
  });
});

describe('fix: the report', () => {
  const diff =
    'diff --git a/tests/conftest.py b/tests/conftest.py\nnew file mode 100644\n--- /dev/null\n+++ b/tests/conftest.py\n@@ -0,0 +1 @@\n+import pytest\n';
  const check = {
    name: 'after the polluters',
    passed: true,
    detail: 'the victim passes after its polluters (run 1 of 2)',
  };
  const section = {
    diff,
    files: ['tests/conftest.py'],
    kind: 'cache',
    strategy: 'lru_cache cleared in an autouse fixture (conftest.py)',
    scope: 'project-wide',
    explanation: 'It kept vchord.',
    verified: true,
    trials: 9,
    checks: [check],
    applied: false,
  };
  const tried = {
    kind: 'cache',
    strategy: 'lru_cache cleared (local)',
    scope: 'local',
    files: ['tests/test_a.py'],
    failed: { ...check, passed: false, detail: 'the victim failed after its polluters (run 1)' },
  };

  it('text: the fix, why, the proof and the patch; or none proven, with what was tried', () => {
    const text = stripVTControlCharacters(renderFixText({ ...findReport(), fix: section, fixTried: [], fixNotes: [] }));
    assert.match(
      text,
      /\nFix {8}lru_cache cleared in an autouse fixture \(conftest\.py\)\nWhy {8}It kept vchord\.\nProof {6}the victim passes after its polluters \(run 1 of 2\) \(9 runs\)\n\nPatch \(git apply it, or run again with --apply\):\ndiff --git/,
    );
    const none = stripVTControlCharacters(
      renderFixText({
        ...findReport(),
        fix: null,
        fixTried: [tried],
        fixNotes: ['no strategy answers the threads leak threads yet'],
      }),
    );
    assert.match(
      none,
      /\nTried {6}lru_cache cleared \(local\): failed after the polluters \(the victim failed after its polluters \(run 1\)\)\nNote {7}no strategy answers the threads leak threads yet\nFix {8}none proven\n$/,
    );
  });

  it('markdown: the patch in a diff block', () => {
    const markdown = renderFixMarkdown({ ...findReport(), fix: section, fixTried: [tried], fixNotes: [] });
    assert.ok(markdown.includes(`\n### Fix\n\n- **Strategy:** `), markdown);
    assert.ok(markdown.includes(`\n\`\`\`diff\n${diff}\`\`\`\n`), markdown);
    assert.match(markdown, /\n- \*\*Tried:\*\* lru\\_cache cleared \\\(local\\\): failed after the polluters/);
  });
});

describe('fix: a leak no strategy answers', () => {
  it("says so plainly, with what to do by hand in the runner's idiom", () => {
    const leak = (kind: string, name: string) => ({ kind, name, before: null, after: '1', by: 't' }) as never;
    assert.equal(
      unansweredNote(leak('cwd', 'cwd'), 'pytest'),
      'no strategy answers the cwd leak cwd yet: use monkeypatch.chdir (undone at teardown) instead of os.chdir',
    );
    assert.match(
      unansweredNote(leak('cwd', 'cwd'), 'jest'),
      /: save process\.cwd\(\) and process\.chdir\(\) back to it in an afterEach$/,
    );
    assert.match(unansweredNote(leak('database-rows', 'orders'), 'pytest'), /: a database is reset by --database/);
    assert.equal(
      unansweredNote(leak('something-new', 'x'), 'vitest'),
      'no strategy answers the something-new leak x yet',
    );
  });
});

describe('fix: a leak whose patches all failed their proof', () => {
  it("says why a restore did not help and what to do by hand, in the runner's idiom", () => {
    const leak = (kind: string, name: string) => ({ kind, name, before: null, after: '1', by: 't' }) as never;
    assert.match(
      unprovenNote(leak('env', 'APP_MODE'), 'pytest'),
      /^no patch for the env leak APP_MODE passed its proof: .*read once and kept.*monkeypatch\.setenv in the polluter/,
    );
    assert.match(
      unprovenNote(leak('global', 'app.http.Settings.timeout'), 'pytest'),
      /passed its proof: .*monkeypatch\.setattr \/ monkeypatch\.setitem .*tearDownClass/,
    );
    assert.match(unprovenNote(leak('env', 'APP_MODE'), 'vitest'), /vi\.stubEnv/);
    assert.equal(
      unprovenNote(leak('threads', 'threads'), 'pytest'),
      'no patch for the threads leak threads passed its proof',
    );
  });
});

describe('fix: state set before any per-test fixture (setUpClass, a module-scoped fixture)', () => {
  // A project with the modules the leaks name, so that `app.exporters.Exporter.registry` splits at the module file.
  const project = mkdtempSync(join(tmpdir(), 'polluter-fix-unit-'));
  for (const module of ['exporters', 'signals']) {
    mkdirSync(join(project, 'app'), { recursive: true });
    writeFileSync(join(project, 'app', `${module}.py`), '');
  }
  after(() => rmSync(project, { recursive: true, force: true }));
  const context = (culprits: string[]): FixContext => ({
    projectDir: project,
    runner: 'pytest',
    victim: 'tests/test_b.py::test_v',
    culprits,
    fileOf: (id) => id.split('::')[0]!,
    readFile: async () => null,
  });

  it('tries a per-class restore only for a polluter in a class, after the per-test one, and a per-module one last', () => {
    const env = (by: string) => ({ kind: 'env', name: 'STORAGE_BACKEND', before: null, after: 's3', by }) as const;
    const inClass = strategiesFor('pytest', env('tests/test_a.py::S3Tests::test_x')).map((strategy) =>
      strategy.describe('project-wide'),
    );
    assert.deepEqual(inClass, [
      'env var saved and restored by an autouse fixture (conftest.py)',
      'env var saved and restored by an autouse fixture per test class (conftest.py)',
      'env var saved and restored by an autouse fixture per test module (conftest.py)',
    ]);
    // A parametrized test whose parameter holds '::' is not in a class.
    assert.equal(strategiesFor('pytest', env('tests/test_a.py::test_x[a::b]')).length, 2);
  });

  it('writes a class-scoped fixture that restores a class registry in place', async () => {
    const leak = {
      kind: 'global',
      name: "app.exporters.Exporter.registry['pdf']",
      before: null,
      after: 'type',
      by: 'tests/test_a.py::PdfTests::test_x',
    } as const;
    const perClass = strategiesFor('pytest', leak).find((strategy) =>
      strategy.describe('local').includes('per test class'),
    )!;
    const files = filesOf({});
    assert.match(
      (await perClass.edit([leak], 'project-wide', context([leak.by]), files))!,
      /changed in the polluter's class setup \(a setUpClass/,
    );
    assert.equal(
      files.edits()[0]!.after,
      [
        'import pytest',
        '',
        '',
        '@pytest.fixture(autouse=True, scope="class")',
        'def _restore_exporter_registry_per_class():',
        '    """Puts app.exporters.Exporter.registry back as it was after each test class (its contents, in the same object)."""',
        '    from app import exporters',
        '',
        '    original = exporters.Exporter.registry',
        '    saved = dict(original)',
        '    yield',
        '    original.clear()',
        '    original.update(saved)',
        '',
      ].join('\n'),
    );
  });

  it('restores a list kept inside a registry (a value appended to) in that list, not in the registry', async () => {
    const leak = {
      kind: 'global',
      name: "app.signals.HANDLERS['saved']",
      before: 'list of 0 items',
      after: 'list of 1 item',
      by: 'tests/test_a.py::test_x',
    } as const;
    const [perTest] = strategiesFor('pytest', leak);
    const files = filesOf({});
    await perTest!.edit([leak], 'project-wide', context([leak.by]), files);
    const conftest = files.edits()[0]!.after;
    assert.ok(conftest.includes('def _restore_handlers_saved():\n'), conftest);
    assert.ok(
      conftest.endsWith(
        "\n    from app import signals\n\n    original = signals.HANDLERS['saved']\n    saved = list(original)\n    yield\n    original[:] = saved\n",
      ),
      conftest,
    );
  });
});
