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
  /** How a warm process was started (polluter_warm.py `_how_started`); a probe process does not say. */
  started?: StartedAs | undefined;
}

/** What a warm process reports of how it was started, before any trial. */
export interface StartedAs {
  /** sys.executable: the interpreter that runs. */
  executable: string;
  /** sys.orig_argv (Python 3.10+; null before): the interpreter's own options are in it. */
  argv: string[] | null;
  process_group: number;
  environ: Record<string, string>;
}

/**
 * The interpreter to start directly, with the environment a launcher gave it, instead of `command` (a version
 * manager's shim such as pyenv's: a shell script that picks the version, sets a few variables and starts the real
 * interpreter, about a tenth of a second of CPU each time; asdf's and mise's alike). Undefined when `command` is the
 * interpreter already, or when the process cannot be started the same way without it: options given to the
 * interpreter (a wrapper adding `-X dev`, or a Python without sys.orig_argv to tell), a variable the launcher
 * removed, another process group (a wrapper that runs Python in a container), or an executable not here.
 */
export async function directLaunch(
  started: StartedAs | undefined,
  given: { command: string; args: readonly string[]; env: Record<string, string | undefined>; processGroup: number },
): Promise<{ file: string; env: Record<string, string> } | undefined> {
  if (started === undefined || !isAbsolute(started.executable) || started.executable === given.command)
    return undefined;
  if (started.process_group !== given.processGroup) return undefined;
  const argv = started.argv;
  if (argv === null || argv.length !== given.args.length + 1 || argv.slice(1).some((arg, i) => arg !== given.args[i]))
    return undefined;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(given.env)) {
    // Removed by the launcher; `_` (the last command a shell ran) is the shell's own, and shells drop it.
    if (value !== undefined && started.environ[name] === undefined && name !== '_') return undefined;
  }
  for (const [name, value] of Object.entries(started.environ)) {
    if (given.env[name] !== value) env[name] = value;
  }
  return (await isExecutable(started.executable)) ? { file: started.executable, env } : undefined;
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
