// pytest run by itself on a directory, as a user runs it after applying a patch: the fix tests' last word.
import { execa } from 'execa';

/** No bytecode written into the copies the tests make. */
export const PYTEST_ENV = { PYTHONDONTWRITEBYTECODE: '1' };

/** pytest alone on a directory: the exit code and how many tests passed and failed (its closing summary line). */
export async function pytestAlone(dir: string) {
  const result = await execa('python3', ['-m', 'pytest', '-p', 'no:randomly', '-p', 'no:cacheprovider', '-q'], {
    cwd: dir,
    reject: false,
    env: PYTEST_ENV,
  });
  const count = (word: string) =>
    Number(new RegExp(`(\\d+) ${word}`).exec(result.stdout.split('\n').filter(Boolean).at(-1) ?? '')?.[1] ?? 0);
  return {
    exitCode: result.exitCode,
    passed: count('passed'),
    failed: count('failed') + count('error'),
    output: result.stdout,
  };
}
