// jest and vitest trials in processes started ahead (warm starts): each trial still gets a process of its own, with
// its slot's worker id and temp dir, and none is left running once polluter has exited.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import { expected, findJson, polluter, samplePath } from '../support/cli.ts';
import { assertNoneLeft } from '../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-js-warm-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A copy of a module-state sample (`sample`, default `module-state`) in `scratch/<name>/`, beside a link to the
 * node_modules the sample resolves (the project's own runner, found from its folder), with `files` written into it.
 * Returns the copy's folder.
 */
function copyOfSample(
  runner: 'jest' | 'vitest',
  name: string,
  files: Record<string, string>,
  sample = 'module-state',
): string {
  const parent = join(scratch, name);
  mkdirSync(parent);
  symlinkSync(join(samplePath(runner, sample), '..', 'node_modules'), join(parent, 'node_modules'), 'dir');
  const project = join(parent, 'module-state');
  cpSync(samplePath(runner, sample), project, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
  return project;
}

/**
 * A setup file the project's config loads for every test file: it logs what the runner's main process (jest's
 * process with --runInBand, the parent of vitest's fork) was started with. A process started for its trial has the
 * trial's plan in its initial environment (/proc/PID/environ); a warm one got it later, on fd 3.
 */
const LOG_TRIAL = (mainPid: string) =>
  [
    "const fs = require('node:fs');",
    "const os = require('node:os');",
    `const main = ${mainPid};`,
    "const environ = fs.readFileSync(`/proc/${main}/environ`, 'utf8').split('\\0');",
    "const started = environ.some((entry) => entry.startsWith('POLLUTER_PLAN=')) ? 'cold' : 'warm';",
    "const mode = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8')).mode;",
    "const line = [mode, main, process.env.POLLUTER_WORKER_ID ?? '-', os.tmpdir(), started].join(' ');",
    "fs.appendFileSync(process.env.TRIAL_LOG, line + '\\n');",
    '',
  ].join('\n');

const SETUPS = {
  jest: {
    file: 'log-trial.cjs',
    source: LOG_TRIAL('process.pid'),
    config: [
      'jest.config.js',
      "module.exports = { testEnvironment: 'node', setupFiles: ['<rootDir>/log-trial.cjs'] };\n",
    ],
    processes: /warm\.cjs/,
  },
  vitest: {
    file: 'log-trial.cjs',
    source: LOG_TRIAL('process.ppid'),
    config: [
      'vitest.config.js',
      "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['tests/*.test.js'], setupFiles: ['./log-trial.cjs'] } });\n",
    ],
    processes: /driver\.mjs/,
  },
} as const;

describe('jest and vitest trials in processes started ahead (warm starts)', () => {
  for (const runner of ['jest', 'vitest'] as const) {
    it(`${runner}: every trial runs warm in a process of its own, with its slot's worker id and temp dir, none left running`, async () => {
      const setup = SETUPS[runner];
      const project = copyOfSample(runner, runner, {
        [setup.file]: setup.source,
        [setup.config[0]]: setup.config[1],
      });
      const log = join(scratch, `${runner}-trials.log`);
      const answer = expected(project);
      const { report, result } = await findJson(project, answer.victim, ['--jobs', '2'], { TRIAL_LOG: log });
      assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      const lines = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
      const trials = lines.filter(([mode]) => mode === 'run');
      assert.ok(trials.length > 0, 'the setup file ran in the trials');
      for (const [, , worker, temp, started] of trials) {
        assert.equal(started, 'warm', `every trial's process was started ahead (${result.stderr})`);
        assert.match(worker ?? '', /^[12]$/, 'a worker id: --jobs 2 gives every trial a slot');
        assert.match(temp ?? '', new RegExp(`polluter-[^/]+/slot-${worker}$`), "the slot's own temp dir");
      }
      // One process per trial: the files of a trial share it, no two trials do.
      const processes = new Set(trials.map(([, pid]) => pid));
      assert.ok(processes.size >= 4, `a process per trial (${processes.size} seen)`);
      assert.ok(
        processes.size <= report.trials,
        `at most one process per trial (${processes.size} for ${report.trials})`,
      );
      for (const [mode, , , , started] of lines)
        if (mode === 'list') assert.equal(started, 'cold', 'the listing starts cold');
      // The processes started for trials that never came end once polluter has exited.
      await assertNoneLeft(setup.processes.source, project);
    });
  }
});

/**
 * Logs, for every test file, the test worker that ran it: whether it is a spare (its real command line, in
 * /proc/PID/cmdline, is polluter's spare-worker.mjs, whatever process.argv says after adoption) or a worker vitest
 * started itself, and what it runs with.
 */
const LOG_WORKER = [
  "const fs = require('node:fs');",
  "const cmdline = fs.readFileSync(`/proc/${process.pid}/cmdline`, 'utf8');",
  "const started = cmdline.includes('spare-worker.mjs') ? 'spare' : 'forked';",
  '// The other spare workers of this project alive now (waiting for a trial to come).',
  'let others = [];',
  'try {',
  "  others = require('node:child_process').execFileSync('pgrep', ['-f', 'spare-worker\\\\.mjs'], { encoding: 'utf8' }).split('\\n');",
  '} catch {}',
  'const sparesAlive = others.filter((pid) => {',
  '  try {',
  "    return pid !== '' && Number(pid) !== process.pid && fs.readlinkSync(`/proc/${pid}/cwd`) === process.cwd();",
  '  } catch {',
  '    return false;',
  '  }',
  '}).length;',
  'const { NODE_ENV, VITEST, MODE, FROM_CONFIG } = process.env;',
  'const line = { pid: process.pid, started, sparesAlive, argv: process.argv, execArgv: process.execArgv, NODE_ENV, VITEST, MODE, FROM_CONFIG };',
  "fs.appendFileSync(process.env.WORKER_LOG, JSON.stringify(line) + '\\n');",
  '',
].join('\n');

interface WorkerLine {
  pid: number;
  started: 'forked' | 'spare';
  sparesAlive: number;
  argv: string[];
  execArgv: string[];
  NODE_ENV?: string;
  VITEST?: string;
  MODE?: string;
  FROM_CONFIG?: string;
}

describe('vitest test workers started ahead (spare workers)', () => {
  /** A copy of the vitest module-state sample whose config sets `test` (setupFiles added) as given. */
  function project(name: string, test: string): { dir: string; log: string } {
    const dir = copyOfSample('vitest', name, {
      'log-worker.cjs': LOG_WORKER,
      'vitest.config.js': `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['tests/*.test.js'], setupFiles: ['./log-worker.cjs'], ${test} } });\n`,
    });
    return { dir, log: join(scratch, name, 'workers.log') };
  }

  const workers = (log: string): WorkerLine[] =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as WorkerLine);

  /** What vitest gives its own workers, whoever started them. */
  function assertLikeVitest(lines: readonly WorkerLine[], fromConfig?: string | RegExp) {
    for (const line of lines) {
      assert.match(line.argv[1] ?? '', /vitest\/dist\/workers\/forks\.js$/, "the command line of vitest's own fork");
      assert.equal(line.argv.length, 2);
      assert.ok(line.execArgv.includes('--experimental-import-meta-resolve'), 'the node options vitest gives');
      assert.equal(line.NODE_ENV, 'test', 'NODE_ENV as `vitest run` sets it');
      assert.equal(line.VITEST, 'true');
      assert.equal(line.MODE, 'test', "vite's import.meta.env on process.env");
      if (fromConfig instanceof RegExp) assert.match(line.FROM_CONFIG ?? '', fromConfig, "the config's test.env");
      else assert.equal(line.FROM_CONFIG, fromConfig, "the config's test.env");
    }
  }

  it('every test worker of a trial is a spare started ahead, one per test file, as vitest would start it', async () => {
    const { dir, log } = project('spares', 'isolate: true');
    const answer = expected(dir);
    const { report, result } = await findJson(dir, answer.victim, ['--jobs', '1'], { WORKER_LOG: log });
    assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    const found = workers(log);
    assert.ok(
      found.filter((line) => line.started === 'spare').length >= 4,
      `the trials' workers were spares (${JSON.stringify(found.map((line) => line.started))})`,
    );
    // `polluter run` of two files (isolate: true): a listing that starts cold, then one trial, a worker per file in
    // each; every worker after the listing's first is started while the file before runs or is collected.
    const pricing = 'tests/pricing.test.js > pricing > multiplies the unit price by the quantity';
    const run = await polluter(['run', '--project', dir, '--runner', 'vitest', pricing, answer.victim], undefined, {
      WORKER_LOG: log,
    });
    assert.equal(run.exitCode, 0, `both pass: the polluter does not run\n${run.stderr}`);
    const lines = workers(log);
    assertLikeVitest(lines);
    const ran = lines.slice(found.length);
    assert.deepEqual(
      ran.map((line) => line.started),
      ['forked', 'spare', 'spare', 'spare'],
      "the listing's second worker and both of the trial's were spares",
    );
    assert.equal(new Set(ran.map((line) => line.pid)).size, 4, 'a worker of its own for each file (isolate: true)');
    await assertNoneLeft('spare-worker\\.mjs', dir, 'no spare worker is left running');
  });

  /** `polluter find` on a copy whose config sets `test` as given: the workers it logged, checked to be like vitest's. */
  async function findLogged(name: string, test: string, fromConfig: string | RegExp) {
    const { dir, log } = project(name, test);
    const answer = expected(dir);
    const { report, result } = await findJson(dir, answer.victim, ['--jobs', '1'], { WORKER_LOG: log });
    assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
    const lines = workers(log);
    assertLikeVitest(lines, fromConfig);
    return { dir, lines };
  }

  it('a config that gives its workers variables of its own: the first spare does not fit, the later ones do', async () => {
    const { dir, lines } = await findLogged('spares-env', "env: { FROM_CONFIG: 'yes' }", 'yes');
    const started = lines.map((line) => line.started);
    assert.equal(
      started[0],
      'forked',
      `started before the config was known, the first spare lacked its variable (${started})`,
    );
    assert.ok(started.includes('spare'), `later trials' spares were started with it (${started})`);
    await assertNoneLeft('spare-worker\\.mjs', dir, 'no spare worker is left running');
  });

  it('a config whose workers differ from trial to trial: the trials stop starting spares that cannot fit', async () => {
    // The config runs in each trial's own process: its pid differs every time, and so does the workers' environment.
    const varying = 'env: { FROM_CONFIG: `driver ${process.pid}` }';
    const { dir, lines } = await findLogged('spares-varying', varying, /^driver \d+$/);
    // The first worker of each trial's process (its config's pid in the variable): never a spare started before the
    // config was known. (A spare started during a run for its next file is like that run's workers, and fits.)
    const firstOf = new Map<string | undefined, WorkerLine>();
    for (const line of lines) if (!firstOf.has(line.FROM_CONFIG)) firstOf.set(line.FROM_CONFIG, line);
    const firsts = [...firstOf.values()].map((line) => line.started);
    assert.ok(firsts.length >= 4, `a process per trial (${firsts.length})`);
    assert.ok(!firsts.includes('spare'), `no spare started ahead fitted (${firsts})`);
    // The first trials still start them (the warm processes waiting beside the first had theirs); the last one has
    // none waiting beside it any more.
    const alive = lines.map((line) => line.sparesAlive);
    assert.ok(alive[0]! > 0, `spares waited beside the first trial (${alive})`);
    assert.equal(alive.at(-1), 0, `none beside the last trial (${alive})`);
    await assertNoneLeft('spare-worker\\.mjs', dir, 'no spare worker is left running');
  });
});

/** A jest transformer that logs every file it is asked to transform, and returns it as it is. */
const LOGGING_TRANSFORMER = [
  "const fs = require('node:fs');",
  'module.exports = {',
  '  process(source, file) {',
  "    fs.appendFileSync(process.env.TRANSFORM_LOG, file + '\\n');",
  '    return { code: source };',
  '  },',
  '};',
  '',
].join('\n');

describe("jest: the project's transformer", () => {
  it("is never given polluter's own helpers, wherever polluter is installed", async () => {
    const project = copyOfSample('jest', 'jest-transform', {
      'logging-transformer.cjs': LOGGING_TRANSFORMER,
      'jest.config.js':
        "module.exports = { testEnvironment: 'node', transform: { '\\\\.[cm]?js$': '<rootDir>/logging-transformer.cjs' } };\n",
    });
    const log = join(scratch, 'jest-transformed.log');
    const answer = expected(project);
    const { report, result } = await findJson(project, answer.victim, ['--jobs', '1'], { TRANSFORM_LOG: log });
    assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    const transformed = readFileSync(log, 'utf8').trim().split('\n');
    assert.ok(
      transformed.some((file) => file.startsWith(join(project, sep))),
      `the project's own files went through its transformer (${transformed.join(', ')})`,
    );
    // This checkout's dist/ is not under node_modules: jest's default ignore patterns would not skip it.
    const ours = transformed.filter((file) => !file.startsWith(join(project, sep)));
    assert.deepEqual(ours, [], "none of polluter's helpers (its dist/, the trial's temp dir) was transformed");

    // `polluter fix` runs the project's files from a copy in polluter's temp dir, beside the trials' own temp dir:
    // those still go through it.
    const temp = mkdtempSync(join(scratch, 'fix-tmp-'));
    rmSync(log, { force: true });
    const fixed = await polluter(['fix', answer.victim, '--project', project, '--format', 'json'], undefined, {
      TRANSFORM_LOG: log,
      TMPDIR: temp,
    });
    const inCopy = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter((file) => file.startsWith(join(temp, sep)) && file.endsWith('.test.js'));
    assert.ok(inCopy.length > 0, `the copy's test files went through the project's transformer (${fixed.stderr})`);
  });
});

/**
 * A setup file of the project's (jest runs it before polluter's, the last one): after each test file, it logs the
 * polluter modules in that file's module registry (its `require.cache`).
 */
const LOG_REGISTRY = [
  "const fs = require('node:fs');",
  'afterAll(() => {',
  '  const ours = Object.keys(require.cache).filter((file) => file.startsWith(process.env.POLLUTER_DIST));',
  "  fs.appendFileSync(process.env.REGISTRY_LOG, JSON.stringify(ours) + '\\n');",
  '});',
  '',
].join('\n');

/** footprints.cjs and what it loads. */
const FINGERPRINT_MODULES = ['footprints.cjs', 'state.cjs', 'files.cjs', 'module-scope.cjs', 'contract.cjs'];

describe("jest: the fingerprints' modules", () => {
  for (const [version, sample] of [
    ['30', 'module-state'],
    ['29', 'jest29/module-state'],
  ] as const)
    it(`jest ${version}: are loaded once per trial process, outside each test file's module registry`, async () => {
      const project = copyOfSample(
        'jest',
        `jest-registry-${version}`,
        {
          'log-registry.cjs': LOG_REGISTRY,
          'jest.config.js':
            "module.exports = { testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/log-registry.cjs'] };\n",
        },
        sample,
      );
      const log = join(scratch, `jest-registry-${version}.log`);
      const answer = expected(project);
      const dist = join(import.meta.dirname, '..', '..', 'dist', sep);
      const { report, result } = await findJson(project, answer.victim, ['--jobs', '1'], {
        REGISTRY_LOG: log,
        POLLUTER_DIST: dist,
      });
      assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      assert.ok(report.leaks.length > 0, `the fingerprints still saw what the polluter left (${result.stderr})`);
      const files = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as string[]).map((file) => file.slice(dist.length)));
      assert.ok(files.length > 1, `every test file logged its registry (${files.length})`);
      for (const registry of files) {
        // What must run in the test file's own context (its globals, `jest`, circus hooks) is there, as before…
        assert.ok(registry.includes(join('runners', 'jest', 'state-hooks.cjs')), `state-hooks.cjs (${registry})`);
        // …and the fingerprints' code is not: Node loaded it once for the process.
        const fingerprints = registry.filter((file) =>
          FINGERPRINT_MODULES.some((name) => file.endsWith(`${sep}${name}`)),
        );
        assert.deepEqual(fingerprints, [], "no module of the fingerprints' own is compiled again for a test file");
      }
    });
});
