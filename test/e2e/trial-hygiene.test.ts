// What a trial leaves behind must not reach the next one: files removed from the project, --before-trial.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { BIN, expected, findJson, polluter, samplePath } from '../support/cli.ts';
import { assertNoneLeft } from '../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('trials that cannot contaminate each other', () => {
  it('removes the file a polluter writes into the project after each trial, and still finds it', async () => {
    const sample = samplePath('pytest', 'file-in-project');
    const answer = expected(sample) as ReturnType<typeof expected> & { leftovers: string[] };
    // --jobs left out, its default set to 2 (whatever the cores) by POLLUTER_JOBS. findJson checks the tree is as before.
    const { report, result } = await findJson(sample, answer.victim, [], { POLLUTER_JOBS: '2' });
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.leftovers, { removed: answer.leftovers, modified: [] });
    assert.match(result.stderr, /removed what a trial left in the project: \.preferences\.json/);
    // --jobs left out: the first run comes alone, and since it left a file, so does every trial after it.
    assert.match(result.stderr, /trials leave files in the project: running them one at a time/);
  });

  it('runs --before-trial before every trial, split into arguments', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const log = join(scratch, 'split.log');
    const { report } = await findJson(sample, expected(sample).victim, [
      '--before-trial',
      `sh -c 'echo trial >> "$1"' sh ${log}`,
    ]);
    assert.equal(report.verdict, 'polluted');
    // Every trial but the listing process.
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, report.trials - 1);
  });

  it('runs --before-trial through sh -c with --shell', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const log = join(scratch, 'shell.log');
    const { report } = await findJson(sample, expected(sample).victim, [
      '--shell',
      '--before-trial',
      `true && echo trial >> ${log}`,
    ]);
    assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, report.trials - 1);
  });

  it('refuses shell syntax without --shell, --shell alone, and stops when the command fails', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const victim = expected(sample).victim;
    const syntax = await polluter(['find', victim, '--project', sample, '--before-trial', 'make clean && make db']);
    assert.equal(syntax.exitCode, 2);
    assert.match(syntax.stderr, /uses shell syntax \('&&'\); pass --shell/);
    const alone = await polluter(['find', victim, '--project', sample, '--shell']);
    assert.equal(alone.exitCode, 2);
    assert.match(alone.stderr, /--shell only says how to run --before-trial/);
    const failing = await polluter(['find', victim, '--project', sample, '--before-trial', 'false']);
    assert.equal(failing.exitCode, 2);
    assert.match(failing.stderr, /the --before-trial command failed \(exit 1\): false/);
  });
});

/** `polluter find` with `args`, sent SIGINT (Ctrl-C) as soon as its progress on stderr shows `when`. */
async function interruptedFind(args: string[], when: RegExp) {
  const child = execa('node', [BIN, 'find', ...args], { reject: false, env: { NO_COLOR: '1' } });
  await new Promise<void>((seen) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (when.test(stderr)) seen();
    });
  });
  child.kill('SIGINT');
  return child;
}

describe('interruptions', () => {
  it('prints the smallest failing order found so far on Ctrl-C, exits 130, and --resume finishes without repeating trials', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const answer = expected(sample);
    const journal = join(scratch, 'journal.jsonl');
    // One job: trials end in the order they start, so the journal holds every trial up to the 4th.
    // Trial 1 runs the victim alone (passes), trial 2 the whole order (fails), trial 3 the suspect, trial 4 the second
    // verification run; stop there, before the re-check alone.
    const result = await interruptedFind(
      [answer.victim, '--project', sample, '--journal', journal, '--jobs', '1'],
      /trial +4 /,
    );
    assert.equal(result.exitCode, 130, result.stderr);
    assert.match(
      result.stderr,
      /interrupted; the smallest order so far that makes the victim fail \(\d+ tests? before it\):\n {2}python3? -m pytest -p no:randomly .*'tests\/test_search\.py::test_default_extension'\n/,
    );
    assert.match(result.stderr, /polluter: interrupted$/);
    assert.match(result.stderr, /the same command with --resume continues from there/);

    const fresh = await findJson(sample, answer.victim);
    const resumed = await findJson(sample, answer.victim, ['--journal', journal, '--resume', '--jobs', '1']);
    assert.equal(resumed.report.verdict, 'polluted');
    assert.deepEqual(resumed.report.polluters, answer.polluters);
    assert.ok(resumed.report.resumed >= 4, `${resumed.report.resumed} trials replayed`);
    // Splits follow measured times, so the two searches may differ by a trial or so after the replay; the replayed
    // trials (at least 4) are what the resumed one saves.
    assert.ok(
      resumed.report.trials < fresh.report.trials,
      `${resumed.report.trials} processes resumed, ${fresh.report.trials} fresh`,
    );
    assert.ok(!existsSync(journal), 'a finished search removes its journal');
  });
});

