import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { reasonOf } from '../../src/report/reasons.ts';
import { findMinimalSet } from '../../src/search/find.ts';
import { split } from '../../src/search/split.ts';
import type { LabelledOrder, SearchEvent, SearchOptions } from '../../src/search/types.ts';
import { VictimDidNotRunError } from '../../src/search/types.ts';
import { simulatedOracle, testIds, type SimulatedSuite } from '../support/simulated-suite.ts';

function options(
  orders: LabelledOrder<string>[],
  overrides: Partial<SearchOptions<string>> = {},
): SearchOptions<string> {
  return { orders, repeat: 2, all: false, chunkTrialBudget: 64, key: (id) => id, ...overrides };
}

function given(predecessors: string[]): LabelledOrder<string>[] {
  return [{ label: 'collected', predecessors }];
}

/** The fallbacks `find` offers: every other test, then the same reversed. */
function withFallbacks(predecessors: string[], others: string[]): LabelledOrder<string>[] {
  const all = [...predecessors, ...others];
  return [
    { label: 'collected', predecessors },
    { label: 'all others', predecessors: all },
    { label: 'all others reversed', predecessors: [...all].reverse(), chunked: false },
  ];
}

/** A simulated suite in which the first run of exactly `subset` gives `outcome` (a chance result), whatever ran. */
function withChanceOutcome(suite: SimulatedSuite, subset: readonly string[], outcome: 'pass' | 'fail') {
  const inner = simulatedOracle(suite);
  const chance = { used: false };
  const oracle = async (predecessors: readonly string[]) => {
    if (chance.used || predecessors.join() !== subset.join()) return inner(predecessors);
    chance.used = true;
    inner.calls.push([...predecessors]);
    return { outcome, seconds: 0 };
  };
  return { oracle, chance };
}

async function search(
  suite: SimulatedSuite,
  orders: LabelledOrder<string>[],
  overrides: Partial<SearchOptions<string>> = {},
) {
  const oracle = simulatedOracle(suite);
  const result = await findMinimalSet(oracle, options(orders, overrides));
  return { result, oracle };
}

describe('one polluter', () => {
  const sizes = [1, 2, 3, 5, 8, 13, 64, 100, 257, 1000];
  for (const size of sizes) {
    it(`is found at every position among ${size} candidates within 2·log2(N)+6 trials`, async (t) => {
      const ids = testIds(size);
      const step = size > 100 ? 7 : 1;
      let worst = 0;
      for (let position = 0; position < size; position += step) {
        const polluter = ids[position]!;
        const { result, oracle } = await search({ triggers: [[polluter]] }, given(ids));
        assert.equal(result.verdict, 'polluted');
        assert.deepEqual(result.polluters, [polluter]);
        assert.equal(result.trials, oracle.calls.length, 'every trial is counted once');
        worst = Math.max(worst, result.trials);
      }
      const bound = 2 * Math.log2(size) + 6;
      t.diagnostic(`N=${size}: at most ${worst} trials (bound ${bound.toFixed(1)})`);
      assert.ok(worst <= bound, `worst case ${worst} trials exceeds ${bound.toFixed(1)} for N=${size}`);
    });
  }

  it('reports the order that reproduced and full confidence', async () => {
    const ids = testIds(20);
    const { result } = await search({ triggers: [['t7']] }, given(ids));
    assert.equal(result.order, 'collected');
    assert.deepEqual(result.confidence, { agreed: 2, runs: 2 });
    assert.deepEqual(result.allPolluters, [['t7']]);
  });

  it('splits by run time so that a slow test does not dominate a half', () => {
    const chunks = split(['slow', 'a', 'b', 'c'], 2, (id) => (id === 'slow' ? 30 : 10));
    assert.deepEqual(chunks, [['slow'], ['a', 'b', 'c']]);
    assert.deepEqual(split(['a', 'b', 'c', 'd', 'e'], 3), [['a', 'b'], ['c'], ['d', 'e']]);
  });
});

