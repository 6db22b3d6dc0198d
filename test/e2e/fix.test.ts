// `polluter fix` through the built CLI, with the real pytest, on a sample per kind of leak.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FixReport } from '../../src/report/fix-report.ts';
import { expected, polluter, ROOT, samplePath, snapshotTree } from '../support/cli.ts';
import { pytestAlone, PYTEST_ENV } from '../support/pytest-alone.ts';

/** A fresh copy of a sample, without the caches a run may have left. */
function copyOf(sample: string, temp: string, name: string): string {
  const dir = join(temp, name);
  cpSync(sample, dir, { recursive: true, filter: (source) => !/__pycache__|\.pytest_cache/.test(source) });
  return dir;
}

const KINDS: Record<string, string> = {
  'cached-config': 'cache',
  'env-var': 'env',
  'module-global': 'global',
  'started-patch': 'mock',
  'file-in-project': 'file',
  // Set before any per-test fixture runs: in a unittest setUpClass, in a module-scoped fixture.
  'setupclass-env': 'env',
  'fixture-env': 'env',
  // A class attribute set by hand; a receivers list inside a module's registry dict, appended to; a class's registry dict
  // filled in a setUpClass; a module's registry list filled by a unittest test.
  'class-attribute': 'global',
  'signal-registry': 'global',
  'class-registry': 'global',
  'unittest-classes': 'global',
};

/** The fixture the proven patch must add, where a per-test one cannot work (it is tried first, and fails). */
const WIDER: Record<string, { decorator: string; tried: string }> = {
  'setupclass-env': {
    decorator: '@pytest.fixture(autouse=True, scope="class")',
    tried: 'env var saved and restored by an autouse fixture (conftest.py)',
  },
  'fixture-env': {
    decorator: '@pytest.fixture(autouse=True, scope="module")',
    tried: 'env var saved and restored by an autouse fixture (conftest.py)',
  },
  'class-registry': {
    decorator: '@pytest.fixture(autouse=True, scope="class")',
    tried:
      "global (a module's, a class attribute, a registry) restored by a save-and-restore autouse fixture (conftest.py)",
  },
};

/** The lines the patch must add, one after the other: a container's contents restored into the same object, an attribute set back. */
const RESTORES: Record<string, string[]> = {
  'signal-registry': [
    "    original = signals.RECEIVERS['order_placed']",
    '    saved = list(original)',
    '    yield',
    '    original[:] = saved',
  ],
  'class-registry': [
    '    original = exporters.Exporter.registry',
    '    saved = dict(original)',
    '    yield',
    '    original.clear()',
    '    original.update(saved)',
  ],
  'class-attribute': [
    '    owner = http.Settings',
    '    had = hasattr(owner, "timeout")',
    '    saved = getattr(owner, "timeout", None)',
    '    yield',
    '    if had:',
    '        setattr(owner, "timeout", saved)',
  ],
};

