// The tests' Python: a virtualenv in .venv-test/ with test/requirements.txt (pytest and its plugins, the postgres
// sample's driver), created on first use and again only when the requirements or the base Python change. Then runs
// the command given after it (the test runner) with that virtualenv first on PATH, so that every `python3` the tests
// and the samples start is the virtualenv's. Fails loudly: the e2e tests need every package.
//
//   node scripts/test-env.mjs                      set up (or check) .venv-test only
//   node scripts/test-env.mjs node --test …        set up, then run the command with the virtualenv on PATH
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const venv = join(root, '.venv-test');
const bin = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
const python = join(bin, process.platform === 'win32' ? 'python.exe' : 'python');
const requirements = join(root, 'test', 'requirements.txt');
const stampFile = join(venv, 'polluter-test-env.json');

function fail(message) {
  process.stderr.write(`test-env: ${message}\n`);
  process.exit(1);
}

/** Runs a program with its output shown; stops everything when it fails. */
function run(program, args, what) {
  const result = spawnSync(program, args, { stdio: 'inherit' });
  if (result.error) fail(`${what}: cannot run ${program} (${result.error.message})`);
  if (result.status !== 0)
    fail(`${what} failed (${program} ${args.join(' ')} exited with ${result.status ?? result.signal})`);
}

/** The Python the virtualenv is made from: $PYTHON, else python3, else python; and its exact version. */
function basePython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
    if (probe.status === 0) return { program: candidate, version: probe.stdout.trim() };
  }
  fail('no Python found: install Python 3 (python3 on PATH), or set PYTHON to one');
}

const base = basePython();
const stamp = JSON.stringify({
  python: base.version,
  requirements: createHash('sha256').update(readFileSync(requirements)).digest('hex'),
});
const current = existsSync(python) && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined;
if (current !== stamp) {
  process.stderr.write(
    `test-env: ${current === undefined ? 'creating' : 'updating'} .venv-test (${base.program}, ${base.version.split(' ')[0]}) with test/requirements.txt\n`,
  );
  rmSync(venv, { recursive: true, force: true });
  run(
    base.program,
    ['-m', 'venv', venv],
    'creating the virtualenv (on Debian and Ubuntu, python3 -m venv needs the python3-venv package)',
  );
  run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
    'installing test/requirements.txt',
  );
  writeFileSync(stampFile, stamp);
}

const pytest = spawnSync(python, ['-m', 'pytest', '--version'], { encoding: 'utf8' });
if (pytest.status !== 0)
  fail(
    `.venv-test has no working pytest (${(pytest.stderr || pytest.stdout).trim()}): remove .venv-test and run again`,
  );
process.stderr.write(`test-env: .venv-test: Python ${base.version.split(' ')[0]}, ${pytest.stdout.trim()}\n`);

const [command, ...args] = process.argv.slice(2);
if (command !== undefined) {
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, VIRTUAL_ENV: venv };
  delete env.PYTHONHOME;
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) fail(`cannot run ${command} (${result.error.message})`);
  process.exit(result.status ?? 1);
}