describe('polluters needed together', () => {
  it('finds both, in run order, when neither alone fails the victim', async () => {
    const ids = testIds(100);
    const { result } = await search({ triggers: [['t81', 't12']] }, given(ids));
    assert.equal(result.verdict, 'polluted');
    assert.deepEqual(result.polluters, ['t12', 't81']);
  });

  it('finds three together that sit next to each other', async () => {
    const ids = testIds(40);
    const { result } = await search({ triggers: [['t20', 't21', 't22']] }, given(ids));
    assert.deepEqual(result.polluters, ['t20', 't21', 't22']);
  });

  it('does not repeat a subset it already ran', async () => {
    const phases: string[] = [];
    const onEvent = (event: SearchEvent<string>) => void (event.type === 'trial' && phases.push(event.phase));
    const { oracle } = await search({ triggers: [['t3', 't60']] }, given(testIds(64)), { onEvent });
    assert.equal(phases.length, oracle.calls.length);
    const searchCalls = oracle.calls.filter((_, index) => ['order', 'bisect', 'ddmin'].includes(phases[index]!));
    assert.ok(searchCalls.length > 10, `${searchCalls.length} search trials`);
    const distinct = new Set(searchCalls.map((call) => call.join()));
    assert.equal(distinct.size, searchCalls.length);
  });
});

describe('independent polluters with all', () => {
  it('reports every disjoint set', async () => {
    const ids = testIds(60);
    const suite = { triggers: [['t50'], ['t5'], ['t20', 't33']] };
    const { result } = await search(suite, given(ids), { all: true });
    assert.equal(result.verdict, 'polluted');
    const found = result.allPolluters.map((set) => set.join('+')).sort();
    assert.deepEqual(found, ['t20+t33', 't5', 't50']);
    assert.deepEqual(result.polluters, result.allPolluters[0]);
  });

  it('reports only the first set without all', async () => {
    const { result } = await search({ triggers: [['t1'], ['t2']] }, given(testIds(10)));
    assert.equal(result.allPolluters.length, 1);
  });
});

describe('cleaners', () => {
  it('finds the polluter hidden by a later cleaner in the reversed order', async () => {
    const predecessors = ['a', 'polluter', 'b', 'cleaner', 'c'];
    const { result } = await search(
      { triggers: [['polluter']], cleaners: ['cleaner'] },
      withFallbacks(predecessors, ['d', 'e']),
    );
    assert.equal(result.verdict, 'polluted');
    assert.deepEqual(result.polluters, ['polluter']);
    assert.equal(result.order, 'all others reversed');
  });

  it('searches chunks when cleaners on both sides hide the polluter in every whole order', async () => {
    const predecessors = [
      ...testIds(20, 'x'),
      'cleaner1',
      'polluter',
      ...testIds(5, 'y'),
      'cleaner2',
      ...testIds(10, 'z'),
    ];
    const { result } = await search(
      { triggers: [['polluter']], cleaners: ['cleaner1', 'cleaner2'] },
      withFallbacks(predecessors, []),
    );
    assert.equal(result.verdict, 'polluted');
    assert.deepEqual(result.polluters, ['polluter']);
    assert.match(result.order ?? '', /chunk \d+ of \d+/);
  });

  it('gives up with not-reproduced once the chunk budget is spent', async () => {
    const predecessors = [...testIds(200), 'polluter', 'cleaner'];
    const { result } = await search({ triggers: [['polluter']], cleaners: ['cleaner'] }, given(predecessors), {
      chunkTrialBudget: 4,
    });
    assert.equal(result.verdict, 'not-reproduced');
    assert.ok(result.trials <= 2 + 1 + 4 + 1, `${result.trials} trials`);
  });
});

