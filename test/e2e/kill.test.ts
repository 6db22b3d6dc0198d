// kill -9 of polluter mid-trial: the trial's processes end within seconds, and the next run removes the temp dir.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BIN, expected, polluter, samplePath } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-kill-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Row {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

async function processes(): Promise<Row[]> {
  const { stdout } = await execa('ps', ['-eo', 'pid=,ppid=,pgid=,args=']);
  return stdout.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    return match ? [{ pid: Number(match[1]), ppid: Number(match[2]), pgid: Number(match[3]), args: match[4]! }] : [];
  });
}

/** Every process below `root` (its trials, their children), found by parent links. */
function descendants(rows: readonly Row[], root: number): Row[] {
  const found: Row[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = rows.filter((row) => frontier.includes(row.ppid));
    found.push(...children);
    frontier = children.map((row) => row.pid);
  }
  return found;
}

async function until(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

/**
 * Starts `polluter find` in a temp dir of its own, waits until a trial runs a process whose arguments match `marker`,
 * kills polluter with SIGKILL, and checks that every process of its trials is gone within 5 s (the marker's
 * included, although it was reparented to init) and that the next polluter run removes the dead run's temp dir.
 */
async function killMidTrial(args: string[], marker: RegExp): Promise<void> {
  const temp = mkdtempSync(join(scratch, 'tmp-'));
  const child = execa('node', [BIN, 'find', ...args], { reject: false, env: { NO_COLOR: '1', TMPDIR: temp } });
  const started = await until(async () => (await processes()).some((row) => marker.test(row.args)), 120);
  assert.ok(started, 'a trial started the marked process');
  const trial = descendants(await processes(), child.pid!);
  assert.ok(trial.length > 0);
  const groups = new Set(trial.map((row) => row.pgid));
  const runDirs = readdirSync(temp).filter((name) => name.startsWith(`polluter-${child.pid}-`));
  assert.equal(runDirs.length, 1, 'the run marks its temp dir with its pid');

  child.kill('SIGKILL');
  await child;
  const gone = await until(
    async () => !(await processes()).some((row) => groups.has(row.pgid) || marker.test(row.args)),
    5,
  );
  const left = (await processes()).filter((row) => groups.has(row.pgid) || marker.test(row.args));
  assert.ok(
    gone,
    `processes of the killed run's trials still running: ${left.map((row) => `${row.pid} ${row.args}`).join('; ')}`,
  );
  assert.ok(existsSync(join(temp, runDirs[0]!)), "nothing could remove the dead run's temp dir yet");

  // The next run (any command) removes it.
  const next = await polluter(['list', '--project', samplePath('pytest', 'no-config')], undefined, { TMPDIR: temp });
  assert.equal(next.exitCode, 0, next.stderr);
  // (jest keeps its own cache there, jest_0: not polluter's to remove.)
  assert.deepEqual(
    readdirSync(temp).filter((name) => name.startsWith('polluter-')),
    [],
    "the next run removed the dead run's temp dir and its own",
  );
}

describe('kill -9 of polluter mid-trial', () => {
  it('pytest: the hanging trial and the worker its test started end within seconds', async () => {
    const sample = samplePath('pytest', 'hang');
    await killMidTrial([expected(sample).victim, '--project', sample], /polluter-sample-hang-worker/);
  });

  it('jest: the trial and the helper process its test spawned end within seconds', async () => {
    const sample = samplePath('jest', 'helper-process');
    await killMidTrial(
      ['tests/status.test.js > status > reports ok', '--project', sample],
      /polluter-sample-jest-helper/,
    );
  });
});
