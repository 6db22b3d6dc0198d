// Suite generators for the benchmark: pytest, jest and vitest suites with a known polluter.
//
// A suite has N tests in run order: N - 1 ordinary tests spread over files of 10–20 tests, then the victim, alone in
// a file named to run last. The roles (which tests pollute, which one cleans) are drawn from a seeded generator that
// depends on the seed, the scenario and N only, so every runner and every per-test time gets the same layout.
//
// What leaks between files differs per runner:
//   pytest  a module-level flag in app/state.py, imported by every test file;
//   jest    a property set on the `os` core module (jest gives every file a fresh module registry, but core modules
//           are shared by the worker);
//   vitest  a property of globalThis, with `isolate: false` in vitest.config.js.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const RUNNERS = ['pytest', 'jest', 'vitest'];
export const SCENARIOS = ['one', 'two', 'cleaner'];

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The sample projects whose installed runners the generated jest and vitest suites use, through a symlink. */
export const NODE_MODULES = {
  jest: path.join(MAIN, 'samples', 'jest', 'node_modules'),
  vitest: path.join(MAIN, 'samples', 'vitest', 'node_modules'),
};

// ------------------------------------------------------------------------------------------------ seeded choices

/** 32-bit FNV-1a of a string: turns the seed and the suite's shape into a generator state. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, and the same numbers on every machine. */
function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [low, high], both included. */
  const int = (low, high) => low + Math.floor(next() * (high - low + 1));
  return { int };
}

/**
 * The layout of a suite: how many tests each file holds, and the positions (0-based, in run order, among the N - 1
 * tests before the victim) of the polluters and of the cleaner.
 */
export function layout({ n, scenario, seed, perFile }) {
  if (!Number.isInteger(n) || n < 12) throw new Error(`a suite needs at least 12 tests, got ${n}`);
  if (!SCENARIOS.includes(scenario)) throw new Error(`unknown scenario ${scenario}`);
  const random = generator(hash(`${seed}:${scenario}:${n}${perFile ? `:${perFile}` : ''}`));
  const before = n - 1;
  const fileSizes = [];
  for (let left = before; left > 0;) {
    // `perFile`: every file that many tests (the scale suites: 5,000 tests in 500 files).
    let size = Math.min(perFile ?? random.int(10, 20), left);
    // No file of fewer than 10 tests at the end: give the rest to this file when it would be too small.
    if (!perFile && left - size > 0 && left - size < 10) size = left;
    fileSizes.push(size);
    left -= size;
  }
  let polluters;
  let cleaner = null;
  if (scenario === 'one') {
    polluters = [random.int(0, before - 1)];
  } else if (scenario === 'two') {
    const a = random.int(0, before - 1);
    let b = random.int(0, before - 2);
    if (b >= a) b += 1;
    polluters = [Math.min(a, b), Math.max(a, b)];
  } else {
    const p = random.int(0, before - 2);
    polluters = [p];
    cleaner = random.int(p + 1, before - 1);
  }
  return { fileSizes, polluters, cleaner };
}

// ------------------------------------------------------------------------------------------------ test bodies

/** What each test does, by role. `flags` are the names of the state the polluters set (one each). */
function roles({ polluters, cleaner }, scenario) {
  const flags = scenario === 'two' ? ['flag_a', 'flag_b'] : ['polluted'];
  const role = new Map();
  polluters.forEach((position, i) => role.set(position, { kind: 'polluter', flag: flags[i] }));
  if (cleaner !== null) role.set(cleaner, { kind: 'cleaner', flag: flags[0] });
  return { role, flags };
}

const pad = (value, width) => String(value).padStart(width, '0');

const PYTEST = {
  file: (f, width) => `tests/test_f${pad(f, width)}.py`,
  victimFile: 'tests/test_zz_victim.py',
  id: (file, name) => `${file}::test_${name}`,
  victimId: 'tests/test_zz_victim.py::test_victim',
  header: (ms) => `${ms > 0 ? 'import time\n\n' : ''}from app import state\n`,
  test(name, ms, role, index) {
    const lines = [`def test_${name}():`];
    if (role?.kind === 'polluter') lines.push(`    state.${role.flag} = True`);
    if (role?.kind === 'cleaner') lines.push(`    state.${role.flag} = False`);
    if (ms > 0) lines.push(`    time.sleep(${ms / 1000})`);
    lines.push(`    assert sum(range(${index % 50})) == ${((index % 50) * ((index % 50) - 1)) / 2}`);
    return `\n\n${lines.join('\n')}\n`;
  },
  victim(flags) {
    const failing = flags.map((flag) => `state.${flag}`).join(' and ');
    return `from app import state\n\n\ndef test_victim():\n    assert not (${failing}), "state left behind by an earlier test"\n`;
  },
};

/** jest and vitest differ only in where the state lives and in the import line. */
function jsFlavour(runner) {
  const holder = runner === 'jest' ? 'os' : 'globalThis';
  const header =
    runner === 'jest' ? `'use strict';\n\nconst os = require('os');\n` : `import { test, expect } from 'vitest';\n`;
  return {
    file: (f, width) => `tests/f${pad(f, width)}.test.js`,
    victimFile: 'tests/zz_victim.test.js',
    id: (file, name) => `${file} > ${name}`,
    victimId: 'tests/zz_victim.test.js > victim',
    header: () => header,
    test(name, ms, role, index) {
      const lines = [];
      if (role?.kind === 'polluter') lines.push(`  ${holder}.__bench_${role.flag} = true;`);
      if (role?.kind === 'cleaner') lines.push(`  delete ${holder}.__bench_${role.flag};`);
      if (ms > 0) lines.push(`  await new Promise((resolve) => setTimeout(resolve, ${ms}));`);
      lines.push(`  expect([${index % 7}, 1].length).toBe(2);`);
      return `\ntest('${name}', ${ms > 0 ? 'async ' : ''}() => {\n${lines.join('\n')}\n});\n`;
    },
    victim(flags) {
      const failing = flags.map((flag) => `${holder}.__bench_${flag} === true`).join(' && ');
      return `${header}\ntest('victim', () => {\n  expect(${failing}).toBe(false);\n});\n`;
    },
  };
}

