// `polluter run` and `polluter list` through the built CLI, for pytest, jest and vitest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunReport } from '../../src/report/run.ts';
import { expected, polluter, samplePath, snapshotTree } from '../support/cli.ts';

async function runJson(sample: string, ids: string[], extra: string[] = []) {
  const before = snapshotTree(sample);
  const result = await polluter(['run', ...ids, '--project', sample, '--format', 'json', ...extra]);
  assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before the run');
  assert.equal(result.stdout.trim().split('\n')[0], '{', `one JSON object on stdout; stderr:\n${result.stderr}`);
  return { report: JSON.parse(result.stdout) as RunReport, result };
}

const outcomes = (report: RunReport) => Object.fromEntries(report.tests.map((test) => [test.id, test.outcome]));

describe('polluter run', () => {
  for (const [runner, name] of [
    ['pytest', 'cached-config'],
    ['jest', 'names'],
    ['jest', 'jest29/names'],
    ['vitest', 'names'],
    ['vitest', 'vitest3/names'],
  ] as const) {
    it(`runs exactly the given ${runner} tests in the given order: ${name}`, async () => {
      const sample = samplePath(runner, name);
      const answer = expected(sample);
      const alone = await runJson(sample, [answer.victim]);
      assert.deepEqual(outcomes(alone.report), { [answer.victim]: 'passed' });
      assert.equal(alone.result.exitCode, 0);

      const polluted = await runJson(sample, [...answer.polluters, answer.victim]);
      assert.equal(polluted.report.runner, runner);
      assert.deepEqual(outcomes(polluted.report), {
        ...Object.fromEntries(answer.polluters.map((id) => [id, 'passed'])),
        [answer.victim]: 'failed',
      });
      assert.equal(polluted.result.exitCode, 1);
      assert.ok(polluted.report.seconds > 0);
    });
  }

  it('expands a test file to all of its tests, in definition order', async () => {
    const sample = samplePath('jest', 'names');
    const listed = (await polluter(['list', '--project', sample])).stdout.trim().split('\n');
    const file = 'tests/tags.test.js';
    const { report } = await runJson(sample, [file]);
    assert.deepEqual(
      report.tests.map((test) => test.id),
      listed.filter((id) => id.startsWith(`${file} > `)),
    );
    assert.ok(report.tests.length > 10);
  });

  it('names the jest test that ended the process, and the tests that never ran', async () => {
    const sample = samplePath('jest', 'crashers');
    const crasher = 'tests/shutdown.test.js > shutdown > flushes the audit log before exiting';
    const after = 'tests/shipping.test.js > shipping > packs four units per parcel';
    const { report, result } = await runJson(sample, [crasher, after]);
    assert.equal(report.crashedDuring, crasher);
    assert.deepEqual(outcomes(report), { [crasher]: 'error', [after]: 'not-run' });
    assert.equal(result.exitCode, 1);
  });

  it('reports a vitest worker killed by a test as an unhandled error, never as passes', async () => {
    const sample = samplePath('vitest', 'crashers');
    const killer = 'tests/watchdog.test.js > watchdog > reaps for real';
    const { report, result } = await runJson(sample, [
      'tests/watchdog.test.js > watchdog > finds workers without a recent heartbeat',
      killer,
    ]);
    assert.notEqual(outcomes(report)[killer], 'passed');
    assert.match(report.unhandledErrors.join('\n'), /Worker exited unexpectedly|emitted error/);
    assert.equal(result.exitCode, 1);
  });

  it('prints one line per test and a summary in text', async () => {
    const sample = samplePath('vitest', 'module-state');
    const answer = expected(sample);
    const result = await polluter(['run', ...answer.polluters, answer.victim, '--project', sample]);
    assert.equal(result.exitCode, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], `passed  ${answer.polluters[0]}`);
    assert.equal(lines[1], `failed  ${answer.victim}`);
    assert.match(lines[3]!, /^1 passed, 1 failed in \d+\.\d s \(one vitest process\)$/);
  });

  it('refuses an unknown id with the closest ones, exit 2', async () => {
    const sample = samplePath('jest', 'module-state');
    const result = await polluter(['run', 'tests/convert.test.js > convert > converts dollars', '--project', sample]);
    assert.equal(result.exitCode, 2);
    assert.match(
      result.stderr,
      /unknown test id 'tests\/convert\.test\.js > convert > converts dollars'; closest: 'tests\/convert\.test\.js > convert > converts dollars to euros/,
    );
  });

  it('asks for ids', async () => {
    const result = await polluter(['run', '--project', samplePath('jest', 'module-state')]);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /name the tests to run/);
  });
});