describe('brittle victims', () => {
  it('finds the minimal state-setter of a victim that fails alone', async () => {
    const ids = testIds(30);
    const { result } = await search({ failsAlone: true, triggers: [['t9']] }, given(ids));
    assert.equal(result.verdict, 'brittle');
    assert.deepEqual(result.stateSetters, ['t9']);
    assert.deepEqual(result.polluters, []);
  });

  it('says fails-alone when no order makes the victim pass', async () => {
    const { result } = await search({ failsAlone: true }, withFallbacks(testIds(10), ['u1']));
    assert.equal(result.verdict, 'fails-alone');
    assert.deepEqual(result.stateSetters, []);
  });
});

describe('no polluter', () => {
  it('says not-reproduced after re-running the given order', async () => {
    const { result, oracle } = await search({}, withFallbacks(testIds(10), ['u1']), { repeat: 3 });
    assert.equal(result.verdict, 'not-reproduced');
    const given = oracle.calls.filter((call) => call.join() === testIds(10).join());
    assert.equal(given.length, 3, 'the given order runs `repeat` times in all');
  });

  it('throws when the victim does not run alone', async () => {
    const oracle = async () => ({ outcome: 'unknown' as const });
    await assert.rejects(findMinimalSet(oracle, options(given(['a']))), VictimDidNotRunError);
  });
});

describe('crashing predecessors', () => {
  it('leaves out a test that kills the process and still finds the polluter', async () => {
    const ids = ['a', 'crash', 'b', 'polluter', 'c', 'exit'];
    const { result } = await search({ triggers: [['polluter']], crashers: ['crash', 'exit'] }, given(ids));
    assert.equal(result.verdict, 'polluted');
    assert.deepEqual(result.polluters, ['polluter']);
    assert.deepEqual([...result.excluded].sort(), ['crash', 'exit']);
  });
});

describe('flaky victims', () => {
  it('never names a polluter for a victim that fails at random, over 40 seeds', async () => {
    const verdicts = new Map<string, number>();
    for (let seed = 1; seed <= 40; seed += 1) {
      const { result } = await search({ flakiness: 0.5, seed }, given(testIds(50)), { repeat: 4 });
      verdicts.set(result.verdict, (verdicts.get(result.verdict) ?? 0) + 1);
      assert.ok(['flaky', 'not-reproduced'].includes(result.verdict), `seed ${seed}: ${result.verdict}`);
    }
    assert.ok((verdicts.get('flaky') ?? 0) >= 35, `verdicts: ${JSON.stringify([...verdicts])}`);
  });

  it('says flaky when the victim alone gives both outcomes', async () => {
    let run = 0;
    const oracle = async () => ({ outcome: run++ % 2 === 0 ? ('pass' as const) : ('fail' as const) });
    // --repeat 3: two runs alone at the start (the third is the re-check at the end).
    const result = await findMinimalSet(oracle, options(given(['a', 'b']), { repeat: 3 }));
    assert.equal(result.verdict, 'flaky');
    assert.match(reasonOf(result), /failed 1 of 2 runs alone/);
  });
});

