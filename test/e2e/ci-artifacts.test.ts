// `polluter find --from-log | --from-junit | --from-json | --from-record` through the built CLI, on artifacts that the
// real pytest, jest and vitest write here, into the OS temp dir (never into the samples).
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expected, findJson, polluter, samplePath, snapshotTree, type Expected } from '../support/cli.ts';

const temp = mkdtempSync(join(tmpdir(), 'polluter-ci-e2e-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Runs a sample's own runner as CI would, and checks that it left the sample as it was. */
async function runInSample(sample: string, file: string, args: readonly string[], env: Record<string, string> = {}) {
  const before = snapshotTree(sample);
  const result = await execa(file, args, {
    cwd: sample,
    reject: false,
    env: { PYTHONDONTWRITEBYTECODE: '1', CI: '1', NO_COLOR: '1', ...env },
  });
  assert.deepEqual(snapshotTree(sample), before, 'generating the artifact left the sample as it was');
  return result;
}

describe('find --from-log on a real pytest-xdist log', () => {
  const sample = samplePath('pytest', 'xdist-workers');
  const answer = expected(sample) as ReturnType<typeof expected> & {
    collectedOrderPolluters: string[];
    collectedOrderLeaks: Expected['leaks'];
  };
  const leaksOf = (report: { leaks: { kind: string; name: string; by: string }[] }) =>
    report.leaks.map(({ kind, name, by }) => ({ kind, name, by }));
  const log = join(temp, 'ci.log');
  let victimWorker = '';

  it("blames the polluter on the victim's worker, not the one the collected order blames", async () => {
    const ci = await runInSample(sample, 'python3', [
      '-m',
      'pytest',
      '-p',
      'no:cacheprovider',
      '-p',
      'no:randomly',
      '-n',
      '2',
      '--dist',
      'loadfile',
      '--no-loadscope-reorder',
      '-v',
    ]);
    writeFileSync(log, ci.stdout);
    assert.equal(ci.exitCode, 1, ci.stdout);
    const failed = new RegExp(
      String.raw`^\[(gw\d)\] \[ *\d+%\] FAILED ${answer.victim.replace(/[.[\]]/g, '\\$&')} *$`,
      'm',
    ).exec(ci.stdout);
    assert.ok(failed, `the victim failed in CI:\n${ci.stdout}`);
    victimWorker = failed[1]!;

    const { report, result } = await findJson(sample, answer.victim, ['--from-log', log]);
    assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.equal(report.order, `worker ${victimWorker} of ci.log`, 'the worker comes from the victim’s FAILED line');
    assert.equal(result.exitCode, 0);
    // The one key of the shared settings that this polluter switched, named on its own.
    assert.deepEqual(leaksOf(report), answer.leaks);

    const collected = await findJson(sample, answer.victim);
    assert.deepEqual(
      collected.report.polluters,
      answer.collectedOrderPolluters,
      'without the log another polluter is blamed',
    );
    assert.deepEqual(leaksOf(collected.report), answer.collectedOrderLeaks, 'and another key of the settings');
    assert.notDeepEqual(collected.report.polluters, report.polluters);
  });

  it('refuses --worker naming the worker the victim did not run on, and one the log does not have', async () => {
    assert.ok(victimWorker, 'the log of the test above');
    const other = victimWorker === 'gw0' ? 'gw1' : 'gw0';
    const wrong = await polluter(['find', answer.victim, '--project', sample, '--from-log', log, '--worker', other]);
    assert.equal(wrong.exitCode, 2);
    assert.equal(
      wrong.stderr,
      `polluter: the victim '${answer.victim}' did not run on worker ${other} in ci.log; it ran on ${victimWorker}`,
    );
    const missing = await polluter(['find', answer.victim, '--project', sample, '--from-log', log, '--worker', 'gw7']);
    assert.equal(missing.stderr, 'polluter: --worker gw7: ci.log has no worker gw7; it has gw0, gw1');
  });
});

describe('find --from-junit on a shuffled pytest run', () => {
  it('searches the order pytest-randomly ran (seed 1, one process) and finds the polluter', async () => {
    const sample = samplePath('pytest', 'xdist-randomly');
    const answer = expected(sample);
    // Named .txt on purpose: the format is read from the content.
    const junit = join(temp, 'pytest-junit.txt');
    const ci = await runInSample(sample, 'python3', [
      '-m',
      'pytest',
      '-p',
      'no:cacheprovider',
      '-p',
      'randomly',
      '--randomly-seed=1',
      '-n',
      '0',
      '-q',
      `--junitxml=${junit}`,
    ]);
    assert.equal(ci.exitCode, 1, ci.stdout);
    assert.match(readFileSync(junit, 'utf8'), /name="test_summary_uses_default_currency" time="[\d.]+"><failure/);

    const { report, result } = await findJson(sample, answer.victim, ['--from-junit', junit]);
    assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.equal(report.order, 'order of pytest-junit.txt');
    assert.match(result.stderr, /(\d+) run before the victim in the order of pytest-junit\.txt/);
  });
});

const JS_CASES = [
  {
    name: 'jest JSON of a --randomize run',
    sample: samplePath('jest', 'defined-after'),
    bin: '../node_modules/.bin/jest',
    flag: '--from-json',
    artifact: 'jest.json',
    args: (out: string) => ['--ci', '--randomize', '--seed=4', '--json', `--outputFile=${out}`],
    env: (): Record<string, string> => ({}),
  },
  {
    name: 'jest-junit (default options: no file) of a --randomize run',
    sample: samplePath('jest', 'defined-after'),
    bin: '../node_modules/.bin/jest',
    flag: '--from-junit',
    artifact: 'jest-junit.xml',
    args: () => ['--ci', '--randomize', '--seed=4', '--reporters=jest-junit'],
    env: (out: string): Record<string, string> => ({
      JEST_JUNIT_OUTPUT_DIR: temp,
      JEST_JUNIT_OUTPUT_NAME: out.slice(temp.length + 1),
    }),
  },
  {
    name: 'jest-junit with addFileAttribute, across files (seed 2)',
    sample: samplePath('jest', 'core-module'),
    bin: '../node_modules/.bin/jest',
    flag: '--from-junit',
    artifact: 'jest-junit-file.xml',
    args: () => ['--ci', '--runInBand', '--forceExit', '--randomize', '--seed=2', '--reporters=jest-junit'],
    env: (out: string): Record<string, string> => ({
      JEST_JUNIT_OUTPUT_DIR: temp,
      JEST_JUNIT_OUTPUT_NAME: out.slice(temp.length + 1),
      JEST_JUNIT_ADD_FILE_ATTRIBUTE: 'true',
    }),
  },
  {
    name: 'vitest JSON of a shuffled run, across files under isolate: false',
    sample: samplePath('vitest', 'no-isolate-env'),
    bin: '../node_modules/.bin/vitest',
    flag: '--from-json',
    artifact: 'vitest.json',
    args: (out: string) => ['run', '--sequence.shuffle', '--sequence.seed=1', '--reporter=json', `--outputFile=${out}`],
    env: (): Record<string, string> => ({}),
  },
  {
    name: "vitest's junit reporter on a shuffled run, across files under isolate: false",
    sample: samplePath('vitest', 'no-isolate-env'),
    bin: '../node_modules/.bin/vitest',
    flag: '--from-junit',
    artifact: 'vitest-junit.xml',
    args: (out: string) => [
      'run',
      '--sequence.shuffle',
      '--sequence.seed=1',
      '--reporter=junit',
      `--outputFile=${out}`,
    ],
    env: (): Record<string, string> => ({}),
  },
];

describe('find on jest and vitest result files', () => {
  for (const entry of JS_CASES) {
    it(`finds the polluter from ${entry.name}`, async () => {
      const answer = expected(entry.sample);
      const out = join(temp, entry.artifact);
      const ci = await runInSample(entry.sample, entry.bin, entry.args(out), entry.env(out));
      assert.equal(ci.exitCode, 1, `the victim fails in the CI run\n${ci.stderr}`);
      const { report, result } = await findJson(entry.sample, answer.victim, [entry.flag, out]);
      assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      // The artifact's own order reproduced: the polluter ran before the victim there.
      assert.equal(report.order, `order of ${entry.artifact}`);
      assert.deepEqual(report.warnings, []);
    });
  }
});

describe('bad input: exit 2, one line on stderr, nothing run or written', () => {
  const sample = samplePath('pytest', 'cached-config');
  const victim = expected(sample).victim;
  const write = (name: string, content: string | Buffer) => {
    const path = join(temp, name);
    writeFileSync(path, content);
    return path;
  };
  const junit = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest"><testcase classname="tests.test_config" name="test_defaults"/><testcase classname="tests.test_search" name="test_default_extension"><failure message="x">x</failure></testcase></testsuite></testsuites>`;
  const cases: [string, () => string[], RegExp][] = [
    [
      'an unreadable file',
      () => ['--from-log', join(temp, 'nope.log')],
      /cannot read the pytest -v log .*nope\.log: no such file/,
    ],
    [
      'binary data',
      () => ['--from-log', write('core.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))],
      /core\.bin is binary data, not a test report; polluter reads pytest -v logs/,
    ],
    [
      'truncated XML',
      () => ['--from-junit', write('cut.xml', junit.slice(0, 150))],
      /--from-junit .*cut\.xml is not well-formed XML \(line 1: .*\); a truncated file\?/,
    ],
    [
      'truncated JSON',
      () => ['--from-json', write('cut.json', '{"testResults":[{"name":"/x/tests/a.test.js","assertionRes')],
      /--from-json .*cut\.json is not valid JSON .*a truncated file\?/,
    ],
    [
      'none of the formats',
      () => ['--from-log', write('notes.md', '# Release notes\n\n- fixed things\n')],
      /notes\.md has no pytest result lines .*JUnit XML \(--from-junit\), jest and vitest JSON results \(--from-json\) and polluter record output \(--from-record\)/,
    ],
    [
      'XML that is not JUnit',
      () => [
        '--from-junit',
        write('pom.xml', '<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>'),
      ],
      /pom\.xml is XML, but not JUnit/,
    ],
    [
      'a JSON result given to --from-junit',
      () => ['--from-junit', write('result.json', '{"testResults": []}')],
      /--from-junit .*result\.json is a jest or vitest JSON result, not JUnit XML: pass it with --from-json/,
    ],
    [
      'a victim the artifact does not have',
      () => ['--from-junit', write('other.xml', junit.replace('test_default_extension', 'test_default_extensions'))],
      /the victim 'tests\/test_search\.py::test_default_extension' is not in other\.xml; closest: 'tests\.test_search > test_default_extensions'/,
    ],
    [
      '--worker for a log without workers',
      () => [
        '--from-log',
        write('plain.log', `tests/test_config.py::test_defaults PASSED [ 50%]\n${victim} FAILED [100%]\n`),
        '--worker',
        'gw1',
      ],
      /--worker gw1: plain\.log ran every test in one process \(no workers\); leave --worker out/,
    ],
    [
      '--worker without a log',
      () => ['--from-junit', write('ok.xml', junit), '--worker', 'gw0'],
      /--worker picks a worker of the log or record CI wrote: pass --from-log or --from-record too/,
    ],
    [
      'two order sources',
      () => ['--from-junit', write('ok2.xml', junit), '--order-file', write('order.txt', `${victim}\n`)],
      /--order-file and --from-junit each name the order to search: pass one/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = snapshotTree(sample);
      const result = await polluter(['find', victim, '--project', sample, ...args()]);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /collecting tests/);
      assert.deepEqual(snapshotTree(sample), before);
    });
  }

  it('reads a polluter record directory and leaves out what the project no longer has, with a warning', async () => {
    const dir = join(temp, 'record');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'gw0.jsonl'),
      `{"nodeid":"tests/test_search.py::test_gone","worker":"gw0","outcome":"passed"}\n{"nodeid":"${victim}","worker":"gw0","outcome":"failed"}\n`,
    );
    writeFileSync(
      join(dir, 'gw1.jsonl'),
      `{"nodeid":"tests/test_link_utils.py::test_ann_vchord","worker":"gw1","outcome":"passed"}\n`,
    );
    const { report, result } = await findJson(sample, victim, ['--from-record', dir, '--repeat', '1']);
    assert.match(
      result.stderr,
      /warning: left out 1 test\(s\) of the worker gw0 of record that the project does not have: tests\/test_search\.py::test_gone/,
    );
    // Nothing ran before the victim on gw0, so the search moves on to every other test, and finds the polluter there.
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, expected(sample).polluters);
  });
});
