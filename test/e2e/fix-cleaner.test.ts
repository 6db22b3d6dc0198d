// `polluter fix`'s cleaner strategy through the built CLI, with the real pytest: state no fingerprint sees (a row in
// a SQLite file outside the project), undone by what a cleaner test does.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FixReport } from '../../src/report/fix-report.ts';
import { expected, polluter, ROOT, samplePath, snapshotTree } from '../support/cli.ts';
import { pytestAlone, PYTEST_ENV } from '../support/pytest-alone.ts';

const CLEANER = 'tests/test_purge.py::test_purge_empties_the_outbox';

function copyOf(sample: string, temp: string, name: string): string {
  const dir = join(temp, name);
  cpSync(sample, dir, { recursive: true, filter: (source) => !/__pycache__|\.pytest_cache/.test(source) });
  return dir;
}

/**
 * `polluter fix VICTIM --format json` with `temp` as the temp dir: a proven fix (exit 0), the project tree as before,
 * and nothing of polluter's or the sample's outboxes left in `temp`.
 */
async function fixLeavingNothing(sample: string, victim: string, temp: string): Promise<FixReport> {
  const tree = snapshotTree(sample);
  const result = await polluter(['fix', victim, '--project', sample, '--format', 'json'], ROOT, { TMPDIR: temp });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.deepEqual(snapshotTree(sample), tree, 'the project tree is as before the run');
  assert.deepEqual(
    readdirSync(temp).filter((entry) => entry.startsWith('polluter-') || entry.startsWith('outbox-sample-')),
    [],
    'the scratch copy and the outboxes are removed',
  );
  return JSON.parse(result.stdout) as FixReport;
}