describe('interruptions with trials side by side', () => {
  it('stops every running trial on Ctrl-C and exits 130 with the best order so far, nothing left unhandled', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const answer = expected(sample);
    const journal = join(scratch, 'journal-jobs.jsonl');
    // Stop as soon as the verification starts: its runs and the re-check alone run side by side.
    const result = await interruptedFind(
      [answer.victim, '--project', sample, '--journal', journal, '--jobs', '2'],
      /verifying/,
    );
    assert.equal(result.exitCode, 130, result.stderr);
    assert.match(result.stderr, /interrupted; the smallest order so far that makes the victim fail/);
    assert.doesNotMatch(result.stderr, /TrialAbortedError|Unhandled|at async/);
    rmSync(journal, { force: true });
  });
});

describe('bad input for the journal', () => {
  it('refuses a journal it cannot write, exit 2, and says when there is nothing to resume', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const victim = expected(sample).victim;
    const missing = await polluter([
      'find',
      victim,
      '--project',
      sample,
      '--journal',
      join(scratch, 'no-such-dir', 'j.jsonl'),
    ]);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /^polluter: cannot read the journal .*no-such-dir\/j\.jsonl: no such file$/m);
    const temp = mkdtempSync(join(scratch, 'tmp-'));
    const unknown = await execa('node', [BIN, 'find', 'tests/test_nope.py::test_x', '--project', sample], {
      reject: false,
      env: { TMPDIR: temp },
    });
    assert.equal(unknown.exitCode, 2);
    assert.deepEqual(readdirSync(temp), [], 'a search stopped by bad input leaves no journal');
    const empty = await findJson(sample, victim, ['--resume', '--journal', join(scratch, 'empty.jsonl')]);
    assert.match(empty.result.stderr, /nothing to resume in .*empty\.jsonl: starting afresh/);
    assert.equal(empty.report.resumed, 0);
  });
});

describe('a database that outlives the process, one per worker', () => {
  const sample = samplePath('pytest', 'worker-db');
  const answer = expected(sample) as ReturnType<typeof expected> & { beforeTrial: string };
  const databases = (name: string) => join(scratch, name);

  it('does not blame a test for a row that every later trial sees', async () => {
    const { report } = await findJson(sample, answer.victim, [], { WORKER_DB_DIR: databases('none') });
    assert.notEqual(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, []);
  });

  it('finds the polluter with --before-trial recreating the database', async () => {
    const { report } = await findJson(sample, answer.victim, ['--before-trial', answer.beforeTrial], {
      WORKER_DB_DIR: databases('one'),
    });
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(
      readdirSync(databases('one')),
      ['gw0.sqlite'],
      'one job: no worker identity, the suite default gw0',
    );
  });

  it('with --jobs 2 runs trials side by side as gw0 and gw1, each on its own database', async () => {
    const { report, result } = await findJson(
      sample,
      answer.victim,
      ['--before-trial', answer.beforeTrial, '--jobs', '2'],
      { WORKER_DB_DIR: databases('two') },
    );
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(
      readdirSync(databases('two')).sort(),
      ['gw0.sqlite', 'gw1.sqlite'],
      'both worker identities were used',
    );
    assert.match(
      report.order ?? '',
      /^collected order, chunk 1 of 2$/,
      'the first order ran in two chunks side by side',
    );
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
    assert.doesNotMatch(result.stderr, /→ unknown/);
  });

  it('gives each slot of --jobs 2 its own temp dir, removed afterwards', async () => {
    const log = join(scratch, 'tmpdirs.log');
    const reset = `${answer.beforeTrial} && printf '%s %s\\n' "$PYTEST_XDIST_WORKER" "$TMPDIR" >> ${log}`;
    const { report } = await findJson(sample, answer.victim, ['--shell', '--before-trial', reset, '--jobs', '2'], {
      WORKER_DB_DIR: databases('tmp'),
    });
    assert.equal(report.verdict, 'polluted', report.reason);
    const slots = new Map(
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' ') as [string, string]),
    );
    assert.deepEqual([...slots.keys()].sort(), ['gw0', 'gw1']);
    assert.match(slots.get('gw0')!, /polluter-[^/]+\/slot-1$/);
    assert.match(slots.get('gw1')!, /polluter-[^/]+\/slot-2$/);
    for (const dir of slots.values()) assert.equal(existsSync(dir), false, `${dir} is removed`);
  });

  it('refuses --jobs 0', async () => {
    const result = await polluter(['find', answer.victim, '--project', sample, '--jobs', '0']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /--jobs takes a whole number of at least 1, not 0/);
  });
});

/**
 * `find` on a copy of the cached-config sample whose conftest appends, from every pytest process, the values of these
 * Python expressions to a log (as a suite's conftest would); the right answer checked, the log's lines split.
 */
