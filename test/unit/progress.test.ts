// The progress lines a user reads, from the search's events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressPrinter } from '../../src/report/progress.ts';
import type { SearchEvent } from '../../src/search/types.ts';

process.env.NO_COLOR = '1';

const trial = (
  number: number,
  phase: string,
  outcome: 'pass' | 'fail',
  extra: { round?: number; size?: number } = {},
): SearchEvent<string> =>
  ({
    type: 'trial',
    trial: number,
    phase,
    outcome,
    size: extra.size ?? 0,
    candidates: 4,
    round: extra.round,
    seconds: 0.5,
  }) as SearchEvent<string>;

function printed(events: (SearchEvent<string> | 'start')[], firstOrder = 'collected order'): string[] {
  const lines: string[] = [];
  const printer = progressPrinter((line) => lines.push(line), { firstOrder });
  for (const event of events) {
    if (event === 'start') printer.trialStarted();
    else printer.onEvent(event);
  }
  return lines;
}

describe('progress lines', () => {
  it('come out in trial order when trials end out of order side by side', () => {
    const lines = printed(['start', 'start', trial(2, 'order', 'fail', { size: 3 }), trial(1, 'alone', 'pass')]);
    assert.deepEqual(
      lines.map((line) => /trial +(\d+)/.exec(line)![1]),
      ['1', '2'],
    );
    const held = printed(['start', 'start', trial(2, 'recheck', 'pass')]);
    assert.deepEqual(held, [], 'trial 2 waits for trial 1');
  });

  it('keep a line of the search behind the trials started before it', () => {
    const lines = printed(['start', { type: 'found', set: ['a'] }, trial(1, 'verify', 'fail', { size: 1 })]);
    assert.match(lines[0]!, /^trial +1 +verify/);
    assert.equal(lines[1], 'found a; verifying');
  });

  it('number the rounds of a bisection as shown, from 1, when the first was answered from memory', () => {
    const lines = printed([
      'start',
      trial(1, 'bisect', 'fail', { round: 2, size: 2 }),
      'start',
      trial(2, 'bisect', 'pass', { round: 3, size: 1 }),
    ]);
    assert.match(lines[0]!, /bisect round 1 /);
    assert.match(lines[1]!, /bisect round 2 /);
  });

  it('say in one line when the given order passed and polluter found a failing one itself, with grammar', () => {
    const lines = printed([{ type: 'order-reproduced', label: 'all other tests', size: 3 }]);
    assert.deepEqual(lines, [
      'the collected order passed; polluter found a failing order itself: all other tests',
      'reproduced with all other tests (3 predecessors); minimizing',
    ]);
    assert.deepEqual(printed([{ type: 'order-reproduced', label: 'collected order, chunk 1 of 2', size: 1 }]), [
      'reproduced with the collected order, chunk 1 of 2 (1 predecessor); minimizing',
    ]);
  });

  it('say that the order made a brittle victim pass, not that it reproduced the failure', () => {
    const lines = printed(
      ['start', trial(1, 'alone', 'fail'), { type: 'order-reproduced', label: 'order file', size: 5 }],
      'order file',
    );
    assert.equal(lines[1], 'the victim passed after the order file (5 predecessors); minimizing the tests it needs');
  });
});
