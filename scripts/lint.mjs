#!/usr/bin/env node
// `npm run lint`: ESLint over the TypeScript and the CJS/MJS helpers (eslint.config.mjs), prettier's check of their
// format (.prettierrc.json), then ruff's lint and format check over the Python helpers (ruff.toml).
// `npm run format` (this script with --write) rewrites the files in both formats instead of checking them. Ruff comes from PyPI, pinned, into node_modules/.cache on first use, so a bare machine with
// python3 needs nothing installed beforehand; later runs reuse it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUFF_VERSION = '0.17.5';
const CACHE = join(ROOT, 'node_modules', '.cache', 'polluter-lint', `ruff-${RUFF_VERSION}`);
const BIN = process.platform === 'win32' ? 'Scripts' : 'bin';
const PYTHON = process.env.PYTHON ?? (process.platform === 'win32' ? 'python' : 'python3');

async function run(file, args) {
  const result = await execa(file, args, { cwd: ROOT, stdio: 'inherit', reject: false, preferLocal: true });
  return result.exitCode ?? 1;
}

/** The pinned ruff: in a venv of its own, or (python3 without the venv module) installed with pip --target. */
async function ruff() {
  const inVenv = join(CACHE, 'venv', BIN, 'ruff');
  const inTarget = join(CACHE, 'target', 'bin', 'ruff');
  for (const binary of [inVenv, inTarget]) if (existsSync(binary)) return binary;
  console.error(`lint: installing ruff ${RUFF_VERSION} into ${CACHE}`);
  const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `ruff==${RUFF_VERSION}`];
  const venv = await execa(PYTHON, ['-m', 'venv', join(CACHE, 'venv')], { reject: false });
  if (venv.exitCode === 0 && (await run(join(CACHE, 'venv', BIN, 'python'), pip)) === 0) return inVenv;
  if ((await run(PYTHON, [...pip, '--target', join(CACHE, 'target')])) === 0 && existsSync(inTarget)) return inTarget;
  throw new Error(`lint: could not install ruff ${RUFF_VERSION} with ${PYTHON} (pip and network access needed once)`);
}

const ruffBinary = await ruff();
if (process.argv.includes('--write')) {
  const written =
    (await run('prettier', ['--write', '--log-level', 'warn', '.'])) + (await run(ruffBinary, ['format', '.']));
  process.exit(written === 0 ? 0 : 1);
}
const checks = {
  eslint: await run('eslint', ['--max-warnings', '0', '.']),
  'prettier --check (npm run format rewrites)': await run('prettier', ['--check', '--log-level', 'warn', '.']),
  'ruff check': await run(ruffBinary, ['check', '.']),
  'ruff format --check (npm run format rewrites)': await run(ruffBinary, ['format', '--check', '.']),
};
const failed = Object.entries(checks)
  .filter(([, status]) => status !== 0)
  .map(([name]) => name);
if (failed.length > 0) {
  console.error(`lint: ${failed.join(', ')} found problems`);
  process.exit(1);
}
