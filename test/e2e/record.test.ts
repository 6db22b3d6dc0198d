// `polluter record -- <command>` through the built CLI, on the samples, with the real pytest (+ xdist), jest and vitest.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ArtifactTest } from '../../src/ci/artifact-test.ts';
import { recordingCommand, runnerInCommand, withStateRecorded } from '../../src/record/switch-on.ts';
import { FINGERPRINT_CONTRACT } from '../../src/runners/fingerprint-contract.ts';
import { findJson, polluter, samplePath, snapshotTree } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-record-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let outputs = 0;
const freshDir = () => join(scratch, `out-${(outputs += 1)}`);

/** The user's own pytest would write a cache and bytecode into the sample; the tree check is about polluter. */
const PYTHON_QUIET = { PYTHONDONTWRITEBYTECODE: '1' };

function readRecord(dir: string): Map<string, ArtifactTest[]> {
  const files = new Map<string, ArtifactTest[]>();
  for (const name of readdirSync(dir).sort()) {
    const lines = readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    files.set(
      name,
      lines.map((line) => JSON.parse(line) as ArtifactTest),
    );
  }
  return files;
}

/** Runs `polluter record` in a sample; the sample's tree must be as before. */
async function recordIn(sample: string, args: readonly string[], env: Record<string, string> = {}) {
  const before = snapshotTree(sample);
  const result = await polluter(['record', ...args], sample, env);
  assert.deepEqual(snapshotTree(sample), before, `the sample's tree is as before the run; stderr:\n${result.stderr}`);
  return result;
}

describe('polluter record with pytest', () => {
  it('writes one file per xdist worker, in the order of that run, and passes the exit status through', async () => {
    const sample = samplePath('pytest', 'xdist-randomly'); // addopts: -n 2 -p randomly
    const listed = (await polluter(['list', '--project', sample])).stdout.trim().split('\n');
    assert.equal(listed.length, 13);
    const output = freshDir();
    const result = await recordIn(
      sample,
      ['--output', output, '--', 'python3', '-m', 'pytest', '-v', '-p', 'no:cacheprovider'],
      PYTHON_QUIET,
    );
    assert.equal(result.exitCode, 0, result.stderr);

    const files = readRecord(output);
    assert.deepEqual([...files.keys()], ['gw0.jsonl', 'gw1.jsonl']);
    const all = [...files.values()].flat();
    assert.deepEqual(
      all.map((test) => test.nodeid).sort(),
      [...listed].sort(),
      'every test exactly once across the files',
    );

    // xdist -v prints `[gw0] [ 23%] PASSED tests/…::test_x` as each test finishes, in the order of each worker.
    const logged = new Map<string, { nodeid: string; outcome: string }[]>();
    for (const match of result.stdout.matchAll(/^\[(gw\d+)\] \[\s*\d+%\] (\w+) (\S+)/gm)) {
      const worker = match[1]!;
      logged.set(worker, [...(logged.get(worker) ?? []), { nodeid: match[3]!, outcome: match[2]!.toLowerCase() }]);
    }
    for (const [name, tests] of files) {
      const worker = name.replace('.jsonl', '');
      assert.ok(
        tests.every((test) => test.worker === worker),
        `${name} names its worker on each line`,
      );
      assert.deepEqual(
        tests.map((test) => ({ nodeid: test.nodeid, outcome: test.outcome })),
        logged.get(worker),
        `${name} is the order of ${worker} in the -v log`,
      );
    }
    assert.match(result.stderr, /polluter: recorded the order in .*: gw0\.jsonl \d+ tests, gw1\.jsonl \d+ tests/);
  });

  it('records a run without xdist as main.jsonl and exits 1 when a test fails', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const output = freshDir();
    mkdirSync(output);
    writeFileSync(join(output, 'gw5.jsonl'), '{"nodeid":"tests/gone.py::test_of_an_earlier_run","worker":"gw5"}\n');
    const result = await recordIn(
      sample,
      ['--output', output, '--', 'python3', '-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:randomly'],
      PYTHON_QUIET,
    );
    assert.equal(result.exitCode, 1, 'the failing test fails the command, and so polluter record');
    const files = readRecord(output);
    assert.deepEqual([...files.keys()], ['main.jsonl'], 'the record of an earlier run is gone');
    const tests = files.get('main.jsonl')!;
    const victim = tests.find((test) => test.nodeid === 'tests/test_search.py::test_default_extension');
    assert.deepEqual(victim, {
      nodeid: 'tests/test_search.py::test_default_extension',
      worker: 'main',
      outcome: 'failed',
    });
    const polluterAt = tests.findIndex((test) => test.nodeid === 'tests/test_link_utils.py::test_ann_vchord');
    assert.ok(polluterAt !== -1 && polluterAt < tests.indexOf(victim), 'the polluter ran before the victim');
  });

  for (const state of [[], ['--state']]) {
    it(`keeps the test that killed its process, last in the file and without an outcome${state.length ? ', with --state' : ''}`, async () => {
      const sample = samplePath('pytest', 'crashers');
      const output = freshDir();
      const result = await recordIn(
        sample,
        [...state, '--output', output, '--', 'python3', '-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:randomly'],
        PYTHON_QUIET,
      );
      assert.notEqual(result.exitCode, 0);
      const tests = readRecord(output).get('main.jsonl')!;
      const last = tests.at(-1)!;
      assert.equal(last.outcome, undefined, `the last test never finished: ${JSON.stringify(last)}`);
      assert.ok(tests.slice(0, -1).every((test) => test.outcome !== undefined));
      // With --state every line says what changed, even the one whose test never finished; without it, none does.
      assert.ok(
        tests.every((test) => Array.isArray(test.changes) === state.length > 0),
        JSON.stringify(tests),
      );
    });
  }
});