describe('outcomes that contradict earlier ones (--reruns)', () => {
  it('names a set holding an intermittent polluter, or says flaky, over 40 seeds', async (t) => {
    const ids = testIds(40);
    const verdicts = new Map<string, number>();
    let rescued = 0;
    let exact = 0;
    for (let seed = 1; seed <= 40; seed += 1) {
      const { result } = await search({ triggers: [['t17']], effect: 0.75, seed }, given(ids));
      verdicts.set(result.verdict, (verdicts.get(result.verdict) ?? 0) + 1);
      assert.ok(['polluted', 'flaky', 'not-reproduced'].includes(result.verdict), `seed ${seed}: ${result.verdict}`);
      if (result.verdict !== 'polluted') continue;
      // The set really holds the polluter; a chance pass while trimming it can leave an innocent member beside it.
      assert.ok(result.polluters.includes('t17'), `seed ${seed}: ${result.polluters}`);
      if (result.polluters.length === 1) exact += 1;
      // Extra re-runs after a disagreement are counted in the confidence, and said in the reason.
      if (result.confidence.runs > 2) {
        rescued += 1;
        assert.ok(result.confidence.runs <= 2 + 3, 'at most --reruns extra re-runs');
        assert.equal(result.confidence.agreed, result.confidence.runs - 1, 'the one disagreement, outvoted');
        assert.ok(result.contradictions > 0);
        assert.match(reasonOf(result), /contradicted earlier ones on a re-run/);
      }
    }
    t.diagnostic(
      `verdicts ${JSON.stringify([...verdicts])}; ${exact} exactly t17; ${rescued} outvoted a disagreeing re-run`,
    );
    assert.ok(exact >= 20, `verdicts: ${JSON.stringify([...verdicts])}, ${exact} exact`);
    assert.ok(rescued >= 1, 'a disagreeing re-run was outvoted by the extra re-runs at least once');
  });

  it('with --reruns 0, any disagreement among the re-runs makes the verdict flaky', async () => {
    const ids = testIds(40);
    for (let seed = 1; seed <= 40; seed += 1) {
      const { result } = await search({ triggers: [['t17']], effect: 0.75, seed }, given(ids), { reruns: 0 });
      assert.ok(result.confidence.runs <= 2, `seed ${seed}: ${result.confidence.runs} re-runs`);
      assert.equal(result.contradictions, 0);
      if (result.verdict === 'polluted') assert.deepEqual(result.confidence, { agreed: 2, runs: 2 });
    }
  });

  it('re-runs a set that did not flip the victim when a subset of it does, and counts the contradiction', async () => {
    // t3 always fails the victim, but the first run of the first half passes by chance: bisection moves on to the
    // second half, ddmin later sees [t0..t3] fail, which contradicts that pass, so [t0..t7] runs once more.
    const ids = testIds(16);
    const { oracle, chance } = withChanceOutcome({ triggers: [['t3']] }, ids.slice(0, 8), 'pass');
    const result = await findMinimalSet(oracle, options(given(ids)));
    assert.ok(chance.used, 'the chance pass happened');
    assert.deepEqual(result.polluters, ['t3']);
    // Counted once per re-run that contradicted it (ddmin asks for [t0..t7] again, so it can be re-run twice).
    assert.ok(result.contradictions >= 1 && result.contradictions <= 3, `${result.contradictions} contradictions`);
    assert.match(reasonOf(result), /outcome\(s\) contradicted earlier ones on a re-run: the effect is intermittent/);

    const unchecked = withChanceOutcome({ triggers: [['t3']] }, ids.slice(0, 8), 'pass');
    const withoutReruns = await findMinimalSet(unchecked.oracle, options(given(ids), { reruns: 0 }));
    assert.deepEqual(withoutReruns.polluters, ['t3']);
    assert.equal(withoutReruns.contradictions, 0, '--reruns 0: nothing is re-run, so nothing is counted');
  });

  it('never spends more than the --reruns budget, however often outcomes contradict each other', async () => {
    for (const reruns of [0, 1, 3]) {
      for (let seed = 1; seed <= 40; seed += 1) {
        const phases: string[] = [];
        const onEvent = (event: SearchEvent<string>) => void (event.type === 'trial' && phases.push(event.phase));
        await search({ triggers: [['t17'], ['t30'], ['t5']], effect: 0.6, flakiness: 0.1, seed }, given(testIds(40)), {
          reruns,
          onEvent,
          all: true,
        });
        // One re-run per contradicted set while minimizing; after a disagreeing verification, what is left of the
        // budget runs twice (the set, and the victim alone).
        const spent = phases.filter((phase) => phase === 'rerun').length;
        assert.ok(spent <= 2 * reruns, `--reruns ${reruns}, seed ${seed}: ${spent} re-runs`);
      }
    }
  });
});

