import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failingOrders, type PlayedRound } from '../../src/commands/detect.ts';
import { stateOutlivedTheProcess } from '../../src/commands/search-victim.ts';
import { shareOf, triage, triageRuns } from '../../src/commands/triage.ts';
import type { TestOutcome, TrialRun } from '../../src/runners/runner.ts';

// detect's steps on plain data: the rounds as they ran, each failure's runs alone, and what triage makes of them.
const run = (outcomes: Record<string, TestOutcome>, extra: Partial<TrialRun> = {}): TrialRun => ({
  outcomes: new Map(Object.entries(outcomes)),
  seconds: new Map(),
  missing: [],
  timedOut: false,
  wallSeconds: 1,
  outputTail: '',
  ...extra,
});

/** A round of `order` in which `failing` failed and every other test passed. */
const round = (index: number, order: string[], failing: string[], seed: number | null = null): PlayedRound => ({
  round: index,
  seed,
  order,
  label: `order of round ${index}`,
  run: run(Object.fromEntries(order.map((id) => [id, failing.includes(id) ? 'failed' : 'passed']))),
  failed: order.filter((id) => failing.includes(id)),
  seconds: 1,
});

const alone = (id: string, ...outcomes: TestOutcome[]) => outcomes.map((outcome) => run({ [id]: outcome }));

describe('triage', () => {
  it('makes a failure that passes every run alone an order-dependent victim, searched in the order it first failed in', () => {
    // Failed only in the shuffled second round, after p: order-dependent.
    const rounds = [round(1, ['v', 'p', 'a'], []), round(2, ['a', 'p', 'v', 'b'], ['v'], 8)];
    const failing = failingOrders(rounds);
    assert.deepEqual([...failing], [['v', { order: ['a', 'p', 'v'], label: 'order of round 2' }]]);
    const verdict = triage([...failing.keys()], new Map([['v', alone('v', 'passed', 'passed', 'passed')]]));
    assert.deepEqual(verdict, { victims: ['v'], failures: [] });
  });

  it('makes a failure that fails every run alone a plain failure, with its runs counted', () => {
    const verdict = triage(['x'], new Map([['x', alone('x', 'failed', 'error')]]));
    assert.deepEqual(verdict, { victims: [], failures: [{ id: 'x', kind: 'fails-alone', runs: 2, failures: 2 }] });
  });

  it('makes a failure that passes some runs alone and fails others flaky', () => {
    const verdict = triage(['f'], new Map([['f', alone('f', 'passed', 'failed', 'passed')]]));
    assert.deepEqual(verdict, { victims: [], failures: [{ id: 'f', kind: 'flaky', runs: 3, failures: 1 }] });
  });

  it('counts a crash, a timeout or a test that never ran alone as a failure alone', () => {
    const runs = [run({ c: 'not-run' }, { crashedDuring: 'c' }), run({ c: 'not-run' }, { timedOut: true }), run({})];
    assert.deepEqual(triageRuns('c', runs), { id: 'c', kind: 'fails-alone', runs: 3, failures: 3 });
    assert.equal(triageRuns('c', [run({ c: 'passed' }), run({}, { exitCode: 4 })]).kind, 'flaky');
  });

  it('cannot tell a failure caused by state a round left outside the process: every run alone fails, so fails-alone', () => {
    // s passed in round 1, then failed in round 2 and in every run alone after: the rounds left state the runs alone
    // still see (a database, a file outside the project). Triage cannot see that: it says fails-alone, and the search's
    // runs alone are where the message comes from (below).
    const rounds = [round(1, ['s', 'w'], []), round(2, ['w', 's'], ['s'])];
    const failing = failingOrders(rounds);
    assert.deepEqual(failing.get('s'), { order: ['w', 's'], label: 'order of round 2' });
    assert.deepEqual(triage([...failing.keys()], new Map([['s', alone('s', 'failed', 'failed')]])).failures, [
      { id: 's', kind: 'fails-alone', runs: 2, failures: 2 },
    ]);
  });

  it('keeps the order it is given, victims and failures apart, and takes the first round a test failed in', () => {
    const rounds = [round(1, ['a', 'b', 'c'], ['c', 'a']), round(2, ['c', 'b', 'a'], ['a', 'b'])];
    const failing = failingOrders(rounds);
    assert.deepEqual([...failing.keys()], ['a', 'c', 'b']);
    assert.deepEqual(failing.get('a')!.order, ['a']);
    assert.deepEqual(failing.get('b'), { order: ['c', 'b'], label: 'order of round 2' });
    const runsAlone = new Map([
      ['a', alone('a', 'passed')],
      ['b', alone('b', 'failed')],
      ['c', alone('c', 'passed')],
    ]);
    assert.deepEqual(triage(['c', 'b', 'a'], runsAlone), {
      victims: ['c', 'a'],
      failures: [{ id: 'b', kind: 'fails-alone', runs: 1, failures: 1 }],
    });
  });

  it('splits the failures into shards that cover each once and agree whatever order they came in', () => {
    const ids = ['e', 'a', 'd', 'b', 'c'];
    const shares = [1, 2, 3].map((index) => shareOf(ids, { index, count: 3 }));
    assert.deepEqual(shares, [['a', 'd'], ['b', 'e'], ['c']]);
    assert.deepEqual(shareOf([...ids].reverse(), { index: 2, count: 3 }), ['b', 'e']);
    assert.deepEqual(shareOf(ids, undefined), ['a', 'b', 'c', 'd', 'e']);
  });
});

describe('state outlived the process (a victim search’s runs alone)', () => {
  it('is said when the victim passed alone, then failed alone in every run after', () => {
    const said = stateOutlivedTheProcess(
      [
        { trial: 2, outcome: 'pass' },
        { trial: 9, outcome: 'fail' },
        { trial: 12, outcome: 'fail' },
      ],
      false,
    );
    assert.match(
      said ?? '',
      /^state outlives the process: the victim passed alone in trial 2 and failed alone in trial 9 and every run alone after/,
    );
    assert.match(said!, /--database/);
    assert.match(
      stateOutlivedTheProcess(
        [
          { trial: 1, outcome: 'pass' },
          { trial: 5, outcome: 'fail' },
        ],
        true,
      ) ?? '',
      /the watched databases do not cover/,
    );
  });

  it('is not said when the runs alone mix passes and failures, start failing or never fail', () => {
    const mixed = [
      { trial: 1, outcome: 'pass' },
      { trial: 3, outcome: 'fail' },
      { trial: 5, outcome: 'pass' },
    ] as const;
    assert.equal(stateOutlivedTheProcess(mixed, false), undefined);
    assert.equal(
      stateOutlivedTheProcess(
        [
          { trial: 1, outcome: 'fail' },
          { trial: 2, outcome: 'fail' },
        ],
        false,
      ),
      undefined,
    );
    assert.equal(stateOutlivedTheProcess([{ trial: 1, outcome: 'pass' }], false), undefined);
    assert.equal(
      stateOutlivedTheProcess(
        [
          { trial: 1, outcome: 'unknown' },
          { trial: 2, outcome: 'fail' },
        ],
        false,
      ),
      undefined,
    );
  });
});