describe('polluter record --state, then find --from-record', () => {
  it('records what each test left changed, and the search starts from the test that did, never running the whole order', async () => {
    const sample = samplePath('pytest', 'cached-config');
    const victim = 'tests/test_search.py::test_default_extension';
    const polluterId = 'tests/test_link_utils.py::test_ann_vchord';
    const output = freshDir();
    // A temp dir of its own, as a CI job has: files other processes drop into a shared one would show as changes.
    const tempDir = join(scratch, `tmp-${outputs}`);
    mkdirSync(tempDir);
    const command = ['python3', '-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:randomly'];
    const recorded = await recordIn(sample, ['--state', '--output', output, '--', ...command], {
      ...PYTHON_QUIET,
      TMPDIR: tempDir,
    });
    assert.equal(recorded.exitCode, 1, recorded.stderr);
    assert.match(
      recorded.stderr,
      /polluter: recorded the order and what each test left changed in .*: main\.jsonl 14 tests/,
    );
    const tests = readRecord(output).get('main.jsonl')!;
    assert.equal(tests.length, 14);
    assert.ok(
      tests.every((test) => Array.isArray(test.changes) && test.outcome !== undefined),
      'every line says what its test changed, and how it ended',
    );
    const changed = tests.filter((test) => test.changes!.some(([kind]) => kind !== 'modules'));
    assert.deepEqual(
      changed.map((test) => test.nodeid),
      [polluterId],
      `only the polluter left state changed: ${JSON.stringify(changed)}`,
    );
    assert.deepEqual(
      changed[0]!.changes!.find(([kind]) => kind === 'cache'),
      ['cache', 'app.config.get_config', 'lru_cache of 0 entries', 'lru_cache of 1 entry'],
    );

    const { report, result } = await findJson(sample, victim, ['--from-record', output]);
    assert.equal(report.verdict, 'polluted', result.stderr);
    assert.deepEqual(report.polluters, [polluterId]);
    assert.match(String(report.order), /^recorded suspects of the worker main of /);
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 }, 'verified as without the record');
    assert.match(
      result.stderr,
      /the 1 recorded test\(s\) that left state changed reproduce it: minimizing among them, the 11 tests of the order are not run/,
    );
    const trialSizes = [
      ...result.stderr.matchAll(/trial +\d+ +(\w+) +(?:the victim alone|(\d+) of \d+ candidates) →/g),
    ].map((match) => ({ phase: match[1], size: Number(match[2] ?? 0) }));
    assert.ok(trialSizes.length >= 4, result.stderr);
    assert.ok(
      trialSizes.every(({ size }) => size <= 1),
      `no trial ran more than the suspect: ${JSON.stringify(trialSizes)}`,
    );
    assert.deepEqual(
      trialSizes.filter(({ phase }) => phase === 'recorded'),
      [{ phase: 'recorded', size: 1 }],
    );
    // The collection, the victim alone, the suspect, 2 verifications, the victim alone again, and the diagnostic run
    // of the cache's cause (polluter fix's chain of causes).
    assert.equal(report.trials, 1 + trialSizes.length + 1);
    assert.ok(report.trials <= 8, `${report.trials} trials`);
  });

  it('falls back to the search without the record, and says so, when the record names no suspect', async () => {
    // A CI run without the polluter (deselected there): no test before the victim left state changed in it.
    const sample = samplePath('pytest', 'cached-config');
    const victim = 'tests/test_search.py::test_default_extension';
    const polluterId = 'tests/test_link_utils.py::test_ann_vchord';
    const output = freshDir();
    const command = [
      'python3',
      '-m',
      'pytest',
      '-p',
      'no:cacheprovider',
      '-p',
      'no:randomly',
      '--deselect',
      polluterId,
    ];
    const recorded = await recordIn(sample, ['--state', '--output', output, '--', ...command], PYTHON_QUIET);
    assert.equal(recorded.exitCode, 0, recorded.stderr);
    const { report, result } = await findJson(sample, victim, ['--from-record', output]);
    assert.match(
      result.stderr,
      /the record names no test before the victim as leaving state changed: falling back to the search of the whole order \(10 tests\)/,
    );
    assert.doesNotMatch(result.stderr, /trial +\d+ +recorded/, 'no trial was spent on suspects');
    // The recorded order lacks the polluter: the search finds it among all the other tests, as without --state.
    assert.equal(report.verdict, 'polluted', result.stderr);
    assert.deepEqual(report.polluters, [polluterId]);
    assert.doesNotMatch(String(report.order), /recorded/);
  });
});