describe('the re-check at the end', () => {
  it('names no polluter when state outlives the trials (the victim then fails alone as well)', async () => {
    // t5 leaves a file behind that the victim reads: from then on every trial fails, the victim alone included, and
    // the bisection ends on an innocent test that "fails" every re-run. Only the victim's last run alone shows it.
    let persisted = false;
    const oracle = async (predecessors: readonly string[]) => {
      if (predecessors.includes('t5')) persisted = true;
      return { outcome: persisted ? ('fail' as const) : ('pass' as const) };
    };
    const result = await findMinimalSet(oracle, options(given(testIds(10))));
    assert.equal(result.verdict, 'flaky');
    assert.deepEqual(result.polluters, []);
    assert.equal(result.changedAlone, true);
    assert.match(reasonOf(result), /failed alone on the final re-check/);
  });

  it('names no state-setter when a brittle victim starts passing alone for good', async () => {
    let persisted = false;
    const oracle = async (predecessors: readonly string[]) => {
      if (predecessors.includes('t2')) persisted = true;
      return { outcome: persisted ? ('pass' as const) : ('fail' as const) };
    };
    const result = await findMinimalSet(oracle, options(given(testIds(10))));
    assert.equal(result.verdict, 'flaky');
    assert.deepEqual(result.stateSetters, []);
    assert.match(reasonOf(result), /passed alone on the final re-check/);
  });
});

describe('the 1-minimality check', () => {
  it('drops a member kept only because one noisy trial passed without it', async () => {
    // t5 always fails the victim, but its first run alone passes by chance: the bisection then falls back to ddmin
    // on [t4, t5], which remembers that pass and would keep the innocent t4.
    const ids = testIds(8);
    const { oracle, chance } = withChanceOutcome({ triggers: [['t5']] }, ['t5'], 'pass');
    const result = await findMinimalSet(oracle, options(given(ids)));
    assert.ok(chance.used, 'the chance pass happened');
    assert.deepEqual(result.polluters, ['t5']);
    assert.deepEqual(result.confidence, { agreed: 2, runs: 2 });
  });
});

