// The progress a user reads on real pytest runs: trial order side by side, the order polluter found itself, grammar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expected, findJson, samplePath } from '../support/cli.ts';

const trialNumbers = (stderr: string) =>
  [...stderr.matchAll(/^polluter: trial +(\d+) /gm)].map((match) => Number(match[1]));

describe('progress wording on real runs', () => {
  it('prints trials in order with --jobs 2, and says that polluter found the failing order itself (and which)', async () => {
    const sample = samplePath('pytest', 'conftest-only');
    const answer = expected(sample);
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '2', '--repeat', '4']);
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    const numbers = trialNumbers(result.stderr);
    assert.ok(numbers.length >= 6);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
      'trial lines in trial order',
    );
    assert.deepEqual(
      numbers,
      numbers.map((_, index) => index + 1),
      'every trial, once',
    );
    assert.match(
      result.stderr,
      /^polluter: the collected order passed; polluter found a failing order itself: all other tests$/m,
    );
    assert.match(result.stderr, /^polluter: reproduced with all other tests \(3 predecessors\); minimizing$/m);
    assert.doesNotMatch(result.stderr, /with the all /);
    // verify before recheck, as started.
    const phases = [...result.stderr.matchAll(/^polluter: trial +\d+ +(verify|recheck) /gm)].map((match) => match[1]);
    assert.equal(phases.at(-1), 'recheck');
  });

  it('says the order made a brittle victim pass, and numbers the first bisection round 1', async () => {
    const sample = samplePath('pytest', 'brittle');
    const answer = expected(sample);
    // Without fingerprints (POLLUTER_STATE=0) the search bisects.
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '1'], { POLLUTER_STATE: '0' });
    assert.equal(report.verdict, 'brittle', report.reason);
    assert.match(
      result.stderr,
      /^polluter: the victim passed after the collected order \(\d+ predecessors\); minimizing the tests it needs$/m,
    );
    assert.doesNotMatch(result.stderr, /reproduced with the collected order/);
    const rounds = [...result.stderr.matchAll(/bisect round (\d+)/g)].map((match) => Number(match[1]));
    assert.ok(rounds.length > 0, 'the search bisected');
    assert.equal(rounds[0], 1, 'the first bisection line says round 1');
    assert.deepEqual(
      trialNumbers(result.stderr),
      trialNumbers(result.stderr).map((_, index) => index + 1),
    );
  });
});
