#!/usr/bin/env node
// The polluter benchmark: generates pytest, jest and vitest suites with a known polluter, times one plain run of
// the failing order (the floor) and `polluter find`, and prints one table. See `node bench/run.mjs --help`.
//
// Results are figures to read, not a test: the exit status is 0 unless polluter crashed (or hung past --timeout),
// or a suite could not be generated; 130 after Ctrl-C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RUNNERS, SCENARIOS, generateSuite, runnerBin } from './generate.mjs';
import { isStopping, run, stopAll } from './proc.mjs';
import { formatNotes, formatTable } from './table.mjs';

/** `record`: the "one" suite, recorded in CI fashion first; the search starts from the record (pytest only). */
const BENCH_SCENARIOS = [...SCENARIOS, 'record'];
/** Each recording runs this many times, alternating plain and --state: the fastest of each is kept (a loaded machine). */
const RECORD_RUNS = 3;

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POLLUTER = path.join(MAIN, 'bin', 'polluter.js');
const PEAK_MEMORY = path.join(MAIN, 'bench', 'peak-memory.cjs');

/** polluter's own peak resident memory in MB, as peak-memory.cjs wrote it (null when it did not: a crash, a kill). */
function peakMegabytes(file) {
  try {
    const kib = Number(fs.readFileSync(file, 'utf8'));
    return Number.isFinite(kib) && kib > 0 ? kib / 1024 : null;
  } catch {
    return null;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const HELP = `usage: node bench/run.mjs [options]

Generates suites with a known polluter and times \`polluter find\` against one plain run of the failing order.

  --scale               only the scale suites: one polluter among 10,000 pytest tests, and among 5,000 jest
                        and vitest tests in 500 files; 0 ms per test, scenario "one" (--runner and --jobs still
                        apply). The full benchmark runs them after the others.
  --quick               a subset that takes a minute or two: pytest N=50,200, jest and vitest N=50,
                        0 ms per test, scenario "one" (the options below still narrow or replace it)
  --runner R[,R]        only these runners (pytest, jest, vitest)
  --sizes N[,N]         suite sizes (default 50,200,1000, and 5000 for pytest)
  --ms MS[,MS]          milliseconds each test takes (default 0,20)
  --scenarios S[,S]     one, two, cleaner, record (default all four; record is pytest only: the "one" suite
                        recorded with \`polluter record\` and \`record --state\`, then \`find --from-record\`)
  --seed N              seed of the generated layouts (default 1)
  --jobs N[,N]          polluter find --jobs: each suite once per value, \`auto\` to leave it out (default 1)
  --timeout SECONDS     kill a floor run or \`polluter find\` that runs longer (default 3600)
  --json FILE           also write the results as JSON to FILE
  --verbose             pass polluter's progress lines through to stderr
  --keep                keep the generated suites (their folder is printed) instead of removing them
  -h, --help            this text
`;

function list(value, allowed, what) {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items)
    if (allowed && !allowed.includes(item)) throw new Error(`unknown ${what} "${item}" (one of ${allowed.join(', ')})`);
  if (items.length === 0) throw new Error(`no ${what} given`);
  return items;
}

function numbers(value, what, min) {
  return list(value, null, what).map((item) => {
    const number = Number(item);
    if (!Number.isInteger(number) || number < min) throw new Error(`bad ${what} "${item}" (an integer ≥ ${min})`);
    return number;
  });
}

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      runner: { type: 'string' },
      sizes: { type: 'string' },
      ms: { type: 'string' },
      scenarios: { type: 'string' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string', default: '1,auto' },
      timeout: { type: 'string', default: '3600' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (values.scale && (values.quick || values.sizes || values.scenarios || values.ms))
    throw new Error(
      '--scale chooses the sizes, scenario and ms per test itself: leave out --quick, --sizes, --scenarios and --ms',
    );
  return {
    quick: values.quick,
    scale: values.scale,
    // No narrowing option: the whole benchmark, the scale suites last.
    everything: !values.quick && !values.sizes && !values.scenarios && values.ms === undefined,
    runners: values.runner
      ? RUNNERS.filter((runner) => list(values.runner, RUNNERS, 'runner').includes(runner))
      : RUNNERS,
    sizes: values.sizes ? numbers(values.sizes, 'size', 12) : null,
    ms: values.ms ? numbers(values.ms, 'ms', 0) : values.quick ? [0] : [0, 20],
    scenarios: values.scenarios
      ? list(values.scenarios, BENCH_SCENARIOS, 'scenario')
      : values.quick
        ? ['one']
        : BENCH_SCENARIOS,
    seed: numbers(values.seed, 'seed', 0)[0],
    // `auto`: --jobs left out (polluter's default: the cores, the first run alone).
    jobs: list(values.jobs, null, 'jobs').map((item) => (item === 'auto' ? 'auto' : numbers(item, 'jobs', 1)[0])),
    timeout: numbers(values.timeout, 'timeout', 1)[0],
    json: values.json ?? null,
    verbose: values.verbose,
    keep: values.keep,
  };
}

/** Every suite to run, in order: runner, scenario, N, ms per test. */
function matrix(opts) {
  const sizesOf = (runner) => {
    if (opts.sizes) return opts.sizes;
    if (opts.quick) return runner === 'pytest' ? [50, 200] : [50];
    return runner === 'pytest' ? [50, 200, 1000, 5000] : [50, 200, 1000];
  };
  const suites = [];
  // One polluter among 10,000 pytest tests, and among 5,000 jest or vitest tests (500 files: JS files have 10 each).
  const scale = () => {
    for (const runner of opts.runners)
      for (const jobs of opts.jobs)
        suites.push({ runner, scenario: 'one', n: runner === 'pytest' ? 10000 : 5000, ms: 0, jobs });
    return suites;
  };
  if (opts.scale) return scale();
  for (const runner of opts.runners) {
    for (const scenario of opts.scenarios) {
      if (scenario === 'record' && runner !== 'pytest') continue; // record --state fingerprints pytest only
      for (const n of sizesOf(runner))
        for (const ms of opts.ms) for (const jobs of opts.jobs) suites.push({ runner, scenario, n, ms, jobs });
    }
  }
  return opts.everything ? scale() : suites;
}

// ------------------------------------------------------------------------------------------------ one suite

/** The runner's own command for the whole suite in its default order, one process. */
function floorCommand(runner, dir, floorCache) {
  if (runner === 'pytest') {
    return {
      command: 'python3',
      args: ['-m', 'pytest', '-p', 'no:cacheprovider', '-p', 'no:randomly', '-q'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    };
  }
  const bin = runnerBin(runner, dir);
  // A cache of the floor's own: jest and vitest run the files that failed last time first, and polluter lists the
  // order a normal run would take, so a cached failure of the victim would move it to the front.
  if (runner === 'jest')
    return { command: process.execPath, args: [bin, '--runInBand', '--ci', '--cacheDirectory', floorCache] };
  return { command: process.execPath, args: [bin, 'run', '--no-file-parallelism', '--no-cache'] };
}

// Nothing more once interrupted: a child's end then is the interruption, not a result.
const log = (line) => {
  if (!isStopping()) process.stderr.write(`bench: ${line}\n`);
};
const lastLines = (text, count = 5) => text.trim().split('\n').slice(-count).join('\n');

/** When polluter's build last changed: a rebuild in the middle of a suite makes its figures meaningless. */
function buildStamp() {
  try {
    return fs.statSync(path.join(MAIN, 'dist', 'cli.js')).mtimeMs;
  } catch {
    return null;
  }
}

async function benchSuite(spec, opts, root, label) {
  const stamp = buildStamp();
  const name = `${spec.runner}-${spec.scenario}-${spec.n}-${spec.ms}ms-${spec.jobs}jobs`;
  const dir = path.join(root, name);
  const cacheDir = path.join(root, `${name}.cache`);
  const floorCache = path.join(root, `${name}.floor-cache`);
  const row = { ...spec, trials: null, findSeconds: null, floorSeconds: null, ratio: null, right: false, notes: [] };
  try {
    let suite;
    try {
      suite = generateSuite({
        ...spec,
        scenario: spec.scenario === 'record' ? 'one' : spec.scenario,
        seed: opts.seed,
        dir,
        cacheDir,
        // jest and vitest suites have files of 10 tests: N=200 is 20 files, the scale suite 500 (pytest: 10–20).
        perFile: spec.runner === 'pytest' ? undefined : 10,
      });
      // The run order polluter sees must be the designed one: victim last, polluters (and the cleaner) where drawn.
      const listed = await run(process.execPath, [POLLUTER, 'list', '--project', dir], {
        timeoutSeconds: opts.timeout,
      });
      const order = listed.stdout.split('\n').filter(Boolean);
      if (listed.code !== 0) throw new Error(`polluter list exited with ${listed.code}: ${lastLines(listed.stderr)}`);
      if (order.join('\n') !== suite.order.join('\n')) {
        const at = suite.order.findIndex((id, i) => order[i] !== id);
        throw new Error(
          `the run order differs from the generated one at test ${at + 1}: ${order[at] ?? '(none)'} instead of ${suite.order[at]}`,
        );
      }
    } catch (error) {
      row.error = `could not generate the suite: ${error.message}`;
      row.generationFailed = true;
      log(`${label} ${row.error}`);
      return row;
    }
    row.expected = suite.polluters;
    row.cleaner = suite.cleaner;
    row.files = suite.files;
    log(
      `${label} ${suite.files} files; polluter${suite.polluters.length > 1 ? 's' : ''} ${suite.polluters.join(', ')}${suite.cleaner ? `; cleaner ${suite.cleaner}` : ''}`,
    );

    const floor = floorCommand(spec.runner, dir, floorCache);
    const floorRun = await run(floor.command, floor.args, { cwd: dir, env: floor.env, timeoutSeconds: opts.timeout });
    row.floorSeconds = floorRun.seconds;
    row.floorExit = floorRun.code;
    // The failing order fails the victim (exit 1), except with a cleaner after the polluter (exit 0).
    const designed = spec.scenario === 'cleaner' ? 0 : 1;
    if (floorRun.code !== designed) {
      row.notes.push(
        `the floor run exited with ${floorRun.code ?? floorRun.signal} (designed: ${designed}): ${lastLines(floorRun.stdout + floorRun.stderr, 3)}`,
      );
    }
    log(
      `${label} floor ${floorRun.seconds.toFixed(2)} s (exit ${floorRun.code}); ${spec.scenario === 'record' ? 'polluter record' : 'polluter find'}…`,
    );

    const recordDir = path.join(root, `${name}.record`);
    if (spec.scenario === 'record') {
      try {
        Object.assign(row, await recordings(dir, recordDir, floor, opts));
      } catch (error) {
        row.error = error.message;
        row.crashed = true;
        log(`${label} ${row.error}`);
        return row;
      }
      log(
        `${label} record ${row.recordSeconds.toFixed(2)} s, record --state ${row.stateRecordSeconds.toFixed(2)} s (${percent(row.recordCost)}); find --from-record…`,
      );
    }

    // The journal (what `--resume` replays) in our temp folder: an interrupted search leaves it behind otherwise.
    const journal = path.join(root, `${name}.journal.jsonl`);
    const findArgs = [
      POLLUTER,
      'find',
      suite.victim,
      '--project',
      dir,
      '--format',
      'json',
      '--journal',
      journal,
      ...(spec.jobs === 'auto' ? [] : ['--jobs', String(spec.jobs)]),
    ];
    if (spec.scenario === 'record') findArgs.push('--from-record', recordDir);
    const peakFile = path.join(root, `${name}.peak`);
    const find = await run(process.execPath, ['--require', PEAK_MEMORY, ...findArgs], {
      env: { ...process.env, POLLUTER_BENCH_PEAK: peakFile },
      timeoutSeconds: opts.timeout,
    });
    row.peakMb = peakMegabytes(peakFile);
    if (opts.verbose) process.stderr.write(find.stderr);
    row.findSeconds = find.seconds;
    row.findExit = find.code;
    let answer = null;
    try {
      answer = JSON.parse(find.stdout);
    } catch {
      // below
    }
    if (find.timedOut) row.error = `polluter find was killed after --timeout ${opts.timeout} s`;
    else if (![0, 1].includes(find.code) || !answer) {
      row.error = `polluter find crashed (exit ${find.code ?? find.signal}): ${lastLines(find.stderr, 3)}`;
    }
    if (row.error) {
      if (buildStamp() !== stamp) row.error += ` (${MAIN}/dist changed while this suite ran)`;
      row.crashed = true;
      log(`${label} ${row.error}`);
      return row;
    }
    if (buildStamp() !== stamp) row.notes.push(`${MAIN}/dist changed while this suite ran: its figures are unreliable`);
    row.verdict = answer.verdict;
    row.polluters = answer.polluters;
    row.order = answer.order;
    row.trials = answer.trials;
    row.polluterSeconds = answer.seconds;
    row.ratio = row.floorSeconds > 0 ? row.findSeconds / row.floorSeconds : null;
    row.right = answer.verdict === 'polluted' && JSON.stringify(answer.polluters) === JSON.stringify(suite.polluters);
    // polluter's progress lines: a trial it could not judge (the victim did not run) is "→ unknown".
    row.unknownTrials = (find.stderr.match(/→ unknown/g) ?? []).length;
    if (row.unknownTrials > 0)
      row.notes.push(`${row.unknownTrials} of ${answer.trials} trials were unknown (the victim did not run)`);
    if (answer.warnings?.length) row.notes.push(`polluter warned: ${answer.warnings.join('; ')}`);
    const leftovers = [...(answer.leftovers?.removed ?? []), ...(answer.leftovers?.modified ?? [])];
    if (leftovers.length) row.notes.push(`polluter reported files left in the project: ${leftovers.join(', ')}`);
    if (answer.excluded?.length) row.notes.push(`polluter excluded: ${answer.excluded.join(', ')}`);
    if (spec.jobs === 1) row.stateMsPerTest = await stateOverhead(suite, dir, root, name, opts);
    log(
      `${label} find ${find.seconds.toFixed(2)} s, ${answer.trials} trials, ${answer.verdict} via ${answer.order ?? '-'}: ` +
        `${row.right ? 'right' : `WRONG (${(answer.polluters ?? []).join(', ') || 'none'})`}`,
    );
    return row;
  } finally {
    if (!opts.keep) {
      for (const folder of [
        dir,
        cacheDir,
        floorCache,
        path.join(root, `${name}.journal.jsonl`),
        path.join(root, `${name}.record`),
        path.join(root, `${name}.record.tmp`),
      ]) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  }
}

/**
 * The floor's own command through `polluter record` and `polluter record --state`, alternately, RECORD_RUNS times each:
 * the fastest of each, and what --state adds to a plain recording (a fraction). The last --state record stays in
 * `recordDir` for `find --from-record`.
 */
async function recordings(dir, recordDir, floor, opts) {
  const times = { plain: [], state: [] };
  // A temp dir of its own, as a CI job has: files other processes drop into a shared one while a test runs would make
  // that test look as if it left state changed (the trials of a search each get one too).
  const tempDir = `${recordDir}.tmp`;
  fs.mkdirSync(tempDir, { recursive: true });
  const env = { ...floor.env, TMPDIR: tempDir };
  for (let round = 0; round < RECORD_RUNS; round += 1) {
    for (const kind of ['plain', 'state']) {
      const args = [
        POLLUTER,
        'record',
        '--output',
        recordDir,
        ...(kind === 'state' ? ['--state'] : []),
        '--',
        floor.command,
        ...floor.args,
      ];
      const recorded = await run(process.execPath, args, { cwd: dir, env, timeoutSeconds: opts.timeout });
      if (recorded.code !== 1)
        throw new Error(
          `polluter record${kind === 'state' ? ' --state' : ''} exited with ${recorded.code} (designed: 1): ${lastLines(recorded.stderr)}`,
        );
      times[kind].push(recorded.seconds);
    }
  }
  const recordSeconds = Math.min(...times.plain);
  const stateRecordSeconds = Math.min(...times.state);
  return { recordSeconds, stateRecordSeconds, recordCost: stateRecordSeconds / recordSeconds - 1, recordTimes: times };
}

const percent = (fraction) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/**
 * What the state fingerprints cost per test, in milliseconds: the failing order through `polluter run`, whose
 * helper (the pytest plugin, jest's and vitest's footprints) times its own snapshot code (`stateSeconds`), divided
 * by the tests run.
 */
async function stateOverhead(suite, dir, root, name, opts) {
  const orderFile = path.join(root, `${name}.order.txt`);
  fs.writeFileSync(orderFile, `${suite.order.join('\n')}\n`);
  try {
    const result = await run(
      process.execPath,
      [POLLUTER, 'run', '--project', dir, '--order-file', orderFile, '--format', 'json'],
      {
        timeoutSeconds: opts.timeout,
      },
    );
    const seconds = JSON.parse(result.stdout).stateSeconds;
    return typeof seconds === 'number' ? (seconds * 1000) / suite.order.length : null;
  } catch {
    return null;
  } finally {
    fs.rmSync(orderFile, { force: true });
  }
}

// ------------------------------------------------------------------------------------------------ main

async function main() {
  let opts;
  try {
    opts = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error.message} (see --help)\n`);
    process.exit(2);
  }
  const suites = matrix(opts);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'polluter-bench-'));
  const cleanUp = () => {
    if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`bench: ${signal}: stopping the running processes and removing ${root}\n`);
      await stopAll(signal);
      cleanUp();
      process.exit(signal === 'SIGINT' ? 130 : 128 + os.constants.signals[signal]);
    });
  }

  const started = Date.now();
  log(`${suites.length} suites, seed ${opts.seed}, in ${root}; ${os.cpus().length} cores, node ${process.version}`);
  const rows = [];
  try {
    for (const [i, spec] of suites.entries()) {
      const label = `[${i + 1}/${suites.length}] ${spec.runner} ${spec.scenario} N=${spec.n} ${spec.ms} ms:`;
      log(`${label} generating`);
      const row = await benchSuite(spec, opts, root, label);
      // Interrupted: the signal handler removes the suites and exits; no table of half-killed runs.
      if (isStopping()) await new Promise(() => {});
      rows.push(row);
    }
  } finally {
    if (!stopping) cleanUp();
  }
  const total = (Date.now() - started) / 1000;
  log(`done in ${total.toFixed(1)} s${opts.keep ? `; suites kept in ${root}` : ''}`);

  const notes = formatNotes(rows);
  process.stdout.write(`${formatTable(rows)}\n`);
  if (notes.length > 0) process.stdout.write(`\n${notes.map((note) => `note: ${note}`).join('\n')}\n`);
  if (opts.json) {
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      seed: opts.seed,
      seconds: total,
      rows,
    };
    fs.writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${opts.json}`);
  }
  process.exitCode = rows.some((row) => row.crashed || row.generationFailed) ? 1 : 0;
}

await main();