describe('properties under intermittent polluters', () => {
  it('names only sets that hold a whole trigger, or says why not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 60 }).chain((size) =>
          fc.record({
            size: fc.constant(size),
            triggers: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 2 }), {
              minLength: 1,
              maxLength: 2,
            }),
            effect: fc.double({ min: 0.5, max: 1, noNaN: true }),
            seed: fc.integer({ min: 1, max: 10_000 }),
            reruns: fc.integer({ min: 0, max: 4 }),
            jobs: fc.integer({ min: 1, max: 2 }),
          }),
        ),
        async (spec) => {
          const ids = testIds(spec.size);
          const triggers = spec.triggers.map((set) => set.map((index) => ids[index]!));
          const { result } = await search({ triggers, effect: spec.effect, seed: spec.seed }, given(ids), {
            reruns: spec.reruns,
            jobs: spec.jobs,
          });
          assert.ok(['polluted', 'flaky', 'not-reproduced'].includes(result.verdict), result.verdict);
          for (const set of result.allPolluters) {
            // With the effect made certain, the named set fails the victim: no innocent-only set is ever named.
            assert.equal((await simulatedOracle({ triggers })(set)).outcome, 'fail', `${set} holds a whole trigger`);
          }
          assert.ok(result.confidence.agreed <= result.confidence.runs);
          if (result.verdict === 'polluted')
            assert.ok(result.confidence.runs - result.confidence.agreed <= 1, 'at most one re-run disagreed');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('properties under deterministic suites', () => {
  const suiteArbitrary = fc.integer({ min: 1, max: 80 }).chain((size) =>
    fc.record({
      size: fc.constant(size),
      triggers: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 3 }), {
        minLength: 0,
        maxLength: 3,
      }),
      cleaners: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 3 }),
      failsAlone: fc.boolean(),
      all: fc.boolean(),
      // Fingerprints seen by the runner: none, or any tests at all (right, wrong or partial guidance).
      visible: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 10 }), { nil: undefined }),
      jobs: fc.integer({ min: 1, max: 3 }),
    }),
  );

  it('answers with a set that reproduces and is 1-minimal, or says why not', async () => {
    await fc.assert(
      fc.asyncProperty(suiteArbitrary, async (spec) => {
        const ids = testIds(spec.size);
        const triggerIds = new Set(spec.triggers.flat());
        const suite: SimulatedSuite = {
          failsAlone: spec.failsAlone,
          triggers: spec.triggers.map((set) => set.map((index) => ids[index]!)),
          cleaners: spec.cleaners.filter((index) => !triggerIds.has(index)).map((index) => ids[index]!),
          visible: spec.visible?.map((index) => ids[index]!),
        };
        const { result } = await search(suite, withFallbacks(ids, []), { all: spec.all, jobs: spec.jobs });
        const check = simulatedOracle(suite);
        const flipped = spec.failsAlone ? 'pass' : 'fail';
        assert.equal(result.contradictions, 0, 'a deterministic suite never contradicts itself');
        if (result.verdict === 'polluted' || result.verdict === 'brittle') {
          assert.equal(result.verdict, spec.failsAlone ? 'brittle' : 'polluted');
          for (const set of spec.failsAlone ? result.allStateSetters : result.allPolluters) {
            assert.equal((await check(set)).outcome, flipped, `${set} reproduces`);
            for (const member of set) {
              const without = set.filter((id) => id !== member);
              assert.notEqual((await check(without)).outcome, flipped, `${set} is 1-minimal (without ${member})`);
            }
          }
        } else {
          assert.equal(result.verdict, spec.failsAlone ? 'fails-alone' : 'not-reproduced');
          // Nothing reproduced: then the given order whole did not flip the victim either.
          assert.notEqual((await check(ids)).outcome, flipped);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('guided by state fingerprints', () => {
  it('tries the tests that changed state first: at most 8 trials for one polluter among 1000', async () => {
    const ids = testIds(1000);
    const events: SearchEvent<string>[] = [];
    const { result, oracle } = await search({ triggers: [['t613']], visible: ['t12', 't613'] }, given(ids), {
      onEvent: (event) => events.push(event),
    });
    assert.deepEqual(result.polluters, ['t613']);
    // alone, the order, the two suspects, bisecting them (at most 3), verify ×2, alone again
    assert.ok(result.trials <= 8, `${result.trials} trials`);
    assert.ok(
      oracle.calls.slice(2).every((call) => call.length <= 2),
      'after the order, only the suspects are searched',
    );
    assert.deepEqual(
      events.find((event) => event.type === 'guided'),
      { type: 'guided', suspects: 2, size: 1000, hit: true },
    );
  });

  it('finds polluters needed together among the suspects', async () => {
    const ids = testIds(300);
    const { result, oracle } = await search(
      { triggers: [['t40', 't250']], visible: ['t3', 't40', 't250'] },
      given(ids),
    );
    assert.deepEqual(result.polluters, ['t40', 't250']);
    assert.ok(
      oracle.calls.every((call) => call.length <= 3 || call.length === 300),
      'never bisects the whole order',
    );
  });

  it('falls back to the full search, one trial later, when the state is one the fingerprints miss', async () => {
    const ids = testIds(200);
    const unguided = await search({ triggers: [['t150']] }, given(ids));
    const misled = await search({ triggers: [['t150']], visible: ['t7', 't90'] }, given(ids));
    assert.deepEqual(misled.result.polluters, ['t150']);
    assert.equal(misled.result.trials, unguided.result.trials + 1);
  });
});

describe('starting from the suspects CI recorded', () => {
  it('runs the recorded suspects alone with the victim first, and never the whole order when they reproduce', async () => {
    const ids = testIds(1000);
    const events: SearchEvent<string>[] = [];
    const { result, oracle } = await search({ triggers: [['t613']] }, given(ids), {
      recordedSuspects: ['t12', 't613'],
      onEvent: (event) => events.push(event),
    });
    assert.equal(result.verdict, 'polluted');
    assert.deepEqual(result.polluters, ['t613']);
    assert.ok(
      oracle.calls.every((call) => call.length <= 2),
      `no trial beyond the suspects: ${oracle.calls.map((call) => call.length)}`,
    );
    assert.deepEqual(oracle.calls[1], ['t12', 't613'], 'after the victim alone, the suspects in run order');
    assert.deepEqual(
      events.find((event) => event.type === 'recorded'),
      { type: 'recorded', suspects: 2, size: 1000, tried: true, hit: true },
    );
    assert.equal(result.order, 'recorded suspects of the collected');
    assert.deepEqual(result.confidence, { agreed: 2, runs: 2 }, 'verified as without the record');
    assert.ok(!events.some((event) => event.type === 'order-reproduced' || event.type === 'guided'));
  });

  it('runs them beside the victim alone with jobs to spare, and not the first order in chunks', async () => {
    const ids = testIds(1000);
    const { result, oracle } = await search({ triggers: [['t613']] }, given(ids), {
      recordedSuspects: ['t613'],
      jobs: 2,
    });
    assert.deepEqual(result.polluters, ['t613']);
    assert.ok(
      oracle.calls.every((call) => call.length <= 1),
      `no chunk of the order ran: ${oracle.calls.map((call) => call.length)}`,
    );
  });

  it('falls back to the search without the record, one trial later and to the same answer, when they do not reproduce', async () => {
    const ids = testIds(200);
    for (const polluters of [['t150'], ['t40', 't160']]) {
      const events: SearchEvent<string>[] = [];
      const plain = await search({ triggers: [polluters] }, given(ids));
      const recorded = await search({ triggers: [polluters] }, given(ids), {
        recordedSuspects: ['t7', 't90'],
        onEvent: (event) => events.push(event),
      });
      assert.equal(recorded.result.verdict, plain.result.verdict);
      assert.deepEqual(recorded.result.polluters, plain.result.polluters);
      assert.deepEqual(recorded.result.polluters, polluters);
      assert.equal(recorded.result.order, plain.result.order);
      assert.equal(recorded.result.trials, plain.result.trials + 1, 'the suspects cost one trial');
      assert.deepEqual(
        recorded.oracle.calls.slice(2),
        plain.oracle.calls.slice(1),
        'then the same trials as without the record',
      );
      assert.deepEqual(
        events.find((event) => event.type === 'recorded'),
        { type: 'recorded', suspects: 2, size: 200, tried: true, hit: false },
      );
    }
  });

  it('tries nothing when the record names no suspect, or every test, and says so', async () => {
    const ids = testIds(50);
    const plain = await search({ triggers: [['t20']] }, given(ids));
    for (const suspects of [[], ids]) {
      const events: SearchEvent<string>[] = [];
      const { result } = await search({ triggers: [['t20']] }, given(ids), {
        recordedSuspects: suspects,
        onEvent: (event) => events.push(event),
      });
      assert.deepEqual(result.polluters, ['t20']);
      assert.equal(result.trials, plain.result.trials);
      assert.deepEqual(
        events.find((event) => event.type === 'recorded'),
        { type: 'recorded', suspects: suspects.length, size: 50, tried: false, hit: false },
      );
    }
  });

  it("finds a brittle victim's state-setter among them", async () => {
    const ids = testIds(300);
    const { result, oracle } = await search({ failsAlone: true, triggers: [['t77']] }, given(ids), {
      recordedSuspects: ['t77'],
    });
    assert.equal(result.verdict, 'brittle');
    assert.deepEqual(result.stateSetters, ['t77']);
    assert.ok(oracle.calls.every((call) => call.length <= 1));
  });
});

describe('parallel trials', () => {
  it('cuts the first order into one chunk per job from the start, and never needs the whole order when one reproduces', async () => {
    const ids = testIds(1000);
    const { result, oracle } = await search({ triggers: [['t613']], visible: ['t613'] }, given(ids), { jobs: 2 });
    assert.deepEqual(result.polluters, ['t613']);
    assert.equal(result.order, 'collected, chunk 2 of 2');
    assert.ok(
      oracle.calls.every((call) => call.length <= 500),
      'no trial runs the whole order',
    );
    assert.ok(
      oracle.calls.length <= 7,
      `${oracle.calls.length} trials: alone, two chunks, the suspect, verify ×2, the victim alone again`,
    );
  });

  it('runs the first order whole beside the victim alone when it is not cut into chunks', async () => {
    const ids = testIds(300);
    const inner = simulatedOracle({ triggers: [['t40']], visible: ['t40'] });
    let running = 0;
    const besideAlone: number[] = []; // sizes of the trials started while the victim ran alone
    const oracle = async (predecessors: readonly string[]) => {
      if (running > 0) besideAlone.push(predecessors.length);
      const alone = predecessors.length === 0;
      if (alone) running += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (alone) running -= 1;
      return inner(predecessors);
    };
    const result = await findMinimalSet(oracle, options(given(ids), { jobs: 2, firstOrderInChunks: false }));
    assert.deepEqual(result.polluters, ['t40']);
    assert.ok(besideAlone.includes(300), `the whole order ran beside the victim alone (${besideAlone})`);
  });

  it('falls back to the whole order when the polluters sit in different chunks', async () => {
    const ids = testIds(100);
    const { result, oracle } = await search({ triggers: [['t10', 't90']] }, given(ids), { jobs: 2 });
    assert.deepEqual(result.polluters, ['t10', 't90']);
    assert.equal(result.order, 'collected');
    assert.ok(oracle.calls.some((call) => call.length === 100));
  });
});

describe('files before tests', () => {
  const fileOf = (id: string) => id.split('.')[0]!;
  const suite = Array.from({ length: 8 }, (_, file) =>
    Array.from({ length: 6 }, (_, index) => `f${file}.t${index}`),
  ).flat();

  for (const triggers of [[['f2.t3']], [['f1.t0', 'f6.t5']], [['f3.t1', 'f3.t4']]]) {
    const several = triggers[0]!.length > 1;
    it(`finds ${triggers[0]!.join(' + ')} with whole files removed first, loading ${several ? 'fewer' : 'no more'} files in all`, async (t) => {
      const loaded = (calls: string[][]) => calls.reduce((sum, call) => sum + new Set(call.map(fileOf)).size, 0);
      const byFile = simulatedOracle({ triggers });
      const byTest = simulatedOracle({ triggers });
      const options = {
        orders: [{ label: 'collected order', predecessors: suite }],
        repeat: 2,
        all: false,
        chunkTrialBudget: 0,
        key: (id: string) => id,
      };
      const grouped = await findMinimalSet(byFile, { ...options, group: fileOf });
      const plain = await findMinimalSet(byTest, options);
      assert.deepEqual(grouped.polluters, triggers[0]);
      assert.deepEqual(plain.polluters, triggers[0]);
      const cheaper = several
        ? loaded(byFile.calls) < loaded(byTest.calls)
        : loaded(byFile.calls) <= loaded(byTest.calls);
      assert.ok(cheaper, `files loaded: ${loaded(byFile.calls)} grouped, ${loaded(byTest.calls)} by test`);
      t.diagnostic(
        `${triggers[0]!.join(' + ')}: ${grouped.trials} trials / ${loaded(byFile.calls)} files loaded grouped; ${plain.trials} / ${loaded(byTest.calls)} by test`,
      );
    });
  }
});
