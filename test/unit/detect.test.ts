import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detect } from '../../src/commands/detect.ts';
import { mergeReports } from '../../src/commands/merge.ts';
import { shuffleOrder } from '../../src/order/shuffle.ts';
import { SharedTrials } from '../../src/project/shared-trials.ts';
import type { DetectReport } from '../../src/report/detect-report.ts';
import type { TrialRun } from '../../src/runners/runner.ts';
import { expected, samplePath, snapshotTree } from '../support/cli.ts';

describe('seeded shuffle', () => {
  const fileOf = (id: string) => id.split('::')[0]!;
  it('is a permutation that keeps each file together and depends only on the seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 }))),
        fc.integer(),
        (pairs, seed) => {
          const ids = [...new Set(pairs.map(([file, test]) => `f${file}.py::t${test}`))];
          const order = shuffleOrder(ids, seed, fileOf);
          assert.deepEqual([...order].sort(), [...ids].sort());
          assert.deepEqual(shuffleOrder(ids, seed, fileOf), order);
          const files = order.map(fileOf).filter((file, index, all) => index === 0 || all[index - 1] !== file);
          assert.equal(files.length, new Set(files).size, 'a file is never entered twice');
        },
      ),
    );
  });

  it('gives other orders for other seeds', () => {
    const ids = Array.from({ length: 30 }, (_, index) => `f${index % 6}.py::t${index}`);
    const orders = new Set([1, 2, 3, 4].map((seed) => shuffleOrder(ids, seed, fileOf).join()));
    assert.equal(orders.size, 4);
  });
});

describe('shared trials', () => {
  const run = (outcomes: [string, 'passed' | 'failed' | 'not-run'][], extra: Partial<TrialRun> = {}): TrialRun => ({
    outcomes: new Map(outcomes),
    seconds: new Map(outcomes.filter(([, outcome]) => outcome !== 'not-run').map(([id]) => [id, 0.1])),
    missing: [],
    timedOut: false,
    wallSeconds: 1,
    outputTail: '',
    ...extra,
  });

  it('answers a prefix of a run once, with the prefix only, and nothing else', () => {
    const shared = new SharedTrials();
    shared.remember(
      ['a', 'b', 'v', 'c'],
      run([
        ['a', 'passed'],
        ['b', 'passed'],
        ['v', 'failed'],
        ['c', 'passed'],
      ]),
    );
    assert.equal(shared.answer(['b', 'v']), undefined, 'not a prefix');
    const first = shared.answer(['a', 'b', 'v'])!;
    assert.deepEqual(
      [...first.outcomes],
      [
        ['a', 'passed'],
        ['b', 'passed'],
        ['v', 'failed'],
      ],
    );
    assert.deepEqual([...first.seconds.keys()], ['a', 'b', 'v']);
    assert.equal(shared.answer(['a', 'b', 'v']), undefined, 'each run answers once: repeats run afresh');
    assert.equal(shared.reused, 1);
  });

  it('answers with a crash inside the prefix, as the prefix run would have ended, and not with one after it', () => {
    const shared = new SharedTrials();
    shared.remember(
      ['a', 'h', 'b', 'v'],
      run(
        [
          ['a', 'passed'],
          ['h', 'not-run'],
          ['b', 'not-run'],
          ['v', 'not-run'],
        ],
        { crashedDuring: 'h', timedOut: true },
      ),
    );
    const answer = shared.answer(['a', 'h', 'b', 'v'])!;
    assert.equal(answer.crashedDuring, 'h');
    assert.equal(answer.timedOut, true);

    shared.remember(
      ['a', 'v', 'c'],
      run(
        [
          ['a', 'passed'],
          ['v', 'failed'],
          ['c', 'not-run'],
        ],
        { crashedDuring: 'c', timedOut: true },
      ),
    );
    const before = shared.answer(['a', 'v'])!;
    assert.deepEqual([before.crashedDuring, before.timedOut, before.outcomes.get('v')], [undefined, false, 'failed']);
  });

  it('never answers from a run that ended before reaching the prefix, with no test running', () => {
    const shared = new SharedTrials();
    shared.remember(
      ['a', 'v'],
      run(
        [
          ['a', 'not-run'],
          ['v', 'not-run'],
        ],
        { exitCode: 4 },
      ),
    );
    assert.equal(shared.answer(['a', 'v']), undefined);
    assert.equal(shared.reused, 0);
  });
});

