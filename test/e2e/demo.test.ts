// `polluter demo`: the bundled sample searched in a private temp dir that is gone afterwards, with the Python on PATH
// or, when that has no pytest, with pytest installed into a throwaway virtualenv.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { polluter } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-demo-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The demo with a temp dir of its own, which must be empty again afterwards. */
async function demo(name: string, args: string[] = []) {
  const temp = join(scratch, name);
  await execa('mkdir', [temp]);
  const result = await polluter(['demo', ...args], undefined, { TMPDIR: temp });
  assert.deepEqual(readdirSync(temp), [], 'the demo removed its temp dir');
  return result;
}

describe('polluter demo', () => {
  it('finds the polluter of the bundled project and says what it was', async () => {
    const result = await demo('plain');
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /^Verdict +polluted/m);
    assert.match(result.stdout, /^Polluter +tests\/test_link_utils\.py::test_ann_vchord$/m);
    assert.match(result.stdout, /^That was polluter find tests\/test_search\.py::test_default_extension$/m);
    assert.match(result.stderr, /the demo project .* is in .*cached-config/);
  });

  it('installs pytest into a throwaway virtualenv when the Python has none', async () => {
    const bare = join(scratch, 'bare-venv');
    await execa('python3', ['-m', 'venv', '--without-pip', bare], {
      env: {
        PATH: process.env
          .PATH!.split(':')
          .filter((dir) => !dir.includes('.venv-test'))
          .join(':'),
      },
    });
    const result = await demo('bare', ['--python', join(bare, 'bin', 'python')]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(
      result.stderr,
      /pytest is not importable by .*bare-venv\/bin\/python: installing it into a throwaway virtualenv/,
    );
    assert.match(result.stdout, /^Polluter +tests\/test_link_utils\.py::test_ann_vchord$/m);
  });

  it('refuses a --python that does not exist, in one line', async () => {
    const result = await demo('missing', ['--python', join(scratch, 'no-such-python')]);
    assert.equal(result.exitCode, 2);
    assert.match(
      result.stderr,
      /^polluter: the demo runs pytest: expected Python 3 on PATH \(python3 or python\) or at --python .*no-such-python; found none$/m,
    );
  });
});