describe('polluter list for jest and vitest', () => {
  for (const [runner, name] of [
    ['jest', 'names'],
    ['vitest', 'names'],
    ['vitest', 'vitest3/names'],
  ] as const) {
    it(`prints exact, unique ids, skipped and todo tests left out: ${runner} ${name}`, async () => {
      const sample = samplePath(runner, name);
      const result = await polluter(['list', '--project', sample]);
      assert.equal(result.exitCode, 0, result.stderr);
      const ids = result.stdout.trim().split('\n');
      assert.equal(new Set(ids).size, ids.length, 'no id twice');
      const answer = expected(sample);
      for (const id of [answer.victim, ...answer.polluters]) assert.ok(ids.includes(id), `${id} listed`);
      assert.ok(
        ids.some((id) => id.endsWith(' #2')),
        'a repeated name gets #2',
      );
      assert.match(result.stderr, new RegExp(`${ids.length} tests \\(${runner}\\)`));
      // tests/skipped.test.js: a skipped test, a todo, and a `.only` in a skipped describe block (vitest gives that one
      // the mode `run` but never starts it).
      assert.deepEqual(
        ids.filter((id) => id.startsWith('tests/skipped.test.js')),
        [],
        'no test the runner never starts',
      );
    });
  }

  it('lists in the order of a seeded shuffle with --seed', async () => {
    const sample = samplePath('jest', 'defined-after');
    const answer = expected(sample);
    const plain = (await polluter(['list', '--project', sample])).stdout.trim().split('\n');
    const seeded = (await polluter(['list', '--project', sample, '--seed', String(answer.seed)])).stdout
      .trim()
      .split('\n');
    assert.deepEqual([...seeded].sort(), [...plain].sort(), 'the same tests');
    assert.ok(
      seeded.indexOf(answer.polluters[0]!) < seeded.indexOf(answer.victim),
      'the polluter runs first with the seed',
    );
    assert.ok(plain.indexOf(answer.polluters[0]!) > plain.indexOf(answer.victim), 'and after the victim without it');
  });

  it('refuses --seed for pytest and points to --order-file', async () => {
    const result = await polluter(['list', '--project', samplePath('pytest', 'cached-config'), '--seed', '3']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /--order-file/);
  });
});

describe('bad input for jest and vitest', () => {
  for (const runner of ['jest', 'vitest']) {
    it(`says when the project has no ${runner} installed, exit 2`, async () => {
      const sample = samplePath('pytest', 'cached-config');
      const result = await polluter(['list', '--project', sample, '--runner', runner]);
      assert.equal(result.exitCode, 2);
      assert.equal(
        result.stderr.trim(),
        `polluter: ${runner} is not installed for ${sample}: run npm install there (polluter uses the project's own ${runner})`,
      );
    });
  }

  it('refuses --seed together with --order-file', async () => {
    const sample = samplePath('jest', 'defined-after');
    const answer = expected(sample);
    const result = await polluter([
      'find',
      answer.victim,
      '--project',
      sample,
      '--seed',
      '4',
      '--order-file',
      `${sample}/${answer.orderFile}`,
    ]);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /--order-file and --seed each name the order to search: pass one/);
  });
});
