// The default of --jobs: POLLUTER_JOBS when set, else a trial per two cores (1–4); always 1 when trials share a reset.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { afterEach, describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { defaultJobs } from '../../src/project/parallel-trials.ts';

const saved = process.env.POLLUTER_JOBS;
afterEach(() => {
  if (saved === undefined) delete process.env.POLLUTER_JOBS;
  else process.env.POLLUTER_JOBS = saved;
});

describe('the default --jobs', () => {
  it('is one trial per two cores, at least 1 and at most 4', () => {
    delete process.env.POLLUTER_JOBS;
    const expected = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
    assert.equal(defaultJobs(undefined), expected);
    assert.ok(expected >= 1 && expected <= 4);
  });

  it('is POLLUTER_JOBS when set, but 1 with --before-trial or watched databases', () => {
    process.env.POLLUTER_JOBS = '3';
    assert.equal(defaultJobs(undefined), 3);
    assert.equal(defaultJobs('reset-db.sh'), 1);
    assert.equal(defaultJobs(undefined, true), 1);
  });

  it('refuses a POLLUTER_JOBS that is not a whole number of 1 or more, saying what it got', () => {
    for (const bad of ['0', '-2', '1.5', 'two']) {
      process.env.POLLUTER_JOBS = bad;
      assert.throws(
        () => defaultJobs(undefined),
        (error: unknown) =>
          error instanceof UsageError &&
          error.message === `POLLUTER_JOBS: expected a whole number of trials at once, 1 or more, got ${bad}`,
      );
    }
  });
});
