// Cleaners as the fix hint, against simulated suites: tests that, run after the polluters, make the victim pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCleaners, type CleanerOptions } from '../../src/search/cleaners.ts';
import { simulatedOracle, testIds, type SimulatedSuite } from '../support/simulated-suite.ts';

function options(
  culprits: string[],
  candidates: string[],
  overrides: Partial<CleanerOptions<string>> = {},
): CleanerOptions<string> {
  return { culprits, candidates, repeat: 2, max: 3, firstTrial: 1, key: (id) => id, ...overrides };
}

describe('findCleaners', () => {
  const ids = testIds(64);
  const others = ids.filter((id) => id !== 't5');

  it('names the one test that undoes the polluter, verified by fresh runs', async () => {
    const suite: SimulatedSuite = { triggers: [['t5']], cleaners: ['t40'] };
    const oracle = simulatedOracle(suite);
    const { cleaners, trials } = await findCleaners(oracle, options(['t5'], others));
    assert.deepEqual(cleaners, [['t40']]);
    assert.equal(trials, oracle.calls.length);
    // All of them, a bisection, its last test checked, 2 verifications, and all the rest once more (no second cleaner).
    assert.ok(trials <= 1 + Math.ceil(Math.log2(others.length)) + 1 + 2 + 1, `${trials} trials`);
    // Every trial ran the polluter first.
    assert.ok(oracle.calls.every((call) => call[0] === 't5'));
  });

  it('lists several independent cleaners, up to the maximum', async () => {
    const suite: SimulatedSuite = { triggers: [['t5']], cleaners: ['t12', 't40', 't50', 't60'] };
    const { cleaners } = await findCleaners(simulatedOracle(suite), options(['t5'], others));
    assert.deepEqual(cleaners, [['t12'], ['t40'], ['t50']]);
  });

  it('says none after one trial when nothing undoes the pollution', async () => {
    const oracle = simulatedOracle({ triggers: [['t5']] });
    const { cleaners, trials } = await findCleaners(oracle, options(['t5'], others));
    assert.deepEqual(cleaners, []);
    assert.equal(trials, 1);
  });

  it('tries the likely cleaners first: the tests seen changing what leaked', async () => {
    const suite: SimulatedSuite = { triggers: [['t5']], cleaners: ['t40'] };
    const guided = simulatedOracle(suite);
    const { cleaners } = await findCleaners(guided, options(['t5'], others, { likely: ['t40', 't41'] }));
    assert.deepEqual(cleaners, [['t40']]);
    assert.deepEqual(guided.calls[0], ['t5', 't40', 't41'], 'the likely ones alone first');
    const blind = simulatedOracle(suite);
    await findCleaners(blind, options(['t5'], others));
    assert.ok(
      guided.calls.length < blind.calls.length,
      `${guided.calls.length} trials guided, ${blind.calls.length} not`,
    );
  });

  it('leaves out a candidate that ends the process, and keeps numbering trials after the search', async () => {
    const suite: SimulatedSuite = { triggers: [['t5']], cleaners: ['t40'], crashers: ['t20'] };
    const events: number[] = [];
    const { cleaners } = await findCleaners(
      simulatedOracle(suite),
      options(['t5'], others, {
        firstTrial: 11,
        onEvent: (event) => event.type === 'trial' && events.push(event.trial),
      }),
    );
    assert.deepEqual(cleaners, [['t40']]);
    assert.equal(events[0], 11);
  });
});
