// When a warm pytest process was started through a launcher (pyenv's shim), the next ones start the interpreter it
// started, with the environment it set; and only when that is the same process in every other respect.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directLaunch, type StartedAs } from '../../src/runners/pytest/interpreter.ts';

const REAL = process.execPath; // an executable that exists: what sys.executable would name
const given = {
  command: 'python3',
  args: ['-m', 'polluter_warm'],
  env: { PATH: '/usr/bin', HOME: '/home/me', _: '/usr/bin/node' },
  processGroup: 4242,
};
/** What the process reports when pyenv's shim started it: PATH and PYENV_VERSION set, `_` dropped. */
const throughShim = (changes: Partial<StartedAs> = {}): StartedAs => ({
  executable: REAL,
  argv: [REAL, '-m', 'polluter_warm'],
  process_group: 4242,
  environ: { PATH: '/versions/3.12/bin:/usr/bin', HOME: '/home/me', PYENV_VERSION: '3.12' },
  ...changes,
});

describe('directLaunch', () => {
  it("starts what the launcher started, with the variables it added or changed (and not the shell's `_`)", async () => {
    assert.deepEqual(await directLaunch(throughShim(), given), {
      file: REAL,
      env: { PATH: '/versions/3.12/bin:/usr/bin', PYENV_VERSION: '3.12' },
    });
  });

  it('keeps the command when it is the interpreter already', async () => {
    assert.equal(await directLaunch(throughShim(), { ...given, command: REAL }), undefined);
  });

  it('keeps the command when the interpreter got options of its own (a wrapper adding -X dev)', async () => {
    const started = throughShim({ argv: [REAL, '-X', 'dev', '-m', 'polluter_warm'] });
    assert.equal(await directLaunch(started, given), undefined);
  });

  it('keeps the command when the Python cannot say how it was started (no sys.orig_argv before 3.10)', async () => {
    assert.equal(await directLaunch(throughShim({ argv: null }), given), undefined);
  });

  it('keeps the command when the interpreter ran in another process group (a container)', async () => {
    assert.equal(await directLaunch(throughShim({ process_group: 1 }), given), undefined);
  });

  it('keeps the command when the launcher removed a variable', async () => {
    const started = throughShim({ environ: { PATH: '/usr/bin', PYENV_VERSION: '3.12' } }); // HOME gone
    assert.equal(await directLaunch(started, given), undefined);
  });

  it('keeps the command when the interpreter it names is not an executable here', async () => {
    const started = throughShim({ executable: '/nonexistent/bin/python3' });
    assert.equal(await directLaunch(started, given), undefined);
  });

  it('keeps the command when nothing was reported (a probe process, not a warm one)', async () => {
    assert.equal(await directLaunch(undefined, given), undefined);
  });
});