describe('polluter fix: the cleaner strategy (pytest)', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'polluter-fix-cleaner-test-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('outside-database: nothing seen leaking, the cleaner statements proven after the polluter, minimised; git apply makes pytest pass every test', async () => {
    const sample = samplePath('pytest', 'outside-database');
    const { victim, polluters } = expected(sample);
    const report = await fixLeavingNothing(sample, victim, temp);
    assert.deepEqual(report.polluters, polluters);
    assert.deepEqual(report.leaks, [], 'no fingerprint sees the row: only the cleaner strategy can work');
    assert.deepEqual(report.cleaners, [[CLEANER]], 'the cleaner found in the scratch copy');
    const fix = report.fix!;
    assert.ok(fix, `no fix: ${JSON.stringify(report.fixTried)} ${report.fixNotes.join('; ')}`);
    assert.equal(fix.kind, 'cleaner');
    assert.equal(fix.scope, 'local');
    assert.equal(fix.verified, true);
    assert.match(fix.strategy, new RegExp(`^what the cleaner ${CLEANER} does, run after the polluter`));
    assert.deepEqual(fix.files, ['tests/test_a_signup.py']);
    assert.deepEqual(
      fix.checks.map((check) => [check.name, check.passed]),
      [
        ['no test weakened', true],
        ['collection', true],
        ['after the polluters', true],
        ['after the polluters', true],
        ['polluters alone', true],
        ['victim alone', true],
        ['failing order', true],
      ],
    );
    // The explanation names the cleaner and what it does; minimised from 4 statements to the one that cleans.
    assert.match(
      fix.explanation,
      new RegExp(
        `The fixture runs what ${CLEANER} does after ${polluters[0]}: \`outbox\\.purge\\(\\)\` \\(its asserts left out\\)\\. 1 of its 4 statements is kept`,
      ),
    );
    assert.ok(fix.trials >= 7 * 4, `${fix.trials} runs: a proof per statement tried`);
    assert.ok(
      fix.diff.includes(
        [
          '+@pytest.fixture(autouse=True)',
          '+def _clean_like_test_purge_empties_the_outbox(request):',
          `+    """After ${polluters[0]}: what the cleaner test ${CLEANER} does (its asserts left out)."""`,
          '+    yield',
          '+    if request.node.name in ("test_signup_queues_a_welcome_mail",):',
          '+        from app import outbox',
          '+        outbox.purge()',
          '',
        ].join('\n'),
      ),
      fix.diff,
    );
    assert.doesNotMatch(fix.diff, /enqueue|pending/, 'the statements the proof does not need are dropped');

    // Without the patch, the polluter then the victim fail (the fix is needed)…
    const failing = await execa(
      'python3',
      ['-m', 'pytest', '-p', 'no:randomly', '-p', 'no:cacheprovider', '-q', ...polluters, victim],
      { cwd: copyOf(sample, temp, 'unpatched'), reject: false, env: PYTEST_ENV },
    );
    assert.equal(failing.exitCode, 1, failing.stdout);
    const whole = await pytestAlone(copyOf(sample, temp, 'count'));
    assert.equal(whole.failed, 1, 'the victim fails in the collected order unpatched');
    // …and with it, pytest alone passes every test, as many as before.
    const patched = copyOf(sample, temp, 'patched');
    writeFileSync(join(temp, 'cleaner.diff'), fix.diff);
    const applied = await execa('git', ['apply', join(temp, 'cleaner.diff')], { cwd: patched, reject: false });
    assert.equal(applied.exitCode, 0, applied.stderr);
    const suite = await pytestAlone(patched);
    assert.equal(suite.exitCode, 0, suite.output);
    assert.equal(suite.failed, 0);
    assert.equal(suite.passed, whole.passed + whole.failed, 'the same number of tests as before');
  });

  // The same story under jest (CommonJS: the require the statements need is added) and vitest (ESM: the import,
  // and afterEach joins the import from 'vitest'); each names a test its own way in expect.getState().
  const JS = [
    {
      runner: 'jest',
      imports: [
        " const { signup } = require('../src/signup');",
        "+const { enqueue, pending, purge } = require('../src/outbox');",
      ],
      name: 'signup queues a welcome mail',
    },
    {
      runner: 'vitest',
      imports: [
        "-import { describe, expect, test } from 'vitest';",
        "+import { describe, expect, test, afterEach } from 'vitest';",
        " import * as outbox from '../src/outbox.js';",
        " import { signup } from '../src/signup.js';",
        "+import { enqueue, pending, purge } from '../src/outbox.js';",
      ],
      name: 'signup > queues a welcome mail',
    },
  ] as const;

  for (const { runner, imports, name } of JS) {
    it(`${runner} outside-outbox: the cleaner test copied into an afterEach of the polluter's file, with the imports it needs; git apply makes ${runner} alone pass every test`, async () => {
      const sample = samplePath(runner, 'outside-outbox');
      const { victim, polluters } = expected(sample);
      const cleaner = 'tests/purge.test.js > purge > empties the outbox';
      const report = await fixLeavingNothing(sample, victim, temp);
      assert.deepEqual(report.polluters, polluters);
      assert.deepEqual(report.leaks, [], 'no fingerprint sees the outbox file');
      assert.deepEqual(report.cleaners, [[cleaner]]);
      const fix = report.fix!;
      assert.ok(fix, `no fix: ${JSON.stringify(report.fixTried)} ${report.fixNotes.join('; ')}`);
      assert.equal(fix.kind, 'cleaner');
      assert.equal(fix.verified, true);
      assert.ok(fix.checks.every((check) => check.passed));
      assert.equal(
        fix.strategy,
        `what the cleaner ${cleaner} does, run after the polluter in an afterEach (in the polluter's file)`,
      );
      assert.deepEqual(fix.files, ['tests/a-signup.test.js']);
      assert.match(
        fix.explanation,
        new RegExp(
          `The afterEach runs what ${cleaner} does after ${polluters[0]}: \`purge\\(\\);\` \\(its expect lines left out\\)\\. 1 of its 4 statements is kept`,
        ),
      );
      assert.ok(fix.diff.includes(imports.join('\n')), fix.diff);
      // Run after the polluter only: had the name not matched, purge() would never run and the proof would fail.
      assert.ok(
        fix.diff.includes(
          [
            `+// After ${polluters[0]}: what the cleaner test ${cleaner} does (its expect lines left out).`,
            '+afterEach(() => {',
            `+  if (["${name}"].includes(expect.getState().currentTestName)) {`,
            '+    purge();',
            '+  }',
            '+});',
            '',
          ].join('\n'),
        ),
        fix.diff,
      );

      // Fresh copies beside a link to the samples' node_modules: the runner alone fails the victim unpatched (its
      // files in size order), and passes every test patched.
      const parent = join(temp, runner);
      mkdirSync(parent);
      symlinkSync(join(sample, '..', 'node_modules'), join(parent, 'node_modules'), 'dir');
      const bin = join(parent, 'node_modules', '.bin', runner);
      const alone = async (dir: string) => {
        const out = join(parent, 'result.json');
        const args =
          runner === 'jest'
            ? ['--ci', '--runInBand', '--json', `--outputFile=${out}`]
            : ['run', '--no-file-parallelism', '--no-cache', '--reporter=json', `--outputFile=${out}`];
        const run = await execa(bin, args, { cwd: dir, reject: false, env: { TMPDIR: temp } });
        const counts = JSON.parse(readFileSync(out, 'utf8')) as {
          numTotalTests: number;
          numPassedTests: number;
          numFailedTests: number;
        };
        rmSync(out);
        return { exitCode: run.exitCode, ...counts, output: `${run.stdout}\n${run.stderr}` };
      };
      const unpatched = await alone(copyOf(sample, parent, 'unpatched'));
      assert.ok(unpatched.numFailedTests > 0, `${runner} alone fails the victim without the fix\n${unpatched.output}`);
      const patched = copyOf(sample, parent, 'patched');
      writeFileSync(join(temp, `${runner}-cleaner.diff`), fix.diff);
      const applied = await execa('git', ['apply', join(temp, `${runner}-cleaner.diff`)], {
        cwd: patched,
        reject: false,
      });
      assert.equal(applied.exitCode, 0, applied.stderr);
      const suite = await alone(patched);
      assert.equal(suite.exitCode, 0, suite.output);
      assert.equal(suite.numFailedTests, 0);
      assert.equal(suite.numPassedTests, unpatched.numTotalTests, 'the same number of tests as before, all passing');
      assert.deepEqual(
        readdirSync(temp).filter((entry) => entry.startsWith('outbox-sample-')),
        [],
        `${runner} alone removes its outbox`,
      );
    });
  }
});
