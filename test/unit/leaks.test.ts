// What the culprits left changed for the victim: followed in run order, noise dropped, what the victim names first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leaksOf, type LeakEvidence } from '../../src/report/leaks.ts';
import type { StateChange } from '../../src/runners/runner.ts';
import { changesFromRows, STATE_KINDS, type StateKind } from '../../src/runners/state-change.ts';

const change = (kind: StateKind, name: string, before: string | null, after: string | null): StateChange => ({
  kind,
  name,
  before,
  after,
});

function evidence(changes: Record<string, StateChange[]>, extra: Partial<LeakEvidence> = {}): LeakEvidence {
  return { reproduction: new Map(Object.entries(changes)), footprint: () => undefined, noisy: () => false, ...extra };
}

describe('leaksOf', () => {
  it('drops a value one culprit set and a later one put back', () => {
    const leaks = leaksOf(
      ['a', 'b'],
      evidence({
        a: [change('env', 'MODE', null, 'live'), change('global', 'app.FLAG', 'False', 'True')],
        b: [change('env', 'MODE', 'live', null)],
      }),
    );
    assert.deepEqual(leaks, [{ kind: 'global', name: 'app.FLAG', before: 'False', after: 'True', by: 'a' }]);
  });

  it('joins a chain of changes into one leak from the first value to the last, by the last changer', () => {
    const leaks = leaksOf(
      ['a', 'b'],
      evidence({
        a: [change('cache', 'app.get', 'lru_cache of 0 entries', 'lru_cache of 1 entry')],
        b: [change('cache', 'app.get', 'lru_cache of 1 entry', 'lru_cache of 2 entries')],
      }),
    );
    assert.deepEqual(leaks, [
      { kind: 'cache', name: 'app.get', before: 'lru_cache of 0 entries', after: 'lru_cache of 2 entries', by: 'b' },
    ]);
  });

  it('leaves out what most tests of a trial changed', () => {
    const counter = change('global', 'app.metrics.CALLS', '3', '4');
    const leaks = leaksOf(
      ['a'],
      evidence({ a: [counter, change('env', 'TZ', null, 'UTC')] }, { noisy: (seen) => seen.name === counter.name }),
    );
    assert.deepEqual(
      leaks.map((leak) => leak.name),
      ['TZ'],
    );
  });

  it('ranks what the victim names first, then by kind', () => {
    const changes = {
      a: [
        change('logging', 'app', 'WARNING', 'DEBUG'),
        change('env', 'HOME', '/root', '/tmp'),
        change('global', 'app.settings.REGION', "'eu'", "'us'"),
      ],
    };
    assert.deepEqual(
      leaksOf(['a'], evidence(changes)).map((leak) => leak.kind),
      ['env', 'global', 'logging'],
    );
    const victimSource = 'def test_region():\n    assert settings.REGION == "eu"\n';
    assert.deepEqual(
      leaksOf(['a'], evidence(changes, { victimSource })).map((leak) => leak.kind),
      ['global', 'env', 'logging'],
    );
    // A whole word only: REGIONS does not name REGION.
    assert.deepEqual(
      leaksOf(['a'], evidence(changes, { victimSource: 'REGIONS = 1' })).map((leak) => leak.kind),
      ['env', 'global', 'logging'],
    );

    // A dict's key, by its name in the source: SETTINGS["unit"] names SETTINGS['unit'].
    const keyed = {
      a: [change('env', 'HOME', '/root', '/tmp'), change('global', "app.shipping.SETTINGS['unit']", "'kg'", "'lb'")],
    };
    assert.deepEqual(
      leaksOf(['a'], evidence(keyed, { victimSource: 'assert SETTINGS["unit"] == "kg"' })).map((leak) => leak.kind),
      ['global', 'env'],
    );
  });

  it('keeps only what the victim starts from differently after the culprits than alone', () => {
    const threads = change('threads', 'threads', 'none', 'shop-worker-0');
    const flag = change('global', 'app.FLAG', 'False', 'True');
    const undone = change('env', 'MODE', null, 'live');
    const victimStarts = {
      // Alone, the victim's own session fixture starts the pool's threads.
      alone: [change('threads', 'threads', 'none', 'shop-worker-0')],
      // After the culprit: the same threads, the flag it set; MODE was put back by the victim's fixture.
      after: [change('threads', 'threads', 'none', 'shop-worker-0'), change('global', 'app.FLAG', 'False', 'True')],
    };
    const leaks = leaksOf(['a'], evidence({ a: [threads, flag, undone] }, { victimStarts }));
    assert.deepEqual(
      leaks.map((leak) => leak.name),
      ['app.FLAG'],
    );
    // Without the starts (a runner that does not report them), every change the culprits left is kept.
    assert.equal(leaksOf(['a'], evidence({ a: [threads, flag, undone] })).length, 3);
  });

  it('falls back to the last footprint of each culprit when they never ran on their own', () => {
    const leaks = leaksOf(['a'], {
      footprint: (id) => (id === 'a' ? [change('file', 'data/.lock', null, '0 bytes')] : undefined),
      noisy: () => false,
      victimSource: "open('data/.lock')",
    });
    assert.deepEqual(
      leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      [{ kind: 'file', name: 'data/.lock', by: 'a' }],
    );
  });
});

describe("the helpers' rows", () => {
  it('become state changes of the 18 known kinds; a row of another kind is left out', () => {
    assert.equal(new Set(STATE_KINDS).size, 18);
    assert.deepEqual(
      changesFromRows([
        ['env', 'MODE', null, 'test'],
        ['no-such-kind', 'x', '1', '2'],
        ['core-module', 'fs.readFileSync', 'native', 'wrapped'],
      ]),
      [
        { kind: 'env', name: 'MODE', before: null, after: 'test' },
        { kind: 'core-module', name: 'fs.readFileSync', before: 'native', after: 'wrapped' },
      ],
    );
  });
});
