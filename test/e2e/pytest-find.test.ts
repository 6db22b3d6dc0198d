// `polluter find` through the built CLI, with the real pytest, on every sample in samples/pytest/.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, expected, findJson, polluter, ROOT, samplePath, snapshotTree, type Expected } from '../support/cli.ts';

/** Runs a printed reproduce command the way a user pastes it into a shell (without leaving caches in the sample). */
async function paste(command: string, cwd: string) {
  const env = { PYTHONDONTWRITEBYTECODE: '1', PYTEST_ADDOPTS: '-p no:cacheprovider' };
  return execa('sh', ['-c', command], { cwd, reject: false, env });
}

const solved = [
  // No pytest config at all (issue 18): detected from the test files, a unittest class, a tests/conftest.py.
  'no-config',
  'unittest-classes',
  'conftest-only',
  // One object under several names: one leak, with aliases (issue 18).
  'shared-settings',
  // A file pytest cannot collect is left out, and the other files searched (issue 19).
  'uncollectable',
  // State set before any per-test fixture: a unittest setUpClass, a module-scoped fixture (issue 22).
  'setupclass-env',
  'fixture-env',
  // A class attribute, a receivers list inside a module's registry dict, a class's registry dict (issue 22).
  'class-attribute',
  'signal-registry',
  'class-registry',
  'cached-config',
  'module-global',
  'conjunction',
  'cleaner',
  'brittle',
  'xdist-randomly',
  'crashers',
  'independent',
  'env-var',
  'file-in-project',
  'started-patch',
];

/** A sample with several victims: one expected answer per victim, each solved by its own search. */
const manyVictims = ['process-state'];

type Answer = Expected & { leftovers?: string[] };

/**
 * `find` solves the victim with the expected polluters and exactly the expected leaks, and the printed command
 * reproduces it. Each search gets a temp dir of its own: a file that another process on the machine creates directly
 * in the shared temp dir while a culprit runs would be reported as that culprit's `file` leak.
 */
