// Bad input ends in exit 2 and one line; what came from user data reaches the terminal without control characters;
// the first trial's time limit follows the documented rule. Real runs on the pytest samples.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expected, findJson, polluter, samplePath, snapshotTree } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-bad-input-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const sample = samplePath('pytest', 'no-config');
const answer = expected(sample);

async function refused(args: string[]): Promise<string> {
  const before = snapshotTree(sample);
  const result = await polluter(args);
  assert.equal(result.exitCode, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.split('\n').length, 1, `one line: ${result.stderr}`);
  assert.deepEqual(snapshotTree(sample), before);
  return result.stderr;
}

describe('bad input: exit 2, one line', () => {
  const orderFile = join(scratch, 'order.txt');
  writeFileSync(orderFile, `${answer.polluters[0]}\n${answer.victim}\n`);
  const cases: [string, string[], RegExp][] = [
    [
      '--project twice',
      ['find', answer.victim, '--project', sample, '--project', scratch],
      /^polluter: --project is given more than once \('.*no-config', '.*'\): expected it once$/,
    ],
    [
      '--order-file twice',
      ['find', answer.victim, '--project', sample, '--order-file', orderFile, '--order-file', orderFile],
      /^polluter: --order-file is given more than once/,
    ],
    [
      '--timeout twice',
      ['find', answer.victim, '--project', sample, '--timeout', '5', '--timeout', '9'],
      /^polluter: --timeout is given more than once \('5', '9'\)/,
    ],
    [
      '--python twice for list',
      ['list', '--project', sample, '--python', 'python3', '--python', 'python3'],
      /^polluter: --python is given more than once/,
    ],
    [
      '--seed twice for detect',
      ['detect', '--project', sample, '--shuffle', '--seed', '1', '--seed', '2'],
      /^polluter: --shuffle-seed is given more than once \('1', '2'\)/,
    ],
    [
      '--shuffle-seed and its alias --seed for detect',
      ['detect', '--project', sample, '--shuffle', '--shuffle-seed', '1', '--seed', '2'],
      /^polluter: --shuffle-seed is given more than once \('1', '2'\)/,
    ],
    [
      '--runner twice for run',
      ['run', answer.victim, '--project', sample, '--runner', 'pytest', '--runner', 'jest'],
      /^polluter: --runner is given more than once/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      assert.match(await refused(args), message);
    });
  }

  it('says pytest reported the victim skipped when it did not run alone, exit 2', async () => {
    // tests/test_platform.py: a test skipped off Windows, which `list` prints (pytest decides a skip when it runs).
    const victim = 'tests/test_platform.py::test_windows_console_units';
    const before = snapshotTree(sample);
    const result = await polluter(['find', victim, '--project', sample]);
    assert.equal(result.exitCode, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr.trimEnd().split('\n').at(-1),
      'polluter: the victim did not run when run alone (pytest reported it skipped; `pytest -rs` with its id prints why)',
    );
    assert.deepEqual(snapshotTree(sample), before);
  });

  it('refuses a JUnit report with an external entity (XXE), reading nothing it names', async () => {
    const secret = join(scratch, 'secret.txt');
    writeFileSync(secret, 'tests/test_settings.py::test_user_can_switch_to_miles');
    const report = join(scratch, 'xxe.xml');
    writeFileSync(
      report,
      `<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>\n<testsuites><testsuite name="pytest"><testcase classname="tests.test_summary" name="&xxe;"/></testsuite></testsuites>\n`,
    );
    const stderr = await refused(['find', answer.victim, '--project', sample, '--from-junit', report]);
    assert.match(
      stderr,
      /^polluter: --from-junit .*xxe\.xml has XML polluter does not read \(External entities are not supported\); JUnit reports declare no entities$/,
    );
  });
});

describe('user data reaches the terminal without control characters', () => {
  it("shows ESC, OSC and BEL in an order file's ids as escapes, in progress, the text report and JSON alike", async () => {
    const orderFile = join(scratch, 'escapes.txt');
    const planted = 'tests/test_gone.py::test_x\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    writeFileSync(orderFile, `${planted}\n${answer.polluters[0]}\n${answer.victim}\n`);
    const text = await polluter(['find', answer.victim, '--project', sample, '--order-file', orderFile]);
    assert.equal(text.exitCode, 0, text.stderr);
    for (const output of [text.stdout, text.stderr]) {
      assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no raw control character');
      assert.match(
        output,
        /tests\/test_gone\.py::test_x\\u001b\]0;pwned\\u0007\\u001b\[2J\\u009b31m/,
        'shown as escapes',
      );
    }
    const { report } = await findJson(sample, answer.victim, ['--order-file', orderFile]);
    assert.match(
      report.warnings.join('\n'),
      /test_x\u001b\]0;pwned\u0007/,
      'JSON keeps the id as it was (escaped by JSON itself)',
    );
  });
  it("keeps polluter's own colours as colours where the planted escapes stay escapes (FORCE_COLOR=1)", async () => {
    const orderFile = join(scratch, 'escapes-coloured.txt');
    const planted = 'tests/test_gone.py::test_x\u001b]0;pwned\u0007\u001b[8m';
    writeFileSync(orderFile, `${planted}\n${answer.polluters[0]}\n${answer.victim}\n`);
    const result = await polluter(['find', answer.victim, '--project', sample, '--order-file', orderFile], undefined, {
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
    });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /^\u001b\[1mVictim\u001b\[22m {5}/, 'the label in bold, as a real escape sequence');
    assert.doesNotMatch(result.stdout, /\\u001b\[1m/, 'no colour shown as the text of its escape');
    const raw = result.stdout.match(/\u001b\[[0-9;]*m/g) ?? [];
    assert.deepEqual(
      [...new Set(raw)].filter((code) => !/^\u001b\[(1|22|3\d|90)m$/.test(code)),
      [],
      "only SGR codes of polluter's own",
    );
    const withoutColours = result.stdout.replace(/\u001b\[(1|22|3\d|90)m/g, '');
    assert.doesNotMatch(withoutColours, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no other raw control character');
    assert.match(withoutColours, /test_x\\u001b\]0;pwned\\u0007\\u001b\[8m/, 'the planted id shown as escapes');
  });
});

describe("the first trial's time limit", () => {
  it('is 60 s without a test ending, as documented (5× the slowest test, at least 60 s): a hanging test in the first run costs a minute, and says so', async () => {
    const hang = samplePath('pytest', 'hang');
    const known = expected(hang);
    const started = performance.now();
    const { report, result } = await findJson(hang, known.victim);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, known.polluters);
    assert.match(
      result.stderr,
      /the first trial was killed: tests\/test_drain\.py::test_drain_waits_for_worker ran for 60 s; if that is only slow, not hanging, pass --timeout/,
    );
    assert.ok(seconds >= 60 && seconds < 200, `${seconds} s`);
  });
});