async function findWithProcessLog(
  name: string,
  fields: readonly string[],
  args: readonly string[],
  env: Record<string, string> = {},
) {
  const project = join(scratch, name);
  cpSync(samplePath('pytest', 'cached-config'), project, { recursive: true });
  const log = join(scratch, `${name}.log`);
  writeFileSync(
    join(project, 'tests', 'conftest.py'),
    [
      'import os, sys, tempfile',
      'run = "listing" if "--collect-only" in sys.argv else "trial"',
      'started = "warm" if b"polluter_warm" in open("/proc/self/cmdline", "rb").read() else "cold"',
      'with open(os.environ["TRIAL_LOG"], "a") as log:',
      `    log.write(" ".join(str(value) for value in (${fields.join(', ')},)) + "\\n")`,
      '',
    ].join('\n'),
  );
  const answer = expected(project);
  const { report, result } = await findJson(project, answer.victim, [...args], { TRIAL_LOG: log, ...env });
  assert.equal(report.verdict, 'polluted', report.reason);
  assert.deepEqual(report.polluters, answer.polluters);
  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  return { project, report, result, lines };
}

describe('one trial at a time (--jobs 1)', () => {
  it("gives every trial polluter's own temp dir, the same for all, and no worker id; removed afterwards", async () => {
    const { report, result, lines } = await findWithProcessLog(
      'one-job',
      ['os.environ.get("PYTEST_XDIST_WORKER")', 'tempfile.gettempdir()'],
      ['--jobs', '1'],
    );
    assert.equal(lines.length, report.trials, `one line per process\n${result.stderr}`);
    assert.deepEqual(new Set(lines.map(([worker]) => worker)), new Set(['None']), 'no worker id');
    const temps = new Set(lines.map(([, temp]) => temp));
    assert.equal(temps.size, 1, [...temps].join(', '));
    const [temp] = temps;
    assert.match(temp!, /polluter-[^/]+\/slot-1$/);
    assert.equal(existsSync(temp!), false, `${temp} is removed`);
  });
});

describe('trials in Python processes started ahead (warm starts)', () => {
  it("run each trial with that trial's worker id, temp dir and pytest's own argv[0], and leave none running", async () => {
    // What every trial's test process saw once pytest started: written by the project, as a suite's conftest would.
    const { project, report, result, lines } = await findWithProcessLog(
      'warm',
      [
        'run',
        'os.environ.get("PYTEST_XDIST_WORKER")',
        'tempfile.gettempdir()',
        'os.path.basename(sys.argv[0])',
        'started',
        '__import__("gc").get_freeze_count() > 0',
      ],
      ['--jobs', '2'],
    );
    assert.equal(lines.filter(([run]) => run === 'listing').length, 1, 'one listing (collect-only: no worker id)');
    const seen = lines.filter(([run]) => run === 'trial').map((line) => line.slice(1));
    assert.equal(seen.length + 1, report.trials, 'one process per trial (report.trials counts the listing too)');
    for (const [, , , argv0, started, frozen] of lines) {
      assert.equal(started, 'warm', 'every process was started ahead');
      assert.equal(argv0, '__main__.py', 'as under python -m pytest');
      // What it loaded ahead is set aside from the trial's garbage collections (polluter_warm's _freeze_loaded).
      assert.equal(frozen, 'True', 'the modules loaded ahead are frozen');
    }
    for (const [worker, temp] of seen) {
      if (worker === 'gw0') assert.match(temp ?? '', /polluter-[^/]+\/slot-1$/);
      else if (worker === 'gw1') assert.match(temp ?? '', /polluter-[^/]+\/slot-2$/);
      else assert.fail(`a trial without a worker id: ${worker} (${result.stderr})`);
    }
    assert.deepEqual(new Set(seen.map(([worker]) => worker)), new Set(['gw0', 'gw1']));
    // The process started for a trial that never came ends once polluter has exited.
    await assertNoneLeft('polluter_warm', project);
  });
});

describe("an interpreter started through a launcher (a version manager's shim)", () => {
  it('goes through it once: the later processes start the interpreter it started, with the environment it set', async () => {
    // A shim as pyenv's is: a script named python3, first on PATH, that sets variables and starts the real one.
    const real = (await execa('python3', ['-c', 'import sys; print(sys.executable)'])).stdout.trim();
    const bin = join(scratch, 'shim-bin');
    const shimLog = join(scratch, 'shim.log');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'python3'),
      `#!/bin/sh\necho "$*" >> "${shimLog}"\nexport SHIM_VERSION=from-the-shim\nexec "${real}" "$@"\n`,
      { mode: 0o755 },
    );
    const { report, result, lines } = await findWithProcessLog(
      'launcher',
      ['os.environ.get("SHIM_VERSION")', 'started', 'sys.executable'],
      ['--jobs', '1'],
      { PATH: `${bin}:${process.env.PATH}` },
    );
    assert.equal(lines.length, report.trials, `one line per process\n${result.stderr}`);
    for (const [version, started, executable] of lines) {
      assert.equal(version, 'from-the-shim', 'every process has what the shim set');
      assert.equal(started, 'warm');
      assert.equal(executable, real);
    }
    const shimmed = readFileSync(shimLog, 'utf8').trim().split('\n');
    assert.deepEqual(
      shimmed,
      ['-m polluter_warm'],
      `only the first process went through the shim (${report.trials} ran)`,
    );
    assert.ok(report.trials > 2, `more than one process ran (${report.trials})`);
  });
});