describe('merging shard reports', () => {
  const shard = (index: number, victims: string[], extra: Partial<DetectReport> = {}): DetectReport => ({
    kind: 'detect',
    runner: 'pytest',
    rounds: [{ round: 1, seed: 7, tests: 10, failed: ['x', 'y'], seconds: 2 }],
    victims: victims.map((victim) => ({ victim }) as DetectReport['victims'][number]),
    failures: [],
    shard: { index, count: 2 },
    shards: 1,
    trials: 10 * index,
    reused: 1,
    seconds: 5 * index,
    warnings: [],
    ...extra,
  });

  it('adds up victims, trials and takes the slowest shard as the time', () => {
    const merged = mergeReports([shard(2, ['y']), shard(1, ['x'])], ['b.json', 'a.json']);
    assert.deepEqual(
      merged.victims.map((victim) => victim.victim),
      ['x', 'y'],
    );
    assert.deepEqual([merged.trials, merged.reused, merged.seconds, merged.shards, merged.shard], [30, 2, 10, 2, null]);
    assert.deepEqual(merged.warnings, []);
  });

  it('warns when shards saw different failures and refuses shards of other jobs', () => {
    const other = shard(2, [], { rounds: [{ round: 1, seed: 7, tests: 10, failed: ['x'], seconds: 2 }] });
    assert.match(mergeReports([shard(1, []), other], ['a', 'b']).warnings.join(), /saw different failures/);
    assert.throws(
      () => mergeReports([shard(1, []), shard(2, [], { runner: 'jest' })], ['a', 'b']),
      /different runners/,
    );
    assert.throws(
      () => mergeReports([shard(1, []), shard(1, [], { shard: { index: 1, count: 3 } })], ['a', 'b']),
      /split the job differently/,
    );
  });
});

describe('detect()', () => {
  // The coordinator itself, in this process, on a real pytest sample (one victim, one polluter): what it returns,
  // the report it writes, and that every process it starts is counted once.
  it('runs the round, triages the failure as a victim, finds its polluter and counts every process', async () => {
    const sample = samplePath('pytest', 'module-global');
    const answer = expected(sample);
    const before = snapshotTree(sample);
    const stdout: string[] = [];
    const progress: string[] = [];
    const status = await detect(
      {
        projectDir: sample,
        passThrough: [],
        jobs: 1,
        wait: true,
        rounds: 1,
        shuffle: false,
        aloneRuns: 2,
        repeat: 2,
        reruns: 3,
        all: false,
        cleaners: false,
        chunkTrials: 64,
        shell: false,
        outputs: [{ format: 'json' }],
      },
      { stdout: (text) => stdout.push(text), progress: (line) => progress.push(line) },
    );
    assert.equal(status, 1, 'a victim was found');
    assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before the run');
    assert.equal(stdout.length, 1);
    const report = JSON.parse(stdout[0]!) as DetectReport;
    assert.deepEqual(
      report.rounds.map((round) => round.failed),
      [[answer.victim]],
    );
    assert.deepEqual(report.failures, []);
    assert.deepEqual(
      report.victims.map(({ victim, verdict, polluters }) => ({ victim, verdict, polluters })),
      [{ victim: answer.victim, verdict: answer.verdict, polluters: answer.polluters }],
    );
    // The collection, the round, the runs alone, and the processes each search started (runs reused start none).
    assert.equal(report.trials, 1 + 1 + 2 + report.victims[0]!.trials);
    assert.ok(report.reused >= 1, `${report.reused} trials answered by the round or the runs alone`);
    assert.ok(
      progress.some((line) => line.endsWith('failed 0 of 2 runs alone → victim')),
      progress.join('\n'),
    );
  });
});
