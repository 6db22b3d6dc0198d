import { access, constants } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';

export interface Interpreter {
  /** What the tool executes. */
  executable: string;
  /** How a user in the project directory would type it. */
  display: string;
  pytestVersion: string;
  /** pytest-xdist is importable, so reproduce commands pass `-n 0` to keep one process and the order. */
  hasXdist: boolean;
}

const PROBE = [
  'import importlib.util, json, pytest',
  'print(json.dumps({"pytest": pytest.__version__, "xdist": importlib.util.find_spec("xdist") is not None}))',
].join('\n');

/** What an interpreter has: its pytest version and whether pytest-xdist is importable. */
export interface Probed {
  pytest: string;
  xdist: boolean;
}

/**
 * The interpreter to run pytest with: --python, the project's virtualenv, then python3 and python on PATH.
 * `warmProbe` may answer for a candidate by starting it (a warm start reports the same); where it does not, a probe
 * process asks, and tells why a candidate cannot be used.
 */
export async function findInterpreter(
  projectDir: string,
  requested?: string,
  warmProbe?: (executable: string) => Promise<Probed | undefined>,
): Promise<Interpreter> {
  const candidates = requested
    ? [requested]
    : [join(projectDir, '.venv', 'bin', 'python'), join(projectDir, 'venv', 'bin', 'python'), 'python3', 'python'];
  for (const candidate of candidates) {
    const isPath = candidate.includes('/');
    const executable = isPath ? resolve(candidate) : candidate;
    if (isPath && !(await isExecutable(executable))) {
      if (requested) throw new UsageError(`--python ${requested}: no executable at ${executable}`);
      continue;
    }
    const found = (await warmProbe?.(executable)) ?? (await probe(executable, projectDir));
    if (found === undefined) continue; // not on PATH
    return {
      executable,
      display: displayName(candidate, executable, projectDir),
      pytestVersion: found.pytest,
      hasXdist: found.xdist,
    };
  }
  throw new UsageError(`no Python interpreter found (tried ${candidates.join(', ')}); pass --python PATH`);
}

/** What the interpreter has, from a process of its own; undefined when it is not on PATH. */
async function probe(executable: string, projectDir: string): Promise<Probed | undefined> {
  const { execa } = await import('execa'); // loaded only here: it is a tenth of a second of every start
  const result = await execa(executable, ['-c', PROBE], { cwd: projectDir, reject: false });
  if (result.failed && result.exitCode === undefined) return undefined;
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split('\n').at(-1) ?? 'unknown error';
    throw new UsageError(
      `pytest is not importable by ${executable} (${reason}); install it there or pass --python PATH`,
    );
  }
  return JSON.parse(result.stdout) as Probed;
}

function displayName(candidate: string, executable: string, projectDir: string): string {
  if (!candidate.includes('/')) return candidate;
  const inProject = relative(projectDir, executable);
  return inProject.startsWith('..') || isAbsolute(inProject) ? executable : inProject;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
