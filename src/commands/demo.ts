import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { UsageError } from '../errors.js';
import { withTempDir } from '../temp-dir.js';
import { find } from './find.js';
import { searchTable } from './options/groups.js';
import { defaultsOf } from './options/table.js';
import type { CommandIo } from './io.js';

/** The project `polluter demo` searches: the cached-config sample, bundled in dist/demo/ by the build. */
const DEMO_PROJECT = fileURLToPath(new URL('../demo/cached-config', import.meta.url));
const VICTIM = 'tests/test_search.py::test_default_extension';

export interface DemoOptions {
  /** The Python to run pytest with (default: python3, then python); without pytest, a throwaway virtualenv gets it. */
  python?: string | undefined;
}

/**
 * `polluter demo`: the bundled sample copied into a private temp dir, `find` on its victim, the answer explained;
 * the temp dir (and the virtualenv made for pytest, if one was needed) is removed afterwards, also on Ctrl-C.
 */
export async function demo(options: DemoOptions, io: CommandIo): Promise<number> {
  return withTempDir(async (tempDir) => {
    const projectDir = join(tempDir, 'cached-config');
    await cp(DEMO_PROJECT, projectDir, { recursive: true });
    io.progress(
      `the demo project (a config cached with functools.lru_cache after a monkeypatch.setenv) is in ${projectDir}`,
    );
    const python = await pythonWithPytest(options.python, tempDir, io);
    const status = await find(
      {
        projectDir,
        runner: 'pytest',
        python,
        passThrough: [],
        ...defaultsOf(searchTable('')),
        resume: false,
        victim: VICTIM,
        outputs: [{ format: 'text' }],
      },
      io,
    );
    io.stdout(
      [
        '',
        `That was polluter find ${VICTIM}`,
        'on a copy of samples/pytest/cached-config: the victim passes alone and fails after the polluter, which set an',
        "env var with monkeypatch and was the first to call the lru_cache'd get_config().",
        "On your project: polluter find '<the test that fails in CI>' --project <dir>   (see polluter find --help)",
        '',
      ].join('\n'),
    );
    return status;
  });
}

/** An interpreter that imports pytest: the one asked for, python3 or python; else a virtualenv in the temp dir. */
async function pythonWithPytest(requested: string | undefined, tempDir: string, io: CommandIo): Promise<string> {
  const candidates = requested === undefined ? ['python3', 'python'] : [requested];
  let base: string | undefined;
  for (const candidate of candidates) {
    const probe = await execa(candidate, ['-c', 'import pytest'], { reject: false });
    if (probe.exitCode === 0) return candidate;
    if (probe.exitCode !== undefined && base === undefined) base = candidate; // a Python, without pytest
  }
  if (base === undefined)
    throw new UsageError(
      `the demo runs pytest: expected Python 3 on PATH (python3 or python)${requested ? ` or at --python ${requested}` : ''}; found none`,
    );
  const venv = join(tempDir, 'venv');
  io.progress(
    `pytest is not importable by ${base}: installing it into a throwaway virtualenv (${venv}), removed after the demo`,
  );
  for (const [program, args, what] of [
    [base, ['-m', 'venv', venv], 'python -m venv (on Debian and Ubuntu: apt install python3-venv)'],
    [
      join(venv, 'bin', 'python'),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'pytest'],
      'pip install pytest',
    ],
  ] as const) {
    const result = await execa(program, [...args], { reject: false, cancelSignal: io.signal, all: true });
    if (result.exitCode !== 0)
      throw new UsageError(
        `the demo could not install pytest: ${what} failed: ${(result.all ?? '').trim().split('\n').at(-1)}`,
      );
  }
  return join(venv, 'bin', 'python');
}