async function assertSolves(sample: string, answer: Answer): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'polluter-test-'));
  try {
    const { report, result } = await findJson(sample, answer.victim, [], { TMPDIR: temp });
    assert.equal(report.verdict, answer.verdict, report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.stateSetters, answer.stateSetters);
    assert.equal(report.victim, answer.victim);
    assert.equal(report.runner, 'pytest');
    // What the culprits left changed in the process: exactly the designed leak, by the right test.
    assert.deepEqual(
      report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      answer.leaks,
    );
    assert.equal(result.exitCode, 0);
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
    // At least: the collection that runs the order, the victim alone, the suspects (the first of the 2 verification
    // runs when they are the answer), 1 more verification, the re-check alone.
    assert.ok(report.trials >= 5 && Number.isInteger(report.trials), `${report.trials} trials`);
    assert.ok(report.seconds > 0);
    assert.match(result.stderr, /trial +1 +alone/, 'a progress line per trial on stderr');
    assert.match(result.stderr, /the \d+ test\(s\) that left state changed/, 'the fingerprints guided the search');
    // polluter's own files in the temp dir are gone after the search.
    assert.deepEqual(
      readdirSync(temp).filter((name) => name.startsWith('polluter-') && !/^polluter-journal-\w+\.jsonl$/.test(name)),
      [],
    );

    // The printed command, pasted into a shell, fails the victim (pytest exit 1) or, for brittle, makes it pass.
    try {
      const pasted = await paste(report.verdict === 'brittle' ? report.passingCommand! : report.reproduce, sample);
      assert.equal(pasted.exitCode, report.verdict === 'brittle' ? 0 : 1, pasted.stdout);
      assert.match(
        pasted.stdout,
        new RegExp(report.verdict === 'brittle' ? '2 passed' : `FAILED ${escape(answer.victim)}`),
      );
    } finally {
      // What the pasted polluter wrote into the sample (file-in-project), which polluter's trials clean up themselves.
      for (const file of answer.leftovers ?? []) rmSync(join(sample, file), { force: true });
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

describe('find on the pytest samples', () => {
  for (const name of solved) {
    it(`solves ${name}`, async () => {
      const sample = samplePath('pytest', name);
      await assertSolves(sample, expected(sample));
    });
  }

  it('names a file pytest cannot collect once and leaves it out, in find, list and detect (uncollectable)', async () => {
    const sample = samplePath('pytest', 'uncollectable');
    const answer = expected(sample);
    const leftOut =
      /^polluter: warning: left out tests\/test_export\.py: pytest could not collect it: ImportError: cannot import name 'parse_amount'/m;
    const { report, result } = await findJson(sample, answer.victim);
    assert.deepEqual(
      report.warnings.filter((warning) => warning.includes('test_export.py')).length,
      1,
      report.warnings.join('\n'),
    );
    assert.equal(
      result.stderr.split('\n').filter((line) => line.includes('left out tests/test_export.py')).length,
      1,
      'said once',
    );
    assert.match(result.stderr, leftOut);
    const listed = await polluter(['list', '--project', sample]);
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n'), [
      'tests/test_currencies.py::test_format_euro',
      'tests/test_currencies.py::test_register_swiss_franc',
      'tests/test_invoice.py::test_unknown_currency_is_spelled_out',
    ]);
    assert.match(listed.stderr, leftOut);
    const detected = await polluter(['detect', '--project', sample, '--format', 'json']);
    assert.equal(detected.exitCode, 1, detected.stderr);
    const detectReport = JSON.parse(detected.stdout) as {
      victims: { victim: string; polluters: string[] }[];
      warnings: string[];
    };
    assert.deepEqual(
      detectReport.victims.map(({ victim, polluters }) => ({ victim, polluters })),
      [{ victim: answer.victim, polluters: answer.polluters }],
    );
    assert.equal(
      detectReport.warnings.filter((warning) => warning.startsWith('left out tests/test_export.py')).length,
      1,
    );
  });

  for (const name of manyVictims) {
    const sample = samplePath('pytest', name);
    const { victims } = JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as { victims: Answer[] };
    for (const answer of victims) {
      it(`solves ${name}: ${answer.victim}`, async () => {
        await assertSolves(sample, answer);
      });
    }
  }

  it('names the order that reproduced a polluter hidden by a cleaner', async () => {
    const sample = samplePath('pytest', 'cleaner');
    const { report } = await findJson(sample, expected(sample).victim);
    assert.equal(report.order, 'collected order, reversed');
  });

  it('leaves out the tests that end the process instead of blaming them', async () => {
    const sample = samplePath('pytest', 'crashers');
    const { report } = await findJson(sample, expected(sample).victim);
    assert.deepEqual([...report.excluded].sort(), [
      'tests/test_lifecycle.py::test_fatal_logs_reason',
      'tests/test_shutdown.py::test_ctrl_c_during_job_is_recorded',
    ]);
  });

  it('kills a hanging trial with its whole process group after --timeout and leaves the hanging test out', async () => {
    const sample = samplePath('pytest', 'hang');
    const answer = expected(sample);
    const { report } = await findJson(sample, answer.victim, ['--timeout', '3']);
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.excluded, ['tests/test_drain.py::test_drain_waits_for_worker']);
    assert.deepEqual(
      report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      answer.leaks,
    );
    await assertHangWorkerGone();
  });

  it('stops at once on Ctrl-C: exit 130, the running trial killed with its processes, the temp dir removed', async () => {
    const sample = samplePath('pytest', 'hang');
    // A temp dir of its own, so that other polluter runs on the machine cannot disturb the check.
    const temp = mkdtempSync(join(tmpdir(), 'polluter-test-'));
    const child = execa('node', [BIN, 'find', expected(sample).victim, '--project', sample], {
      reject: false,
      env: { NO_COLOR: '1', TMPDIR: temp },
    });
    // The listing process also runs the tests before the victim (the first trial) and hangs in test_drain_waits_for_worker.
    await new Promise<void>((started) => {
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/running those before the victim in the same process/.test(seen)) setTimeout(started, 2500);
      });
    });
    child.kill('SIGINT');
    const result = await child;
    assert.equal(result.exitCode, 130, result.stderr);
    assert.match(result.stderr, /polluter: interrupted$/);
    await assertHangWorkerGone();
    // Only the journal stays (for --resume); the search's temp dir is gone.
    assert.deepEqual(
      readdirSync(temp).filter((name) => !/^polluter-journal-\w+\.jsonl$/.test(name)),
      [],
    );
    rmSync(temp, { recursive: true, force: true });
  });

  it('reports every independent polluter with --all', async () => {
    const sample = samplePath('pytest', 'independent');
    const answer = expected(sample) as ReturnType<typeof expected> & { allPolluters: string[][] };
    const { report } = await findJson(sample, answer.victim, ['--all']);
    assert.deepEqual(report.allPolluters, answer.allPolluters);
  });

  it('says flaky, exit 1, for a victim that fails at random', async () => {
    const sample = samplePath('pytest', 'flaky');
    // Eight runs alone: the chance that a 50% flaky test gives eight equal outcomes is 1 in 128.
    const { report, result } = await findJson(sample, expected(sample).victim, ['--repeat', '8']);
    assert.equal(report.verdict, 'flaky', report.reason);
    assert.deepEqual(report.polluters, []);
    assert.equal(result.exitCode, 1);
  });

  it('searches the order of an order file and skips ids the project no longer has', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const answer = expected(sample);
    const dir = mkdtempSync(join(tmpdir(), 'polluter-test-'));
    try {
      const orderFile = join(dir, 'order.txt');
      writeFileSync(
        orderFile,
        ['tests/test_gone.py::test_removed', ...answer.polluters, answer.victim, 'tests/after.py::x', ''].join('\n'),
      );
      const { report, result } = await findJson(sample, answer.victim, ['--order-file', orderFile]);
      assert.equal(report.verdict, 'polluted');
      assert.deepEqual(report.polluters, answer.polluters);
      assert.equal(report.order, 'order file');
      assert.match(report.warnings.join('\n'), /tests\/test_gone\.py::test_removed/);
      assert.match(result.stderr, /warning: left out 1 test\(s\) of the order file that the project does not have/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes arguments after -- to pytest and into the reproduce command', async () => {
    const sample = samplePath('pytest', 'module-global');
    const { report } = await findJson(sample, expected(sample).victim, ['--', '-o', 'console_output_style=classic']);
    assert.equal(report.verdict, 'polluted');
    assert.match(report.reproduce, /-o console_output_style=classic /);
  });

  it('keeps the reproduce command in one process when -n N is passed after --', async () => {
    // pytest takes the last -n: a `-n 0` before the user's `-n 2` left the pasted command on two workers, where the
    // polluter and the victim ran apart and the victim passed.
    const sample = samplePath('pytest', 'xdist-randomly');
    const answer = expected(sample);
    const { report } = await findJson(sample, answer.victim, ['--', '-n', '2']);
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.match(report.reproduce, / -n 2 -n 0 /);
    const pasted = await paste(report.reproduce, sample);
    assert.equal(pasted.exitCode, 1, pasted.stdout);
    assert.match(pasted.stdout, new RegExp(`FAILED ${escape(answer.victim)}`));
  });

  it('prints a summary that ends with the reproduce command', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const answer = expected(sample);
    const result = await polluter(['find', answer.victim, '--project', sample]);
    assert.equal(result.exitCode, 0);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[1]!, /^Verdict +polluted/);
    assert.match(
      lines.at(-1)!,
      /^ {2}python3? -m pytest -p no:randomly .*'tests\/test_link_utils\.py::test_ann_vchord' 'tests\/test_search\.py::test_default_extension'$/,
    );
  });
});

it('leaves no pytest or bytecode cache in any sample', () => {
  const caches = [...snapshotTree(join(ROOT, 'samples')).keys()].filter((file) =>
    /(__pycache__|\.pytest_cache)\//.test(file),
  );
  assert.deepEqual(caches, []);
});

/** The worker process that the hang sample's test starts must die with its trial's process group. */
async function assertHangWorkerGone(): Promise<void> {
  const processes = await execa('ps', ['-eo', 'args']);
  assert.doesNotMatch(processes.stdout, /polluter-sample-hang-worker/, 'the worker the hanging test started is gone');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
