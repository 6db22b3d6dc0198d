// WarmStarts with small node scripts standing in for a runner: the fd 3 handshake, the trial's env, and what happens
// to a process that never gets ready.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { WarmStarts } from '../../src/runners/warm-starts.ts';

const temp = mkdtempSync(join(tmpdir(), 'polluter-warm-unit-'));
after(() => rmSync(temp, { recursive: true, force: true }));

// Says it is ready on fd 3 with its pid and the SHARED variable, reads the trial, and prints what it then has.
const READY = `
const net = require('node:net');
const channel = new net.Socket({ fd: 3, readable: true, writable: true });
let received = '';
channel.on('data', (chunk) => {
  received += chunk;
  if (!received.includes('\\n')) return;
  channel.destroy();
  const trial = JSON.parse(received);
  Object.assign(process.env, trial.env);
  console.log(JSON.stringify({ shared: process.env.SHARED, own: process.env.OWN, args: trial.args }));
  process.exit(Number(process.env.EXIT_CODE ?? 0));
});
channel.write(JSON.stringify({ pid: process.pid, shared: process.env.SHARED }) + '\\n');
`;

function starts(script: string, name: string, ahead?: number) {
  return new WarmStarts<{ pid: number; shared: string }>({
    file: process.execPath,
    args: ['-e', script],
    cwd: temp,
    env: { SHARED: 'every trial' },
    tempDir: temp,
    name,
    ahead,
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WarmStarts', () => {
  it('hands each trial its own env in a process of its own, started with the shared env', async () => {
    const warm = starts(READY, 'ok');
    const first = await warm.take(30);
    assert.ok(first, 'the first process got ready');
    assert.equal(first.ready.shared, 'every trial', 'loaded with the shared env');
    const result = await first.run({ OWN: 'trial 1', EXIT_CODE: '3' }, ['a'], { timeoutSeconds: 30 });
    assert.equal(result.exitCode, 3);
    assert.deepEqual(JSON.parse(readFileSync(first.outputFile, 'utf8')), {
      shared: 'every trial',
      own: 'trial 1',
      args: ['a'],
    });
    const second = await warm.take(30);
    assert.ok(second);
    assert.notEqual(second.ready.pid, first.ready.pid, 'a new process per trial');
    assert.notEqual(second.outputFile, first.outputFile);
    await second.run({ OWN: 'trial 2' }, [], { timeoutSeconds: 30 });
    assert.equal(JSON.parse(readFileSync(second.outputFile, 'utf8')).own, 'trial 2');
  });

  it('keeps as many processes ahead as asked, each for a trial of its own', async () => {
    const warm = starts(READY, 'ahead', 2);
    const pids: number[] = [];
    for (const own of ['trial 1', 'trial 2', 'trial 3']) {
      const taken = await warm.take(30);
      assert.ok(taken);
      pids.push(taken.ready.pid);
      await taken.run({ OWN: own }, [], { timeoutSeconds: 30 });
      assert.equal(JSON.parse(readFileSync(taken.outputFile, 'utf8')).own, own);
    }
    assert.equal(new Set(pids).size, 3, 'a new process per trial');
    const outputs = () => readdirNames().filter((name) => name.startsWith('warm-ahead-')).length;
    for (let tries = 0; tries < 100 && outputs() < 5; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(outputs(), 5, "the three trials' and two ahead of the next trials, no more");
  });

  it('loads the processes for the next trials one at a time, and tells only a wanted one that it is', async () => {
    const log = join(temp, 'loading.log');
    // Takes 200 ms to get ready, and says whether it was started for a trial that waits for it.
    const script = `
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(log)}, 'start ' + process.pid + ' ' + Date.now() + '\\n');
setTimeout(() => {
  fs.appendFileSync(${JSON.stringify(log)}, 'ready ' + process.pid + ' ' + Date.now() + '\\n');
  ${READY.replace('shared: process.env.SHARED }', 'shared: process.env.SHARED, wanted: process.env.WANTED ?? null }')}
}, 200);`;
    const warm = new WarmStarts<{ pid: number; wanted: string | null }>({
      file: process.execPath,
      args: ['-e', script],
      cwd: temp,
      env: { SHARED: 'every trial' },
      tempDir: temp,
      name: 'chained',
      ahead: 3,
      wantedEnv: { WANTED: '1' },
    });
    const first = await warm.take(30);
    assert.ok(first);
    await first.run({ OWN: 'trial 1' }, [], { timeoutSeconds: 30 });
    assert.equal(first.ready.wanted, '1', 'the first trial waited for its process: it was told');
    const lines = () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
    for (let tries = 0; tries < 100 && lines().filter(([kind]) => kind === 'ready').length < 4; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const at = (kind: string, pid: number) => Number(lines().find(([k, p]) => k === kind && Number(p) === pid)![2]);
    const pids = [...new Set(lines().map(([, pid]) => Number(pid)))];
    assert.equal(pids.length, 4, "the first trial's process and three ahead");
    for (let index = 1; index < pids.length; index += 1) {
      assert.ok(
        at('start', pids[index]!) >= at('ready', pids[index - 1]!),
        `process ${index + 1} started once process ${index} was ready (${lines().join(' | ')})`,
      );
    }
    const second = await warm.take(30);
    assert.ok(second);
    await second.run({ OWN: 'trial 2' }, [], { timeoutSeconds: 30 });
    assert.equal(second.ready.wanted, null, 'a process started ahead was not told it was wanted');
  });

  it('gives no process for a trial when it ends before it is ready, and starts no more after', async () => {
    const warm = starts('process.exit(3)', 'fails');
    assert.equal(await warm.take(30), undefined);
    assert.equal(await warm.take(30), undefined);
    const outputs = () => readdirNames().filter((name) => name.startsWith('warm-fails-'));
    // The next ones start once the one taken is ready: it never was, so none was started beside it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(outputs().length, 1, 'the first only, then none');
  });

  it('kills a process that is not ready within the time limit, and gives none for its trial', async () => {
    const pids = join(temp, 'slow.pids');
    const script = `require('node:fs').appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n'); setInterval(() => {}, 1000);`;
    const warm = starts(script, 'slow');
    assert.equal(await warm.take(1), undefined);
    // Two were started: the trial's, and once it was stopped the next trial's (which waits: being late says nothing
    // about it).
    const started = () => readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let tries = 0; tries < 50 && (started().length !== 2 || started().filter(alive).length !== 1); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(started().length, 2);
    assert.equal(started().filter(alive).length, 1, 'the late process is killed, the next one waits');
    for (const pid of started().filter(alive)) process.kill(-pid, 'SIGKILL');
  });

  it('ends, on close, the processes started ahead, ready or loading, and starts none after', async () => {
    const pids = join(temp, 'closed.pids');
    // Says it started at once, and is ready 300 ms later: with three ahead, one is still loading at the close.
    const script = `require('node:fs').appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n');
setTimeout(() => { ${READY} }, 300);`;
    const warm = starts(script, 'closed', 3);
    const taken = await warm.take(30);
    assert.ok(taken);
    await taken.run({ OWN: 'trial 1' }, [], { timeoutSeconds: 30 });
    const started = () => readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    for (let tries = 0; tries < 100 && started().length < 3; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(started().length >= 3, 'two were started ahead of the next trials');
    await warm.close();
    assert.deepEqual(started().filter(alive), [], 'none is left once close resolved');
    const count = started().length;
    const outputs = readdirNames().filter((name) => name.startsWith('warm-closed-')).length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(started().length, count, 'none started after the close');
    assert.equal(readdirNames().filter((name) => name.startsWith('warm-closed-')).length, outputs, 'no output file');
    assert.equal(await warm.take(30), undefined, 'no process for a trial after the close');
  });
});

function readdirNames(): string[] {
  return readdirSync(temp);
}
