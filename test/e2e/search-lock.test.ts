// One search at a time per project, and the journal in a private per-user state dir, on real pytest runs.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FindReport } from '../../src/report/find-report.ts';
import { BIN, expected, polluter, samplePath, snapshotTree } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-lock-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
/** A fresh state dir for one test, so that locks and journals of other runs on the machine do not count. */
const freshState = () => join(scratch, `state-${(dirs += 1)}`);

/** `polluter find` as a child process, with its progress lines collected as they come. */
function startFind(args: string[], stateDir: string) {
  const child = execa('node', [BIN, 'find', ...args], {
    reject: false,
    env: { NO_COLOR: '1', POLLUTER_STATE_DIR: stateDir },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const seen = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => (pattern.test(stderr) ? resolve() : setTimeout(check, 50));
      check();
    });
  return { child, seen };
}

describe('one search at a time per project', () => {
  const sample = samplePath('pytest', 'file-in-project');
  const answer = expected(sample);

  it('two searches started together on a project whose tests leave a file: the second waits, both answer right', async () => {
    const state = freshState();
    const before = snapshotTree(sample);
    const args = [answer.victim, '--project', sample, '--format', 'json'];
    const first = startFind(args, state);
    const second = startFind(args, state);
    const results = await Promise.all([first.child, second.child]);
    assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before');
    for (const result of results) {
      assert.equal(result.exitCode, 0, result.stderr);
      const report = JSON.parse(result.stdout) as FindReport;
      assert.equal(report.verdict, 'polluted', report.reason);
      assert.deepEqual(report.polluters, answer.polluters);
    }
    const waited = results.filter((result) =>
      /another polluter search \(pid \d+\) is running on .*file-in-project: waiting for it to end/.test(result.stderr),
    );
    assert.equal(waited.length, 1, 'exactly one of them waited, and said so');
    assert.equal(
      waited[0]!.stderr.split('\n').filter((line) => line.includes('another polluter search')).length,
      1,
      'in one line',
    );
  });

  it('with --no-wait, refuses at once in one line (exit 2) while another search runs; the same project by another path too', async () => {
    const state = freshState();
    const first = startFind([answer.victim, '--project', sample], state);
    await first.seen(/collecting tests/);
    const other = join(sample, '..', 'file-in-project', 'tests', '..'); // another spelling of the same directory
    const refused = await polluter(['find', answer.victim, '--project', other, '--no-wait'], undefined, {
      POLLUTER_STATE_DIR: state,
    });
    assert.equal(refused.exitCode, 2, refused.stderr);
    assert.match(
      refused.stderr,
      /^polluter: another polluter search \(pid \d+\) is running on .*file-in-project: wait for it, or leave out --no-wait to queue behind it$/,
    );
    assert.equal(refused.stderr.split('\n').length, 1, 'one line');
    assert.equal((await first.child).exitCode, 0);
    // The first ended: the lock is free again.
    const after = await polluter(
      ['find', answer.victim, '--project', sample, '--no-wait', '--format', 'json'],
      undefined,
      { POLLUTER_STATE_DIR: state },
    );
    assert.equal(after.exitCode, 0, after.stderr);
  });

  it('takes over the lock of a search that was killed with SIGKILL', async () => {
    const state = freshState();
    const first = startFind([answer.victim, '--project', sample], state);
    await first.seen(/collecting tests/);
    first.child.kill('SIGKILL');
    await first.child;
    const started = performance.now();
    const next = await polluter(['find', answer.victim, '--project', sample, '--format', 'json'], undefined, {
      POLLUTER_STATE_DIR: state,
    });
    assert.equal(next.exitCode, 0, next.stderr);
    assert.match(next.stderr, /waiting for it to end/, 'the dead search held the lock when the next one came');
    assert.ok(performance.now() - started < 40_000, 'the stale lock was taken over within seconds');
  });
});

describe('the journal in a private state dir', () => {
  const sample = samplePath('pytest', 'cached-config');
  const answer = expected(sample);

  it("keeps an interrupted search's journal in the state dir, mode 0700, and nothing in the temp dir", async () => {
    const state = freshState();
    const temp = join(scratch, 'tmp-journal');
    mkdirSync(temp);
    const child = execa('node', [BIN, 'find', answer.victim, '--project', sample, '--jobs', '1'], {
      reject: false,
      env: { NO_COLOR: '1', POLLUTER_STATE_DIR: state, TMPDIR: temp },
    });
    let stderr = '';
    await new Promise<void>((seen) =>
      child.stderr!.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), /trial +3 /.test(stderr) && seen())),
    );
    child.kill('SIGINT');
    const result = await child;
    assert.equal(result.exitCode, 130);
    const journals = readdirSync(join(state, 'journals'));
    assert.equal(journals.length, 1);
    assert.match(result.stderr, new RegExp(`the trials so far are in ${join(state, 'journals', journals[0]!)}`));
    assert.equal(statSync(state).mode & 0o777, 0o700);
    assert.equal(statSync(join(state, 'journals')).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(temp), [], 'nothing at a guessable path in the temp dir');
    const resumed = await polluter(
      ['find', answer.victim, '--project', sample, '--jobs', '1', '--resume', '--format', 'json'],
      undefined,
      { POLLUTER_STATE_DIR: state },
    );
    assert.equal(resumed.exitCode, 0, resumed.stderr);
    assert.ok((JSON.parse(resumed.stdout) as FindReport).resumed > 0, 'resumed from the journal in the state dir');
  });

  it(
    'refuses a journal, or a state dir, that another user owns',
    { skip: process.getuid?.() !== 0 && 'needs root to give a file to another user' },
    async () => {
      const journal = join(scratch, 'planted.jsonl');
      writeFileSync(journal, '{"ids":[],"run":{"outcomes":[],"seconds":[]}}\n');
      chownSync(journal, 65534, 65534);
      const planted = await polluter(
        ['find', answer.victim, '--project', sample, '--journal', journal, '--resume'],
        undefined,
        { POLLUTER_STATE_DIR: freshState() },
      );
      assert.equal(planted.exitCode, 2, planted.stderr);
      assert.match(
        planted.stderr,
        /^polluter: .*planted\.jsonl belongs to another user \(uid 65534\), not to you: polluter will not trust it/,
      );
      assert.equal(planted.stderr.trim().split('\n').length, 1);

      const foreign = freshState();
      mkdirSync(foreign, { mode: 0o700 });
      chownSync(foreign, 65534, 65534);
      const refused = await polluter(['find', answer.victim, '--project', sample], undefined, {
        POLLUTER_STATE_DIR: foreign,
      });
      assert.equal(refused.exitCode, 2, refused.stderr);
      assert.match(refused.stderr, /belongs to another user \(uid 65534\)/);
    },
  );
});