describe('polluter record with jest and vitest', () => {
  for (const [runner, sample, command] of [
    ['jest', samplePath('jest', 'module-state'), ['npx', 'jest', '--ci', '--runInBand']],
    ['jest', samplePath('jest', 'jest29/module-state'), ['npx', 'jest', '--ci', '--runInBand']],
    ['vitest', samplePath('vitest', 'module-state'), ['npx', 'vitest', 'run', '--no-file-parallelism']],
    ['vitest', samplePath('vitest', 'vitest3/module-state'), ['npx', 'vitest', 'run', '--no-file-parallelism']],
  ] as const) {
    it(`writes the tests in the order ${runner} ran them: ${sample.split('/samples/')[1]}`, async () => {
      const output = freshDir();
      const json = join(scratch, `results-${outputs}.json`);
      // The runner's own JSON report of the same run is the reference (in run order with one worker).
      const reportFlags =
        runner === 'jest' ? ['--json', `--outputFile=${json}`] : ['--reporter=json', `--outputFile=${json}`];
      const result = await recordIn(sample, ['--output', output, '--', ...command, ...reportFlags]);
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        numFailedTests: number;
        testResults: {
          name: string;
          assertionResults: { ancestorTitles: string[]; title: string; status: string }[];
        }[];
      };
      assert.equal(result.exitCode, report.numFailedTests > 0 ? 1 : 0, 'the exit status of the run');

      const files = readRecord(output);
      assert.deepEqual([...files.keys()], ['main.jsonl']);
      const recorded = files.get('main.jsonl')!;
      const reported = report.testResults.flatMap((file) =>
        file.assertionResults.map((test) => ({
          file: file.name.slice(sample.length + 1),
          titles: [...test.ancestorTitles, test.title],
          outcome: test.status,
        })),
      );
      assert.ok(reported.length >= 4);
      if (runner === 'jest')
        assert.deepEqual(recorded, reported, 'jest --runInBand: the JSON report lists the files in run order');
      else {
        // vitest's JSON report lists the files in its own order: compare file by file, and the files as blocks.
        const byFile = (tests: { file?: string | undefined }[]) => [...new Set(tests.map((test) => test.file))];
        assert.deepEqual(byFile(recorded).sort(), byFile(reported).sort());
        for (const file of byFile(recorded)) {
          assert.deepEqual(
            recorded.filter((test) => test.file === file),
            reported.filter((test) => test.file === file),
            file,
          );
        }
        const blocks = recorded.map((test) => test.file).filter((file, index, all) => file !== all[index - 1]);
        assert.equal(blocks.length, byFile(recorded).length, 'one file after the other, each file once');
      }
    });
  }
});