describe('polluter fix (pytest)', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'polluter-fix-test-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  for (const [name, kind] of Object.entries(KINDS)) {
    it(`${name}: proves a ${kind} fix without touching the project, and git apply of its diff makes pytest pass every test`, async () => {
      const sample = samplePath('pytest', name);
      const { victim, polluters } = expected(sample);
      const tree = snapshotTree(sample);
      const result = await polluter(['fix', victim, '--project', sample, '--format', 'json'], ROOT, { TMPDIR: temp });
      assert.equal(result.exitCode, 0, result.stderr);
      assert.deepEqual(snapshotTree(sample), tree, 'the project tree is as before the run');
      assert.deepEqual(
        readdirSync(temp).filter((entry) => entry.startsWith('polluter-')),
        [],
        'the scratch copy is removed',
      );
      const report = JSON.parse(result.stdout) as FixReport;
      assert.deepEqual(report.polluters, polluters);
      const fix = report.fix!;
      assert.ok(fix, `no fix: ${JSON.stringify(report.fixTried)} ${report.fixNotes.join('; ')}`);
      assert.equal(fix.kind, kind);
      assert.equal(fix.verified, true);
      assert.deepEqual(fix.files, ['tests/conftest.py']);
      assert.deepEqual(
        fix.checks.map((check) => check.name),
        [
          'no test weakened',
          'collection',
          'after the polluters',
          'after the polluters',
          'polluters alone',
          'victim alone',
          ...(fix.checks.some((check) => check.name === 'failing order') ? ['failing order'] : []),
          'whole suite',
        ],
      );
      assert.ok(fix.checks.every((check) => check.passed));
      assert.ok(fix.trials >= 7, `${fix.trials} proof runs`);
      assert.match(
        fix.diff,
        /^diff --git a\/tests\/conftest\.py b\/tests\/conftest\.py\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/tests\/conftest\.py\n@@ /,
      );
      assert.match(fix.explanation, /.{40}/);
      const wider = WIDER[name];
      if (wider) {
        assert.ok(fix.diff.includes(`+${wider.decorator}\n`), fix.diff);
        assert.deepEqual(
          report.fixTried.map((tried) => [tried.strategy, tried.failed.name]),
          [[wider.tried, 'after the polluters']],
        );
      }
      if (RESTORES[name]) assert.ok(fix.diff.includes(RESTORES[name].map((line) => `+${line}\n`).join('')), fix.diff);
      if (kind === 'cache') {
        // The chain of causes: the value the cache kept, and the env var behind it, restored while the cache was not.
        const cause = report.leaks[0]!.cause!;
        assert.match(cause.kept!, /^Config\(vector_extension='vchord'/);
        assert.deepEqual(cause.computedWhile, [
          { name: 'APP_VECTOR_EXTENSION', value: 'vchord', before: null, restored: true },
        ]);
        assert.match(
          fix.explanation,
          /computed while APP_VECTOR_EXTENSION='vchord' \(set in tests\/test_link_utils\.py::test_ann_vchord and restored at its teardown; the cache was not cleared\)/,
        );
      }

      // The polluter then the victim fail without the patch, in a fresh copy (the fix is needed)…
      const unpatched = copyOf(sample, temp, `${name}-unpatched`);
      const failing = await execa(
        'python3',
        ['-m', 'pytest', '-p', 'no:randomly', '-p', 'no:cacheprovider', '-q', ...polluters.map((id) => id), victim],
        { cwd: unpatched, reject: false, env: PYTEST_ENV },
      );
      assert.equal(failing.exitCode, 1, failing.stdout);
      const whole = await pytestAlone(copyOf(sample, temp, `${name}-count`));
      // …and with it, pytest alone passes every test of the sample, as many as before.
      const patched = copyOf(sample, temp, `${name}-patched`);
      writeFileSync(join(temp, `${name}.diff`), fix.diff);
      const applied = await execa('git', ['apply', join(temp, `${name}.diff`)], { cwd: patched, reject: false });
      assert.equal(applied.exitCode, 0, applied.stderr);
      const passingPair = await execa(
        'python3',
        ['-m', 'pytest', '-p', 'no:randomly', '-p', 'no:cacheprovider', '-q', ...polluters, victim],
        { cwd: patched, reject: false, env: PYTEST_ENV },
      );
      assert.equal(passingPair.exitCode, 0, passingPair.stdout);
      const suite = await pytestAlone(patched);
      assert.equal(suite.exitCode, 0, suite.output);
      assert.equal(suite.failed, 0);
      assert.equal(suite.passed, whole.passed + whole.failed, 'the same number of tests as before');
      writeFileSync(join(temp, `${name}.json`), result.stdout);
    });
  }

  it('--report skips the search and --apply writes the proven patch into the project', async () => {
    const sample = samplePath('pytest', 'env-var');
    const project = copyOf(sample, temp, 'env-var-apply');
    const { victim } = expected(sample);
    const found = await polluter(
      ['find', victim, '--project', project, '--format', 'json', '--output', join(temp, 'env-var-find.json')],
      ROOT,
      { TMPDIR: temp },
    );
    assert.equal(found.exitCode, 0, found.stderr);
    const result = await polluter(
      [
        'fix',
        victim,
        '--project',
        project,
        '--report',
        join(temp, 'env-var-find.json'),
        '--apply',
        '--format',
        'markdown',
      ],
      ROOT,
      { TMPDIR: temp },
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /trial +1 +alone/, 'no search: the report answered it');
    assert.match(
      result.stdout,
      /### Fix\n\n- \*\*Strategy:\*\* env var saved and restored by an autouse fixture .* \(applied\)\n/,
    );
    assert.match(result.stdout, /```diff\ndiff --git a\/tests\/conftest\.py/);
    const conftest = readFileSync(join(project, 'tests', 'conftest.py'), 'utf8');
    assert.match(conftest, /def _restore_env_payments_mode\(\):\n/);
    assert.match(conftest, /os\.environ\.pop\("PAYMENTS_MODE", None\)/);
    const suite = await pytestAlone(project);
    assert.equal(suite.exitCode, 0, suite.output);
    assert.equal(suite.passed, 4);
  });

  it('exit 1 and the candidates tried, each with the check it failed, when no patch is proven', async () => {
    // A report that blames the wrong variable: restoring it leaves PAYMENTS_MODE set, and the victim still fails.
    const sample = samplePath('pytest', 'env-var');
    const { victim, polluters } = expected(sample);
    const report = join(temp, 'wrong-leak.json');
    const leak = { kind: 'env', name: 'UNRELATED_FLAG', before: null, after: '1', by: polluters[0] };
    writeFileSync(
      report,
      JSON.stringify({
        victim,
        runner: 'pytest',
        verdict: 'polluted',
        polluters,
        order: 'collected order',
        leaks: [leak],
      }),
    );
    const tree = snapshotTree(sample);
    const result = await polluter(['fix', victim, '--project', sample, '--report', report, '--format', 'json'], ROOT, {
      TMPDIR: temp,
    });
    assert.equal(result.exitCode, 1, result.stderr);
    assert.deepEqual(snapshotTree(sample), tree);
    const answer = JSON.parse(result.stdout) as FixReport;
    assert.equal(answer.fix, null);
    // Per test, then per module (the polluter is not in a class: no per-class try), project-wide then local.
    assert.deepEqual(
      answer.fixTried.map((tried) => [
        tried.scope,
        tried.strategy.includes('per test module'),
        tried.failed.name,
        tried.failed.passed,
      ]),
      [
        ['project-wide', false, 'after the polluters', false],
        ['project-wide', true, 'after the polluters', false],
        ['local', false, 'after the polluters', false],
        ['local', true, 'after the polluters', false],
      ],
    );
    assert.match(answer.fixTried[0]!.failed.detail, /the victim failed after its polluters \(run 1\)/);
    // Why no patch passed, and what to do by hand; then the cleaner strategy found no test that resets the state.
    assert.deepEqual(answer.fixNotes.length, 2);
    assert.equal(
      answer.fixNotes[1],
      'no test makes the victim pass again after the polluters: no cleaner shows what resets the state',
    );
    assert.match(
      answer.fixNotes[0]!,
      /^no patch for the env leak UNRELATED_FLAG passed its proof: restoring the variable .* did not make the victim pass: .*monkeypatch\.setenv in the polluter/,
    );
  });

  it('bad input: a missing report or one without the victim is exit 2, one line', async () => {
    const sample = samplePath('pytest', 'env-var');
    const missing = await polluter([
      'fix',
      'tests/test_receipts.py::test_receipt_links_to_the_live_gateway',
      '--project',
      sample,
      '--report',
      join(temp, 'none.json'),
    ]);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /^polluter: cannot read the report .*none\.json: no such file$/);
    const other = join(temp, 'other.json');
    writeFileSync(
      other,
      JSON.stringify({ victim: 'tests/x.py::y', verdict: 'polluted', polluters: [], leaks: [], runner: 'pytest' }),
    );
    const wrong = await polluter([
      'fix',
      'tests/test_receipts.py::test_receipt_links_to_the_live_gateway',
      '--project',
      sample,
      '--report',
      other,
    ]);
    assert.equal(wrong.exitCode, 2);
    assert.match(
      wrong.stderr,
      /has no search of the victim 'tests\/test_receipts\.py::test_receipt_links_to_the_live_gateway'; it has 'tests\/x\.py::y'$/,
    );
    assert.equal(existsSync(join(sample, 'tests', 'conftest.py')), false);
  });
});

/** jest or vitest alone on a directory, through its JSON report: the exit code and the counts (vitest: files one by one, in its uncached order). */
async function jsRunnerAlone(runner: 'jest' | 'vitest', dir: string, bin: string) {
  const out = join(dir, '..', `${runner}-result.json`);
  const args =
    runner === 'jest'
      ? ['--ci', '--json', `--outputFile=${out}`]
      : ['run', '--no-file-parallelism', '--no-cache', '--reporter=json', `--outputFile=${out}`];
  const result = await execa(bin, args, { cwd: dir, reject: false });
  const counts = JSON.parse(readFileSync(out, 'utf8')) as {
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
  };
  rmSync(out);
  return { exitCode: result.exitCode, ...counts, output: `${result.stdout}\n${result.stderr}` };
}

const JS_SAMPLES = [
  { runner: 'jest', name: 'spy-singleton', kind: 'spy' },
  { runner: 'jest', name: 'fake-timers', kind: 'timers' },
  // A jest.mock'ed function's calls never cleared (jest 29, ts-jest): clearMocks, proven on the whole suite.
  { runner: 'jest', name: 'jest29/mock-history', kind: 'mock' },
  { runner: 'vitest', name: 'spy-singleton', kind: 'spy' },
  { runner: 'vitest', name: 'fake-timers', kind: 'timers' },
  // process.env set by hand, read by a later file: vitest with isolate: false (files in the order the sample is sized for).
  { runner: 'vitest', name: 'no-isolate-env', kind: 'env' },
  // process.env set by hand into a lazily cached config: the variable restored alone is not enough.
  { runner: 'vitest', name: 'config-cache', kind: 'env+module-cache' },
] as const;

describe('polluter fix (jest, vitest)', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'polluter-fix-test-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  for (const { runner, name, kind } of JS_SAMPLES) {
    it(`${runner}/${name}: proves a ${kind} fix without touching the project, and git apply of its diff makes ${runner} alone pass every test`, async () => {
      const sample = samplePath(runner, name);
      const { victim } = expected(sample);
      const tree = snapshotTree(sample);
      const result = await polluter(['fix', victim, '--project', sample, '--format', 'json'], ROOT, { TMPDIR: temp });
      assert.equal(result.exitCode, 0, result.stderr);
      assert.deepEqual(snapshotTree(sample), tree, 'the project tree is as before the run');
      assert.deepEqual(
        readdirSync(temp).filter((entry) => entry.startsWith('polluter-')),
        [],
        'the scratch copy is removed',
      );
      const report = JSON.parse(result.stdout) as FixReport;
      const fix = report.fix!;
      assert.ok(fix, result.stdout);
      assert.equal(fix.kind, kind);
      assert.ok(fix.checks.every((check) => check.passed) && fix.verified);
      if (name === 'config-cache') {
        assert.deepEqual(
          report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
          expected(sample).leaks,
        );
        // Restoring the variable alone was tried first, and failed: the cached config keeps it.
        assert.deepEqual(
          report.fixTried.map((tried) => [tried.kind, tried.failed.name]),
          [['env', 'after the polluters']],
        );
        assert.match(fix.explanation, /APP_REGION='us-east-2'/);
        assert.match(fix.diff, /\+import \{ resetConfig \} from '\.\.\/src\/config\.js';\n/);
      }

      if (kind === 'mock') {
        assert.equal(fix.scope, 'project-wide');
        assert.match(
          fix.diff,
          /^diff --git a\/jest\.config\.js b\/jest\.config\.js\n[\s\S]*\n\+ {2}clearMocks: true,\n/,
        );
        assert.match(fix.explanation, /audit_1\.record and nothing clears its calls/);
      }

      // Fresh copies beside a link to the node_modules the sample resolves (the samples' shared one, or jest29's).
      const installed = join(sample, '..', 'node_modules');
      const parent = join(temp, installed.slice(join(ROOT, 'samples').length + 1).replaceAll('/', '-'));
      if (!existsSync(parent)) {
        mkdirSync(parent);
        symlinkSync(installed, join(parent, 'node_modules'), 'dir');
      }
      const bin = join(parent, 'node_modules', '.bin', runner);
      const unpatched = await jsRunnerAlone(
        runner,
        copyOf(sample, parent, `${name.replaceAll('/', '-')}-unpatched`),
        bin,
      );
      assert.ok(unpatched.numFailedTests > 0, 'the collected order fails without the fix');
      const patched = copyOf(sample, parent, `${name.replaceAll('/', '-')}-patched`);
      const diffFile = join(temp, `${runner}-${name.replaceAll('/', '-')}.diff`);
      writeFileSync(diffFile, fix.diff);
      const applied = await execa('git', ['apply', diffFile], { cwd: patched, reject: false });
      assert.equal(applied.exitCode, 0, applied.stderr);
      const suite = await jsRunnerAlone(runner, patched, bin);
      assert.equal(suite.exitCode, 0, suite.output);
      assert.equal(suite.numFailedTests, 0);
      assert.equal(suite.numPassedTests, unpatched.numTotalTests, 'the same number of tests as before, all passing');
    });
  }
});
