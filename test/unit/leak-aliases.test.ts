// leaksOf: one entry per object, and polluter's own paths masked in what it shows.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { leaksOf } from '../../src/report/leaks.ts';
import type { StateChange } from '../../src/runners/runner.ts';

const evidence = (changes: StateChange[]) => ({
  reproduction: new Map([['t::a', changes]]),
  footprint: () => undefined,
  noisy: () => false,
});

describe('leaks: one per object', () => {
  it('joins the names of one changed object, keeps the module named like it, and lists the others', () => {
    const row = (name: string): StateChange => ({
      kind: 'global',
      name,
      before: "'km'",
      after: "'mi'",
      identity: "7f01['unit']",
    });
    const leaks = leaksOf(
      ['t::a'],
      evidence([
        row("app.report.SETTINGS['unit']"),
        row("app.settings.SETTINGS['unit']"),
        row("app.units.CONFIG['unit']"),
      ]),
    );
    assert.equal(leaks.length, 1);
    assert.equal(leaks[0]!.name, "app.settings.SETTINGS['unit']");
    assert.deepEqual(leaks[0]!.aliases, ["app.report.SETTINGS['unit']", "app.units.CONFIG['unit']"]);
    assert.equal(leaks[0]!.identity, undefined);
  });

  it('keeps apart names of different objects, and rebound names (no identity), as before', () => {
    const leaks = leaksOf(
      ['t::a'],
      evidence([
        { kind: 'global', name: 'a.X', before: '1', after: '2' },
        { kind: 'global', name: 'b.X', before: '1', after: '2' },
        { kind: 'global', name: "a.D['k']", before: '1', after: '2', identity: "1['k']" },
        { kind: 'global', name: "b.D['k']", before: '1', after: '2', identity: "2['k']" },
      ]),
    );
    assert.deepEqual(
      leaks.map((leak) => [leak.name, leak.aliases]),
      [
        ['a.X', undefined],
        ['b.X', undefined],
        ["a.D['k']", undefined],
        ["b.D['k']", undefined],
      ],
    );
  });

  it("masks polluter's run temp dirs in names and values", () => {
    const runDir = join(tmpdir(), 'polluter-4242-AbC123');
    const leaks = leaksOf(
      ['t::a'],
      evidence([
        { kind: 'env', name: 'CACHE', before: null, after: `${runDir}/slot-1/cache` },
        { kind: 'file', name: `${runDir}/slot-1/x.lock`, before: null, after: '3 bytes' },
      ]),
    );
    assert.deepEqual(
      leaks.map((leak) => [leak.name, leak.after]),
      [
        ['CACHE', '<polluter temp dir>/slot-1/cache'],
        ['<polluter temp dir>/slot-1/x.lock', '3 bytes'],
      ],
    );
  });
});
