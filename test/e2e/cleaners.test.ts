// `find --cleaners` with the real pytest: the test that resets what the polluter left is named as the fix hint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expected, findJson, polluter, samplePath } from '../support/cli.ts';

describe('find --cleaners', () => {
  const sample = samplePath('pytest', 'cleaner');
  const answer = expected(sample);

  it('names the test that reloads the cached settings', async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--cleaners']);
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.cleaners, [['tests/test_locale.py::test_reload_rereads_environment']]);
    assert.match(result.stderr, /looking for cleaners/);
    assert.match(
      result.stderr,
      /cleaner: tests\/test_locale\.py::test_reload_rereads_environment makes the victim pass again/,
    );
    // The first try is the tests whose footprint touched the leaked cache: the cleaner refills it, and is among them.
    const first = /trial +(\d+) +cleaners +(\d) of 9 candidates → pass/.exec(result.stderr);
    assert.ok(first, 'the likely cleaners are tried first, and make the victim pass');
    // Then a bisection of those few, 2 verifications, a look for a further cleaner among the rest (2 trials), and the
    // diagnostic run of the leaked cache.
    assert.ok(report.trials <= Number(first[1]) + 2 + 2 + 2 + 1, `${report.trials} trials`);
  });

  it('shows the cleaner in the text report, and finds none where nothing resets the state', async () => {
    const text = await polluter(['find', answer.victim, '--project', sample, '--cleaners']);
    assert.match(
      text.stdout,
      /Cleaner +tests\/test_locale\.py::test_reload_rereads_environment \(run after the polluters/,
    );
    const other = samplePath('pytest', 'module-global');
    const { report, result } = await findJson(other, expected(other).victim, ['--cleaners']);
    assert.equal(report.verdict, 'polluted');
    assert.deepEqual(report.cleaners, []);
    assert.match(result.stderr, /no test makes the victim pass again after the polluters/);
  });

  it('is not looked for without --cleaners', async () => {
    const { report, result } = await findJson(sample, answer.victim);
    assert.deepEqual(report.cleaners, []);
    assert.doesNotMatch(result.stderr, /looking for cleaners/);
  });
});
