// `polluter detect` and `polluter merge` on a real pytest suite with two victims, a plain failure and a flaky test.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DetectReport } from '../../src/report/detect-report.ts';
import { expected, polluter, samplePath, snapshotTree } from '../support/cli.ts';
import { victimsAsAnswer } from '../support/reports.ts';

const sample = samplePath('pytest', 'nightly');
const answer = JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as {
  victims: {
    victim: string;
    verdict: string;
    polluters: string[];
    leaks: { kind: string; name: string; by: string }[];
  }[];
  failures: { id: string; kind: string }[];
};
const scratch = mkdtempSync(join(tmpdir(), 'polluter-detect-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let runs = 0;
/** detect with its own quota service: its first call (the suite run) fails, the runs alone alternate. */
async function detect(args: string[], env: Record<string, string> = {}) {
  const before = snapshotTree(sample);
  runs += 1;
  const result = await polluter(['detect', '--project', sample, '--format', 'json', ...args], undefined, {
    QUOTA_SERVICE_STATE: join(scratch, `quota-${runs}`),
    ...env,
  });
  assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before the run');
  assert.equal(result.stdout.trim().split('\n')[0], '{', `one JSON object on stdout; stderr:\n${result.stderr}`);
  return { report: JSON.parse(result.stdout) as DetectReport, result };
}

function assertAnswer(report: DetectReport) {
  assert.deepEqual(victimsAsAnswer(report), answer.victims);
  assert.deepEqual(
    report.failures.map(({ id, kind }) => ({ id, kind })),
    answer.failures,
  );
}

describe('polluter detect', () => {
  it('reports the two victims with their polluters, the plain failure and the flaky test as such', async () => {
    // --jobs left out, as POLLUTER_JOBS sets its default (here 2 whatever the cores): victims side by side.
    const { report, result } = await detect([], { POLLUTER_JOBS: '2' });
    assert.equal(result.exitCode, 1, 'failures found: exit 1');
    assertAnswer(report);
    assert.equal(report.rounds.length, 1);
    assert.deepEqual(
      [...report.rounds[0]!.failed].sort(),
      [...answer.victims.map((victim) => victim.victim), ...answer.failures.map((failure) => failure.id)].sort(),
    );
    const flaky = report.failures.find((failure) => failure.kind === 'flaky')!;
    assert.deepEqual([flaky.runs, flaky.failures], [3, 1], 'alone: pass, fail, pass');
    assert.ok(report.reused > 0, 'the round and the runs alone answer trials of the searches');
    assert.equal(report.victims[0]!.order, 'order of round 1');
    // Victims side by side (--jobs left to POLLUTER_JOBS): the second starts before the first ends, so no estimate yet.
    assert.match(result.stderr, /victim 2\/2: .* so far/);
    const sequential = await detect(['--jobs', '1']);
    assertAnswer(sequential.report);
    assert.match(
      sequential.result.stderr,
      /victim 2\/2: .* so far, about .* left\)/,
      'one at a time: an estimate of the time left',
    );
  });

  it('gives the same answer split into two shards and merged', async () => {
    const first = await detect(['--shard', '1/2']);
    const second = await detect(['--shard', '2/2']);
    assert.deepEqual(first.report.shard, { index: 1, count: 2 });
    assert.deepEqual(
      [first.report, second.report].map((report) => report.victims.length + report.failures.length),
      [2, 2],
      'each shard triaged two of the four failures',
    );
    const files = [join(scratch, 'shard-2.json'), join(scratch, 'shard-1.json')];
    writeFileSync(files[0]!, JSON.stringify(second.report));
    writeFileSync(files[1]!, JSON.stringify(first.report));
    const merged = await polluter(['merge', ...files, '--format', 'json']);
    assert.equal(merged.exitCode, 1, merged.stderr);
    const report = JSON.parse(merged.stdout) as DetectReport;
    assertAnswer(report);
    assert.equal(report.shards, 2);
    assert.equal(report.shard, null);
    assert.equal(report.trials, first.report.trials + second.report.trials);

    const text = await polluter(['merge', ...files]);
    assert.match(text.stdout, /Victims +2 order-dependent failure\(s\) \(2 shards\), 2 explained/);
    assert.match(text.stdout, /Flaky +tests\/test_upstream\.py::test_fetch_quota: flaky \(1 of 3 runs alone failed\)/);

    const alone = await polluter(['merge', files[1]!, '--format', 'json']);
    assert.match(alone.stderr, /warning: shard\(s\) 2\/2 missing/);
    const duplicate = await polluter(['merge', files[1]!, files[1]!]);
    assert.equal(duplicate.exitCode, 2);
    assert.match(duplicate.stderr, /are both shard 1\/2/);
  });
});

describe('polluter detect on jest, shuffled', () => {
  it("finds the victim of a shuffled round and searches it in that round's order", async () => {
    const jestSample = samplePath('jest', 'module-state');
    const known = expected(jestSample);
    const before = snapshotTree(jestSample);
    const result = await polluter([
      'detect',
      '--project',
      jestSample,
      '--shuffle',
      '--shuffle-seed',
      '3',
      '--rounds',
      '2',
      '--format',
      'json',
    ]);
    assert.deepEqual(snapshotTree(jestSample), before);
    assert.equal(result.exitCode, 1, result.stderr);
    const report = JSON.parse(result.stdout) as DetectReport;
    assert.deepEqual(
      report.rounds.map((round) => round.seed),
      [3, 4],
    );
    assert.deepEqual(
      report.rounds[0]!.failed,
      [known.victim],
      "seed 3 puts the polluter first (polluter's own shuffle of the collected order, for every runner)",
    );
    assert.deepEqual(victimsAsAnswer(report), [
      { victim: known.victim, verdict: known.verdict, polluters: known.polluters, leaks: known.leaks },
    ]);
    assert.equal(report.victims[0]!.order, 'order of round 1 (shuffled with seed 3)');
    assert.deepEqual(report.failures, []);
  });
});

describe('detect and merge: bad input', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a shard out of range',
      ['detect', '--project', sample, '--shard', '3/2'],
      /--shard takes i\/n with 1 ≤ i ≤ n \(e\.g\. 2\/4\), not 3\/2/,
    ],
    ['a shard that is no fraction', ['detect', '--project', sample, '--shard', 'two'], /--shard takes i\/n/],
    [
      'shards of a shuffle without a seed',
      ['detect', '--project', sample, '--shard', '1/2', '--shuffle'],
      /--shard with --shuffle needs --shuffle-seed/,
    ],
    [
      'a seed without --shuffle',
      ['detect', '--project', sample, '--shuffle-seed', '3'],
      /--shuffle-seed seeds --shuffle; pass --shuffle too/,
    ],
    [
      'a seed without --shuffle, by its alias',
      ['detect', '--project', sample, '--seed', '3'],
      /--shuffle-seed seeds --shuffle; pass --shuffle too/,
    ],
    [
      'one run alone',
      ['detect', '--project', sample, '--alone-runs', '1'],
      /--alone-runs takes a whole number of at least 2, not 1/,
    ],
    [
      'no rounds',
      ['detect', '--project', sample, '--rounds', '0'],
      /--rounds takes a whole number of at least 1, not 0/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = snapshotTree(sample);
      const result = await polluter(args);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line on stderr, nothing run');
      assert.equal(result.stdout, '');
      assert.deepEqual(snapshotTree(sample), before);
    });
  }

  it('refuses to merge what is not a detect report', async () => {
    const notJson = join(scratch, 'not.json');
    writeFileSync(notJson, '<testsuite/>');
    const findReport = join(scratch, 'find.json');
    writeFileSync(findReport, JSON.stringify({ victim: 'a', verdict: 'polluted', polluters: [] }));
    for (const [file, message] of [
      [notJson, /not\.json is not JSON: merge takes the reports of polluter detect --format json/],
      [findReport, /find\.json is not a report of polluter detect --format json/],
      [join(scratch, 'missing.json'), /cannot read the report .*missing\.json: no such file/],
    ] as const) {
      const result = await polluter(['merge', file]);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(result.stderr, message);
    }
  });
});