const FLAVOURS = { pytest: PYTEST, jest: jsFlavour('jest'), vitest: jsFlavour('vitest') };

// ------------------------------------------------------------------------------------------------ config files

function configFiles(runner, cacheDir) {
  if (runner === 'pytest') {
    return {
      'pytest.ini': '[pytest]\ntestpaths = tests\npythonpath = .\n',
      'app/__init__.py': '',
      'app/state.py':
        '# Module-level state the tests share (and some leave behind).\npolluted = False\nflag_a = False\nflag_b = False\n',
    };
  }
  if (runner === 'jest') {
    return {
      'package.json': `${JSON.stringify({ name: 'polluter-bench-jest', private: true }, null, 2)}\n`,
      'jest.config.js': [
        'module.exports = {',
        "  testEnvironment: 'node',",
        "  roots: ['<rootDir>/tests'],",
        `  cacheDirectory: ${JSON.stringify(cacheDir)},`,
        '};',
        '',
      ].join('\n'),
    };
  }
  return {
    'package.json': `${JSON.stringify({ name: 'polluter-bench-vitest', private: true, type: 'module' }, null, 2)}\n`,
    'vitest.config.js': [
      "import { defineConfig } from 'vitest/config';",
      '',
      '// isolate: false lets globalThis leak from one test file into the next (one worker runs them all).',
      'export default defineConfig({',
      `  cacheDir: ${JSON.stringify(cacheDir)},`,
      "  test: { include: ['tests/**/*.test.js'], isolate: false },",
      '});',
      '',
    ].join('\n'),
  };
}

/**
 * jest and vitest run larger test files first (when they have no timings from earlier runs). Each file that is not
 * larger than the next one gets a padding comment, so that sizes strictly decrease in name order and the run order
 * is the name order, victim last.
 */
function padForOrder(contents) {
  const out = [...contents];
  for (let i = out.length - 2; i >= 0; i--) {
    const next = Buffer.byteLength(out[i + 1]);
    const comment = '\n// padding: jest and vitest run larger files first; this keeps the name order\n// ';
    const need = next + 1 - Buffer.byteLength(out[i]);
    if (need > 0) out[i] += `${comment}${'.'.repeat(Math.max(0, need - comment.length - 1))}\n`;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ the suite

/**
 * Writes a suite into `dir` (which must not exist) and returns what the benchmark needs to know about it:
 * the victim's id, the polluters' ids in run order, the cleaner's id, and every id in the expected run order.
 */
export function generateSuite({ runner, n, ms, scenario, seed, dir, cacheDir, perFile }) {
  const flavour = FLAVOURS[runner];
  if (!flavour) throw new Error(`unknown runner ${runner}`);
  const plan = layout({ n, scenario, seed, perFile });
  const { role, flags } = roles(plan, scenario);
  const nameWidth = String(n).length;
  const fileWidth = String(plan.fileSizes.length).length;

  const files = [];
  const order = [];
  let index = 0;
  plan.fileSizes.forEach((size, f) => {
    const file = flavour.file(f + 1, fileWidth);
    let text = flavour.header(ms);
    for (let k = 0; k < size; k++, index++) {
      const name = `t${pad(index + 1, nameWidth)}`;
      text += flavour.test(name, ms, role.get(index), index);
      order.push(flavour.id(file, name));
    }
    files.push([file, text]);
  });
  files.push([flavour.victimFile, flavour.victim(flags)]);
  order.push(flavour.victimId);
  if (runner !== 'pytest') {
    const padded = padForOrder(files.map(([, text]) => text));
    padded.forEach((text, i) => (files[i][1] = text));
  }

  fs.mkdirSync(dir, { recursive: false });
  const all = { ...configFiles(runner, cacheDir), ...Object.fromEntries(files) };
  for (const [relative, text] of Object.entries(all)) {
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  if (runner !== 'pytest') linkNodeModules(runner, dir);

  return {
    dir,
    victim: flavour.victimId,
    polluters: plan.polluters.map((position) => order[position]),
    cleaner: plan.cleaner === null ? null : order[plan.cleaner],
    order,
    files: files.length,
  };
}

/** Symlinks the sample's node_modules into `dir` and checks that the runner resolves through it. */
function linkNodeModules(runner, dir) {
  const target = NODE_MODULES[runner];
  if (!fs.existsSync(path.join(target, runner, 'package.json'))) {
    throw new Error(`${runner} is not installed in ${target} (run \`npm run samples:install\` in /work/main)`);
  }
  fs.symlinkSync(target, path.join(dir, 'node_modules'), 'dir');
  runnerBin(runner, dir);
}

/** The runner's CLI script as the generated project resolves it (through the node_modules symlink). */
export function runnerBin(runner, dir) {
  const require = createRequire(path.join(dir, 'package.json'));
  let manifest;
  try {
    // jest: the package itself must resolve, as the brief asks; vitest's main entry is ESM-only, so its manifest.
    if (runner === 'jest') require.resolve('jest');
    manifest = require.resolve(`${runner}/package.json`);
  } catch (error) {
    throw new Error(`${runner} does not resolve from ${dir}: ${error.message}`);
  }
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const script = typeof bin === 'string' ? bin : bin[runner];
  return path.join(path.dirname(manifest), script);
}