describe('the command polluter record runs', () => {
  it('tells the runner from the command', () => {
    const runner = (...command: string[]) => runnerInCommand(command)?.runner;
    assert.equal(runner('pytest', '-n', '4'), 'pytest');
    assert.equal(runner('python3', '-m', 'pytest', '-v'), 'pytest');
    assert.equal(runner('.venv/bin/python', '-m', 'pytest'), 'pytest');
    assert.equal(runner('uv', 'run', 'pytest'), 'pytest');
    assert.equal(runner('npx', 'jest', '--ci'), 'jest');
    assert.equal(runner('npx', '--yes', 'vitest', 'run'), 'vitest');
    assert.equal(runner('node', 'node_modules/.bin/jest'), 'jest');
    assert.equal(runner('pnpm', 'exec', 'vitest', 'run'), 'vitest');
    assert.equal(runner('npm', 'test'), undefined);
    assert.equal(runner('python3', '-m', 'pip'), undefined);
    assert.equal(runner('make', 'test'), undefined);
  });

  it('appends the reporter before a --, keeps reporters the command names, and hands npm scripts their flags after --', () => {
    const jest = recordingCommand(['npx', 'jest', '--ci', '--', 'tests/a.test.js'], 'jest', '/out');
    assert.deepEqual(jest.command.slice(0, 5), ['npx', 'jest', '--ci', '--reporters=default', jest.command[4]]);
    assert.match(jest.command[4]!, /^--reporters=.*jest\/record-reporter\.cjs$/);
    assert.deepEqual(jest.command.slice(5), ['--', 'tests/a.test.js']);
    assert.deepEqual(jest.env, { POLLUTER_RECORD_DIR: '/out' });

    const own = recordingCommand(['vitest', 'run', '--reporter=junit'], 'vitest', '/out');
    assert.equal(own.command.length, 4, 'no default reporter next to the one the command chose');
    assert.match(own.command[3]!, /^--reporter=.*vitest\/record-reporter\.mjs$/);

    const npm = recordingCommand(['npm', 'test'], 'jest', '/out');
    assert.deepEqual(npm.command.slice(0, 4), ['npm', 'test', '--', '--reporters=default']);
  });

  it('switches pytest on through the environment, after what is there, with the directory quoted', () => {
    const { command, env } = recordingCommand(['pytest', '-n', '4'], 'pytest', '/out dir', {
      PYTEST_ADDOPTS: '-x',
      PYTHONPATH: '/mine',
    });
    assert.deepEqual(command, ['pytest', '-n', '4']);
    assert.equal(env.PYTEST_ADDOPTS, "-x -p polluter_record '--polluter-record=/out dir'");
    assert.match(env.PYTHONPATH!, /runners\/pytest:\/mine$/);
  });

  it('adds the state flag for record --state, after the recorder', () => {
    const recording = withStateRecorded(recordingCommand(['pytest'], 'pytest', '/out', { PYTEST_ADDOPTS: '-x' }));
    assert.deepEqual(recording.command, ['pytest']);
    assert.equal(recording.env.PYTEST_ADDOPTS, '-x -p polluter_record --polluter-record=/out --polluter-record-state');
    // The helper fingerprints by the same contract as in a trial.
    assert.deepEqual(JSON.parse(recording.env.POLLUTER_FINGERPRINT!), FINGERPRINT_CONTRACT);
  });
});

describe('polluter record refuses', () => {
  it('no command, a command whose runner it cannot tell, an output directory it cannot create', async () => {
    const none = await polluter(['record']);
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /name the test command after --/);

    const npm = await polluter(['record', '--output', freshDir(), '--', 'npm', 'test']);
    assert.equal(npm.exitCode, 2);
    assert.match(npm.stderr, /cannot tell which test runner `npm test` starts.*--runner/);

    const state = await polluter(['record', '--state', '--output', freshDir(), '--', 'npx', 'jest']);
    assert.equal(state.exitCode, 2);
    assert.match(state.stderr, /record --state: expected a pytest command .*, got jest/);

    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const blocked = await polluter(['record', '--output', join(file, 'sub'), '--', 'pytest']);
    assert.equal(blocked.exitCode, 2);
    assert.match(blocked.stderr, /cannot create or write the output directory .*a-file\/sub \(ENOTDIR\)/);
  });
});
