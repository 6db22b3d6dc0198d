// The trial time limit with real processes (sh and sleep): it is on the time since the last line the run added to
// its progress file (a trial's events), not on the whole run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runInProcessGroup } from '../../src/runners/process.ts';

const temp = mkdtempSync(join(tmpdir(), 'polluter-limit-unit-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let runs = 0;

/** `script` run by sh with $1 = a progress file of its own, under a limit of `seconds`. */
async function supervised(script: string, seconds: number, watchProgress: boolean) {
  runs += 1;
  const progressFile = join(temp, `progress-${runs}.jsonl`);
  return runInProcessGroup('/bin/sh', ['-c', script, 'sh', progressFile], {
    cwd: temp,
    env: {},
    outputFile: join(temp, `output-${runs}.log`),
    timeoutSeconds: seconds,
    progressFile: watchProgress ? progressFile : undefined,
  });
}

// Six "tests" of 0.4 s each, each adding a line when it ends: 2.4 s in all, never 1 s without progress.
const STEADY = 'for i in 1 2 3 4 5 6; do sleep 0.4; echo "{}" >> "$1"; done';
// Two quick "tests", then one that never ends.
const HANGS = 'echo "{}" >> "$1"; sleep 0.2; echo "{}" >> "$1"; sleep 30';

describe('the trial time limit', () => {
  it('lets a run longer than the limit finish while its tests keep ending', async () => {
    const result = await supervised(STEADY, 1, true);
    assert.equal(result.timedOut, false);
    assert.equal(result.exitCode, 0);
    assert.ok(result.wallSeconds >= 2.4, `it ran to its end (${result.wallSeconds} s)`);
  });

  it('kills the same run at the limit when it has no progress file (the limit is then on the whole run)', async () => {
    const result = await supervised(STEADY, 1, false);
    assert.equal(result.timedOut, true);
    assert.ok(result.wallSeconds < 2.4, `killed before its end (${result.wallSeconds} s)`);
  });

  it('kills a run whose last test never ends, one limit after the last line it added', async () => {
    const result = await supervised(HANGS, 1, true);
    assert.equal(result.timedOut, true);
    assert.ok(result.wallSeconds >= 1.2 && result.wallSeconds < 10, `${result.wallSeconds} s`);
  });

  it('kills a run that never adds a line, one limit after its start', async () => {
    const result = await supervised('sleep 30', 1, true);
    assert.equal(result.timedOut, true);
    assert.ok(result.wallSeconds >= 1 && result.wallSeconds < 10, `${result.wallSeconds} s`);
  });
});
