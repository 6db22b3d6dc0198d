// Run by polluter as `node driver.mjs [vitest options and file filters given after --]` in the user's project, once per listing
// and once per trial (a fresh process each time). It drives the project's own vitest through its programmatic API:
// that API is the only way to collect tests without running them and, on vitest >= 4, to select tests by id.
// Input: the plan at $POLLUTER_PLAN. Output: JSON lines appended to $POLLUTER_EVENTS as things happen, so that
// whatever happened before a crash is on disk.
// With POLLUTER_WARM=1 it is a trial's process started ahead (a warm start, see src/runners/warm-starts.ts): it
// loads vitest while the trial before runs, says so on fd 3, and waits there for its trial's own environment.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SpareWorkers } from './spare-workers.mjs';
import { fileKey, firstTrialTests, keyedTests, keyString, modeOf } from './tree.mjs';
import scope from '../js/scope.cjs';
import victims from '../js/victim.cjs';
import warmChannel from '../js/warm-channel.cjs';

const { victimFile, victimTest } = victims;
const write = (event) => fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify(event)}\n`);
let ended = false; // the `end` event is written: the outcome is complete whatever happens next
/** Test worker processes started ahead (vitest 4), see spare-workers.mjs. */
let spares;

/** A problem the user has to fix: reported as a `fatal` event, exit code 2. */
class UserError extends Error {}

/**
 * vitest options that would change what a trial runs or how polluter reads it: refused, named in one line (docs/runners.md
 * lists them). Everything else given after `--` reaches every listing and trial as `vitest run` would take it.
 */
const REFUSED = new Map([
  ['watch', '--watch'],
  ['update', '--update'],
  ['ui', '--ui'],
  ['api', '--api'],
  ['standalone', '--standalone'],
  ['shard', '--shard'],
  ['testNamePattern', '--testNamePattern (-t)'],
  ['sequence', '--sequence.* (polluter sets the order; use polluter --seed)'],
  ['reporters', '--reporter'],
  ['reporter', '--reporter'],
  ['outputFile', '--outputFile'],
  ['mergeReports', '--mergeReports'],
  ['clearCache', '--clearCache'],
  ['listTags', '--listTags'],
]);

/** The arguments after `--`, read by the project's own vitest CLI parser: inline options and file filters. */
function parseArgs(node, args) {
  const { filter, options } = node.parseCLI(['vitest', 'run', ...args]);
  delete options['--'];
  delete options.run;
  const refused = [
    ...new Set(
      Object.keys(options)
        .filter((key) => REFUSED.has(key))
        .map((key) => REFUSED.get(key)),
    ),
  ];
  if (refused.length > 0) {
    throw new UserError(
      `polluter cannot pass ${refused.join(', ')} on to vitest: it would change what a trial runs or how polluter reads it (docs/runners.md lists these)`,
    );
  }
  // What vitest's own CLI does with these before it starts.
  if (options.exclude !== undefined) {
    options.cliExclude = [options.exclude].flat();
    delete options.exclude;
  }
  return { options, filter };
}

/** vitest's seeded in-place shuffle, loaded with the project's vitest. */
let shuffle;

/**
 * The project's own vitest package (never one of ours): its package.json, manifest and major version. The test
 * workers, which inherit our environment, are told where it is (tellWorkers) before anything can start one.
 */
function findVitest(cwd) {
  const require = createRequire(path.join(cwd, '/'));
  let packageFile;
  try {
    packageFile = require.resolve('vitest/package.json');
  } catch {
    throw new UserError(`vitest is not installed in ${cwd} (polluter uses the project's own vitest)`);
  }
  const manifest = JSON.parse(fs.readFileSync(packageFile, 'utf8'));
  const found = { packageFile, manifest, major: Number.parseInt(manifest.version, 10) };
  tellWorkers(found);
  return found;
}

/** The project's own vitest, its major version, and the entry test files import. */
async function loadVitest(cwd, found = findVitest(cwd)) {
  const { packageFile } = found;
  const require = createRequire(path.join(cwd, '/'));
  const node = await import(pathToFileURL(require.resolve('vitest/node')).href);
  const major = Number.parseInt(node.version ?? found.manifest.version, 10);
  // The seeded shuffle is vitest's own, from the project's @vitest/utils (its `helpers` entry since vitest 4).
  const utils = createRequire(packageFile).resolve(major >= 4 ? '@vitest/utils/helpers' : '@vitest/utils');
  shuffle = (await import(pathToFileURL(utils).href)).shuffle;
  return { node, major };
}

/** Where polluter's setup files in the test workers, which inherit our environment, find vitest and our helpers. */
function tellWorkers({ packageFile, manifest }) {
  const entry = manifest.exports['.'].import;
  const entryFile = path.join(path.dirname(packageFile), typeof entry === 'string' ? entry : entry.default);
  process.env.POLLUTER_VITEST_ENTRY = pathToFileURL(entryFile).href;
  // footprint.mjs adds its markers to the hook lists of the runner the worker uses (vitest's own @vitest/runner).
  process.env.POLLUTER_VITEST_RUNNER = pathToFileURL(createRequire(packageFile).resolve('@vitest/runner')).href;
  process.env.POLLUTER_FOOTPRINTS = fileURLToPath(new URL('../js/footprints.cjs', import.meta.url));
  process.env.POLLUTER_VICTIMS = fileURLToPath(new URL('../js/victim.cjs', import.meta.url));
}

/** Overrides for a listing or a trial; isolate, pool, setupFiles, environment and the rest stay the user's. */
function commonOptions(major, args) {
  return {
    ...args,
    watch: false,
    fileParallelism: false, // one file at a time, in the order chosen
    maxWorkers: 1,
    ...(major < 4 ? { minWorkers: 1 } : {}), // vitest 3 refuses minWorkers > maxWorkers
    retry: 0, // a retried victim would hide its failure
    bail: 0,
    passWithNoTests: true,
    allowOnly: true, // CI=1 makes vitest reject `.only`; the user's local runs honour it
    coverage: { enabled: false },
    includeTaskLocation: true, // `line` in listings, and vitest 3 selects tests by line (see adjustProjects)
  };
}

async function main(loaded) {
  const plan = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8'));
  const { node, major } = loaded ?? (await loadVitest(process.cwd()));
  if (spares === undefined && major === 4) {
    spares = new SpareWorkers();
    if (!spares.install(node)) spares = undefined;
  }
  const { options: args, filter } = parseArgs(node, process.argv.slice(2));
  let vitest;
  try {
    if (plan.mode === 'list') {
      // A seeded listing passes what `vitest run --sequence.shuffle --sequence.seed=<seed>` passes, the same way.
      // Otherwise no `sequence` at all: vitest would put it in place of each project's own (and its groupOrder).
      const seeded = plan.seed !== undefined;
      vitest = await create(node, {
        ...commonOptions(major, args),
        reporters: [],
        ...(seeded ? { sequence: { shuffle: true, seed: plan.seed } } : {}),
      });
      adjustProjects(vitest);
      await list(vitest, node, { major, seed: plan.seed, filter, files: plan.files });
    } else if (plan.mode === 'list-run') {
      // The first trial, then the listing, in one process: the files up to the victim's run whole (the victim's only
      // up to the victim), in the order a listing gives them, and each is listed as the run collects it; only the
      // files after it (and any the run did not get to) are collected afterwards. Created as a listing is (the user's
      // results cache decides the order of the files, as in a listing), with a trial's reporters; the run's results
      // are never written to that cache.
      const setupFiles = copySetupFiles();
      let firstRun;
      const reporter = {
        onTestModuleCollected: (module) => firstRun?.collected(module),
        onTestCaseResult: (testCase) => firstRun?.trial.finish(testCase),
      };
      vitest = await create(node, { ...commonOptions(major, args), reporters: ['default', reporter] });
      adjustProjects(vitest);
      allowFolder(vitest, setupFiles.folder);
      // vitest 3 and 4 write the results cache through one method, replaced below; a vitest without it (vitest 5
      // writes them another way) runs no trial here: polluter then runs the first trial in a process of its own,
      // with the cache off.
      if (typeof vitest.cache?.results?.writeToCache !== 'function') {
        await list(vitest, node, { major, filter });
      } else {
        vitest.cache.results.writeToCache = async () => {};
        const ordered = await fileOrder(vitest, node, await testSpecifications(vitest, filter), major);
        firstRun = new FirstRun(ordered, plan, setupFiles);
        if (firstRun.trial !== undefined) {
          // setup.mjs reads the plan in the test workers, which start with the run.
          fs.writeFileSync(process.env.POLLUTER_PLAN, JSON.stringify(firstRun.plan));
          await firstRun.run(vitest, major);
          write({ event: 'trial-end' });
        }
        await firstRun.listAll(vitest);
      }
      write({ event: 'listed' });
    } else if (plan.mode === 'run') {
      const setupFiles = copySetupFiles();
      const trial = new Trial(plan, setupFiles);
      vitest = await create(node, {
        ...commonOptions(major, args),
        cache: false, // a trial must not write node_modules/.vite/vitest/**/results.json
        reporters: ['default', trial.reporter()],
      });
      adjustProjects(vitest);
      allowFolder(vitest, setupFiles.folder);
      // Set on the resolved config: passing `sequence` in would replace each project's own. Workers take
      // sequence.shuffle from the root config.
      vitest.config.sequence.sequencer = trial.sequencer();
      vitest.config.sequence.shuffle = false;
      await trial.run(vitest, major);
    } else throw new Error(`unknown plan mode ${JSON.stringify(plan.mode)}`);
    write({ event: 'end' });
    ended = true;
    // Everything is on disk. vitest 3's pool can still throw while it shuts down after a worker died
    // (ERR_IPC_CHANNEL_CLOSED from tinypool); that must not turn a complete trial into a crash.
    process.on('uncaughtException', (error) => {
      process.stderr.write(`polluter: after the run: ${error?.stack ?? error}\n`);
      process.exit(0);
    });
  } finally {
    await closeQuietly(vitest);
  }
}

/**
 * setup.mjs, tree.mjs and footprint.mjs, copied to a temporary folder. vitest imports a setup file that lies under
 * node_modules (where polluter is usually installed) with Node's own import: once per worker, so with isolate:false
 * or a vm pool its hooks would reach only the first file. Any other file it runs through its module runner, for
 * every test file. footprint.mjs (what each test leaves changed) only while POLLUTER_STATE=1.
 */
function copySetupFiles() {
  // Inside polluter's own temp dir (the plan's folder), which polluter removes even when it kills this process.
  const folder = fs.mkdtempSync(path.join(path.dirname(process.env.POLLUTER_PLAN), 'vitest-setup-'));
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  const names = ['setup.mjs', 'tree.mjs', ...(process.env.POLLUTER_STATE === '1' ? ['footprint.mjs'] : [])];
  for (const name of names) fs.copyFileSync(new URL(`./${name}`, import.meta.url), path.join(folder, name));
  return {
    folder,
    first: path.join(folder, 'setup.mjs'),
    last: names.includes('footprint.mjs') ? path.join(folder, 'footprint.mjs') : undefined,
  };
}

/**
 * Lets vite serve polluter's setup folder to the test workers. A config that restricts vite to the project's own
 * folders (server.fs.allow, as SvelteKit sets it) would otherwise refuse it in a browser-like environment (jsdom,
 * happy-dom: vite's `client` environment checks the allow list) and no test of the trial would load. Added to the
 * resolved lists, not passed in as an override: an allow list given in the config replaces vite's default one (the
 * workspace root).
 */
function allowFolder(vitest, folder) {
  const servers = [vitest.vite, ...vitest.projects.map((project) => project.vite)];
  for (const server of servers) {
    const allow = server?.config?.server?.fs?.allow;
    if (Array.isArray(allow) && !allow.includes(folder)) allow.push(folder);
  }
}

/** Options a project's own config would win over when passed in: set on each resolved project config instead. */
function adjustProjects(vitest) {
  for (const project of vitest.projects) project.config.includeTaskLocation = true;
}

async function create(node, options) {
  // What `vitest run` sets before it loads the config (prepareVitest): without it vite makes NODE_ENV `development`,
  // for the config and for every test worker.
  process.env.TEST = 'true';
  process.env.VITEST = 'true';
  process.env.NODE_ENV ??= 'test';
  try {
    return await node.createVitest('test', options, {});
  } catch (error) {
    throw new UserError(`vitest could not load its configuration: ${message(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------- listing

/** The test files vitest would run, with file filters given after `--` (as `vitest run tests/api` takes them); every
 * one is named first (`test-files`). */
async function testSpecifications(vitest, filter) {
  const found = (await vitest.globTestSpecifications(filter.length > 0 ? filter : undefined)).filter(
    (spec) => spec.pool !== 'typescript',
  );
  const projects = [...new Set(found.map((spec) => spec.project.name ?? ''))];
  write({ event: 'test-files', projects, files: [...new Set(found.map((spec) => spec.moduleId))] });
  return found;
}

const pathAndOrdinal = ({ path, ordinal }) => ({ path, ordinal });

/**
 * What a listing says of a collected file: its tests in definition order (`keyed`: with their tasks and ordinals;
 * `tests`: as the `tests` event gives them), or why it could not be loaded (`error`). Read as collected: a run later
 * marks the tests it skipped as skipped.
 */
function moduleListing(module) {
  const errors = module?.errors() ?? [{ message: 'vitest did not collect this file' }];
  if (errors.length > 0) return { error: errors.map(message).join('\n') };
  const keyed = keyedTests(module.task);
  const tests = keyed.map((test) => ({
    path: test.path,
    mode: modeOf(test),
    runnerId: test.task.id,
    line: test.task.location?.line,
  }));
  return { keyed, tests };
}

function writeListing({ project, file, error, tests }) {
  if (error !== undefined) write({ event: 'file-error', project, file, message: error });
  else write({ event: 'tests', project, file, tests });
}

/**
 * One `tests` (or `file-error`) event per test file, in the order `vitest run` would run the files, tests in
 * definition order; with a seed, files in the seeded order and `ran` events for the seeded order of the tests. With
 * `files` (an order's), only those files are collected; every test file found is named first (`test-files`).
 */
async function list(vitest, node, { major, seed, filter, files }) {
  const found = await testSpecifications(vitest, filter);
  const inScope = scope.fileFilter(files, process.cwd());
  const specs = found.filter((spec) => inScope(spec.moduleId));
  // Imports every file and records its tests; no hook or test body runs. A copy: vitest sorts it with the
  // configured sequencer, and RandomSequencer shuffles the array in place.
  spares?.expect(workerStarts(specs));
  const { testModules, unhandledErrors } = await vitest.collectTests([...specs]);
  const modules = new Map(testModules.map((module) => [fileKey(module.project.name, module.moduleId), module]));
  for (const spec of await fileOrder(vitest, node, specs, major, seed)) {
    const module = modules.get(fileKey(spec.project.name, spec.moduleId));
    const project = spec.project.name ?? '';
    const { error, keyed, tests } = moduleListing(module);
    writeListing({ project, file: spec.moduleId, error, tests });
    if (error !== undefined || seed === undefined) continue;
    // As for jest: the tests stay in definition order above (ordinals count that order), and `ran` events give the
    // order of the seeded run, one per test that would run.
    const keyedByTask = new Map(keyed.map((test) => [test.task, test]));
    for (const task of shuffledOrder(module.task, seed)) {
      const test = keyedByTask.get(task);
      if (modeOf(test) === 'run')
        write({ event: 'ran', project, file: spec.moduleId, path: test.path, ordinal: test.ordinal });
    }
  }
  for (const error of unhandledErrors) write({ event: 'unhandled', message: message(error) });
}

/**
 * The first trial of a listing that runs it first: the files in listing order up to the victim's, whole, then the
 * victim's file up to the victim (setup.mjs picks the tests in the worker, as the file is collected: polluter does
 * not know them yet). Each file is listed as the run collects it, as collected (`collected`); `listAll` then writes
 * the whole listing in order, collecting only the files the run did not. No trial when no file's name starts the
 * victim's id: everything is collected, as a listing alone does.
 */
class FirstRun {
  constructor(ordered, { victim, projectDir }, setupFiles) {
    this.ordered = ordered;
    this.victim = victim;
    this.projectDir = projectDir;
    this.listings = new Map(); // fileKey → what moduleListing says, as the run collected it
    const entries = ordered.map((spec) => ({ project: spec.project.name ?? '', file: spec.moduleId }));
    const at = victimFile(victim, entries, projectDir);
    if (at === -1) return;
    // The files the run does not get to, collected after it: their first worker is started ahead during the run.
    this.after = ordered.slice(at + 1);
    const files = entries
      .slice(0, at + 1)
      .map((entry, position) => (position < at ? entry : { ...entry, until: { victim, projectDir } }));
    this.plan = { mode: 'run', files };
    this.trial = new Trial(this.plan, setupFiles);
    // Which test is the victim is known once its file is loaded; a run stopped before that is still the first trial.
    write({ event: 'victim-file', ...entries[at] });
  }

  /** A file of the run, collected: listed, and its planned tests (those setup.mjs picks) given to the trial. */
  collected(module) {
    const key = fileKey(module.project.name, module.moduleId);
    const entry = this.trial?.files.get(key);
    if (!this.running || entry === undefined || this.listings.has(key)) return;
    const listing = moduleListing(module);
    // A file the run could not load is collected again afterwards, without polluter's setup files: the error may be
    // theirs (a config that refuses them), which the trial reports, not the listing.
    if (listing.error !== undefined) return;
    this.listings.set(key, listing);
    // The tests setup.mjs picks in the worker (none in the victim's file when the victim is not a test there that runs).
    const picked = firstTrialTests(entry, listing.keyed, victimTest);
    entry.tests = picked.tests.map(pathAndOrdinal);
    if (picked.victim === -1) return;
    const victimKey = { project: entry.project, file: entry.file, ...pathAndOrdinal(listing.keyed[picked.victim]) };
    write({ event: 'victim', key: victimKey });
  }

  /**
   * Runs the trial with its own sequencer and setup files, and then gives the listing back what it collects with: the
   * configured sequencer (collecting sorts with it) and the project's own setup files only.
   */
  async run(vitest, major) {
    const { sequencer, shuffle } = vitest.config.sequence;
    const setupFiles = vitest.projects.map((project) => [project.config, [...project.config.setupFiles]]);
    vitest.config.sequence.sequencer = this.trial.sequencer();
    vitest.config.sequence.shuffle = false;
    this.running = true;
    try {
      await this.trial.run(vitest, major, { workersAfter: workerStarts(this.after) });
    } finally {
      this.running = false;
      Object.assign(vitest.config.sequence, { sequencer, shuffle });
      for (const [config, files] of setupFiles) config.setupFiles = files;
    }
  }

  /** The listing of every file, in order: as the run collected them, the others collected now. */
  async listAll(vitest) {
    const left = this.ordered.filter((spec) => !this.listings.has(fileKey(spec.project.name, spec.moduleId)));
    if (left.length > 0) spares?.expect(workerStarts(left));
    const { testModules, unhandledErrors } =
      left.length > 0 ? await vitest.collectTests([...left]) : { testModules: [], unhandledErrors: [] };
    for (const module of testModules)
      this.listings.set(fileKey(module.project.name, module.moduleId), moduleListing(module));
    for (const spec of this.ordered) {
      const listing = this.listings.get(fileKey(spec.project.name, spec.moduleId)) ?? moduleListing(undefined);
      writeListing({ project: spec.project.name ?? '', file: spec.moduleId, ...listing });
    }
    for (const error of unhandledErrors) write({ event: 'unhandled', message: message(error) });
  }
}

/**
 * The order `vitest run` gives the files: the configured sequencer (ours is not installed for a listing), applied
 * as vitest's pool applies it. Vitest 4 sorts all files at once, then groups them by `sequence.groupOrder`; vitest 3
 * groups by groupOrder first (in `[].sort()` order, i.e. as strings) and sorts each pool's files separately, forks
 * first. (Files of different pools then run side by side in vitest 3; a trial runs them in the plan's order.)
 */
async function fileOrder(vitest, node, specs, major, seed) {
  // What `vitest run` does before sorting: the default sequencer puts larger files first when it has no results.
  await vitest.cache.stats.populateStats(vitest.config.root, specs);
  let Sequencer = vitest.config.sequence.sequencer;
  // A config that shuffles files gets RandomSequencer (not exported) with a new seed each run; trials don't shuffle.
  if (seed === undefined && Sequencer.name === 'RandomSequencer') Sequencer = node.BaseSequencer;
  const sequencer = new Sequencer(vitest);
  const groupOf = (spec) => spec.project.config.sequence?.groupOrder ?? 0;
  if (major >= 4) return [...(await sequencer.sort([...specs]))].sort((a, b) => groupOf(a) - groupOf(b));
  const ordered = [];
  for (const group of [...new Set(specs.map(groupOf))].sort()) {
    const byPool = { forks: [], threads: [], vmThreads: [], vmForks: [], typescript: [] };
    for (const spec of specs) if (groupOf(spec) === group) (byPool[spec.pool] ??= []).push(spec);
    for (const poolSpecs of Object.values(byPool))
      if (poolSpecs.length > 0) ordered.push(...(await sequencer.sort(poolSpecs)));
  }
  return ordered;
}

/**
 * The order in which `vitest run --sequence.shuffle --sequence.seed=<seed>` runs a file's tests: what runSuite in
 * @vitest/runner (3.x and 4.x) does with the collected tree. It splits each suite's children into runs of equal
 * `concurrent`; within a sequential run of a shuffled suite it shuffles [describes, tests] and then each of the two.
 */
function shuffledOrder(suite, seed, out = []) {
  for (let group of partitionSuiteChildren(suite)) {
    if (group[0].concurrent !== true && suite.shuffle) {
      const suites = group.filter((task) => task.type === 'suite');
      const tests = group.filter((task) => task.type === 'test');
      group = shuffle([suites, tests], seed).flatMap((tasks) => shuffle(tasks, seed));
    }
    for (const task of group) {
      if (task.type === 'suite') shuffledOrder(task, seed, out);
      else out.push(task);
    }
  }
  return out;
}

/** A suite's children cut into runs of neighbours that agree on `concurrent`: vitest's runner shuffles per run. */
function partitionSuiteChildren(suite) {
  const runs = [];
  for (const task of suite.tasks ?? []) {
    const last = runs.at(-1);
    if (last !== undefined && last[0].concurrent === task.concurrent) last.push(task);
    else runs.push([task]);
  }
  return runs;
}

// ------------------------------------------------------------------------------------------------------ trial

/** One trial: exactly the planned files in the plan's order, in each only the planned tests, in the plan's order. */
class Trial {
  constructor(plan, setupFiles) {
    this.setupFiles = setupFiles;
    this.files = new Map(plan.files.map((entry, index) => [fileKey(entry.project, entry.file), { ...entry, index }]));
    this.finished = new Set(); // the keys (as JSON) of the tests whose finish event is written
  }

  /** Passed as sequence.sequencer: the planned specs in plan order. Anything else (a collection) is left alone. */
  sequencer() {
    const files = this.files;
    const indexOf = (spec) => files.get(fileKey(spec.project.name, spec.moduleId))?.index;
    return class PlanSequencer {
      async sort(specs) {
        if (!specs.some((spec) => indexOf(spec) !== undefined)) return specs;
        return specs.filter((spec) => indexOf(spec) !== undefined).sort((a, b) => indexOf(a) - indexOf(b));
      }

      async shard(specs) {
        return specs;
      }
    };
  }

  /** Writes `finish` events as vitest reports results (the `start` events come from setup.mjs in the worker). */
  reporter() {
    return {
      onTestCaseResult: (testCase) => this.finish(testCase),
    };
  }

  /** `workersAfter`: the workers a collection right after this run starts (spares for them start during the run). */
  async run(vitest, major, { workersAfter = 0 } = {}) {
    const specs = [];
    const running = []; // the entries that got a specification
    for (const entry of this.files.values()) {
      const project = vitest.projects.find((candidate) => (candidate.name ?? '') === (entry.project ?? ''));
      if (project === undefined) {
        write({
          event: 'file-error',
          project: entry.project,
          file: entry.file,
          message: `vitest has no project named "${entry.project}" here`,
        });
        continue;
      }
      // First in the list, so that its beforeEach writes `start` before any of the user's hooks can crash; the
      // footprints last, so that they see each test after the user's setup files' per-test hooks.
      const { setupFiles } = project.config;
      if (!setupFiles.includes(this.setupFiles.first)) setupFiles.unshift(this.setupFiles.first);
      if (this.setupFiles.last !== undefined && !setupFiles.includes(this.setupFiles.last))
        setupFiles.push(this.setupFiles.last);
      // vitest groups the sorted files by sequence.groupOrder before running them, and vitest 4 with one worker
      // also puts the isolated files of groupOrder 0 after all the others. One group, not 0, keeps the plan's order.
      project.config.sequence.groupOrder = 1;
      // vitest >= 4 selects by test id; vitest 3 only by the line a test is declared on, and tests that share a
      // line all match (setup.mjs then skips the unplanned ones).
      // A file the first trial runs before it is listed (no `tests` yet) runs whole: setup.mjs skips what it must.
      const selection =
        entry.tests === undefined
          ? undefined
          : major >= 4
            ? { testIds: entry.tests.map((test) => test.runnerId) }
            : [...new Set(entry.tests.map((test) => test.line))];
      specs.push(project.createSpecification(entry.file, selection));
      running.push(entry);
    }
    // Reporters need this before a run (vitest 4 calls it standalone(), vitest 3 init()).
    await (vitest.standalone ?? vitest.init).call(vitest);
    spares?.expect(workerStarts(specs) + workersAfter);
    const result =
      specs.length > 0 ? await vitest.runTestSpecifications(specs, false) : { testModules: [], unhandledErrors: [] };
    if (specs.length > 0) spares?.ran();
    const modules = new Map(
      result.testModules.map((module) => [fileKey(module.project.name, module.moduleId), module]),
    );
    for (const entry of running) this.settle(entry, modules.get(fileKey(entry.project, entry.file)));
    // Includes a worker that died ("[vitest-pool]: Worker forks emitted error"): its tests stay pending, unreported.
    for (const error of result.unhandledErrors) write({ event: 'unhandled', message: message(error) });
  }

  /** A `finish` event for a planned test that got a final result (pending means it never got to run). */
  finish(testCase) {
    const key = this.keyOf(testCase.module, testCase.task);
    const state = testCase.result().state;
    if (key === undefined || this.finished.has(key.id) || state === 'pending') return;
    this.finished.add(key.id);
    // A test skipped because a beforeAll around it threw did not pass: vitest puts that error on the suite.
    const outcome = state === 'skipped' && ancestorFailed(testCase.task) ? 'failed' : state;
    const duration = testCase.diagnostic()?.duration;
    // The first error with its stack: a failure raised inside polluter's own files makes the trial invalid.
    const error = outcome === 'failed' ? testCase.result().errors?.[0] : undefined;
    write({
      event: 'finish',
      key: key.key,
      outcome,
      ...(typeof duration === 'number' ? { seconds: Math.round(duration * 1000) / 1e6 } : {}),
      ...(error ? { error: String(error.stack ?? error.message ?? error) } : {}),
    });
  }

  /** After the run: file errors, planned tests the file does not have, and results vitest did not report. */
  settle(entry, module) {
    const errors = module === undefined ? [{ message: 'vitest did not run this file' }] : module.errors();
    if (errors.length > 0) {
      write({ event: 'file-error', project: entry.project, file: entry.file, message: errors.map(message).join('\n') });
      return;
    }
    const present = new Set(keyedTests(module.task).map(({ path, ordinal }) => keyString(path, ordinal)));
    for (const test of entry.tests ?? []) {
      if (!present.has(keyString(test.path, test.ordinal))) {
        write({
          event: 'missing',
          key: { project: entry.project, file: entry.file, path: test.path, ordinal: test.ordinal },
        });
      }
    }
    for (const testCase of module.children.allTests()) this.finish(testCase);
    const ran = [...module.children.allTests()].some((testCase) =>
      ['passed', 'failed'].includes(testCase.result().state),
    );
    if (ran && module.task.meta?.polluter !== 'applied') {
      write({
        event: 'unhandled',
        message: `polluter's setup file did not run before the tests of ${entry.file}: their selection and order are vitest's own`,
      });
    }
  }

  /** The planned key of a raw task, or undefined for an unplanned test. Ordinals come from definition order. */
  keyOf(module, task) {
    const entry = this.files.get(fileKey(module.project.name, module.moduleId));
    if (entry === undefined) return undefined;
    entry.keys ??= new Map(keyedTests(module.task).map(({ task: each, path, ordinal }) => [each, { path, ordinal }]));
    entry.planned ??= new Set((entry.tests ?? []).map((test) => keyString(test.path, test.ordinal)));
    const found = entry.keys.get(task);
    if (found === undefined || !entry.planned.has(keyString(found.path, found.ordinal))) return undefined;
    const key = { project: entry.project, file: entry.file, path: found.path, ordinal: found.ordinal };
    return { key, id: JSON.stringify(key) };
  }
}

/**
 * The worker processes vitest's fork pool starts for a run or a collection: one per file, or one per project with
 * isolate: false.
 */
function workerStarts(specs) {
  const forked = specs.filter((spec) => spec.pool === 'forks');
  const shared = new Set(forked.filter((spec) => spec.project.config.isolate === false).map((spec) => spec.project));
  return forked.filter((spec) => spec.project.config.isolate !== false).length + shared.size;
}

function ancestorFailed(task) {
  for (let suite = task.suite; suite !== undefined; suite = suite.suite)
    if (suite.result?.state === 'fail') return true;
  return task.file?.result?.state === 'fail';
}

// ----------------------------------------------------------------------------------------------------- process

function message(error) {
  // Some errors (rolldown's) come with colours even under NO_COLOR.
  return plainMessage(error).replace(/\u001b\[[0-9;]*m/g, '');
}

function plainMessage(error) {
  if (error === null || typeof error !== 'object') return String(error);
  const text =
    error.name && error.name !== 'Error' && !String(error.message).startsWith(error.name)
      ? `${error.name}: ${error.message}`
      : String(error.message ?? error);
  // vitest names the file and test an unhandled error came from, when it knows.
  const where = [error.VITEST_TEST_PATH, error.VITEST_TEST_NAME && `test "${error.VITEST_TEST_NAME}"`]
    .filter(Boolean)
    .join(', ');
  return where ? `${text} (${where})` : text;
}

async function closeQuietly(vitest) {
  // A test that leaked a timer or a socket must not keep us alive: close vitest (it ends its workers), then exit.
  const timer = setTimeout(() => process.exit(ended ? 0 : 1), 10_000);
  timer.unref();
  try {
    await vitest?.close();
  } catch (error) {
    process.stderr.write(`polluter: closing vitest failed: ${message(error)}\n`);
  }
}

/**
 * A warm start: vitest's modules are loaded before the trial is known (importing vitest/node is most of a small
 * trial's start-up). polluter starts this process with the environment its trial will have (the worker id and temp
 * dir of its slot, CI, NO_COLOR), so whatever vitest reads from the environment while it loads is the trial's. What
 * is project code (the config, the setup files, the tests) runs only once the trial is here: the config may read
 * files the trial before changes. The trial adds only where its plan and events are. Undefined: polluter is gone.
 */
async function warmStart() {
  // Its trial waits for it already (see warm-starts.ts): the warm-up would cost more than it saves.
  const wanted = process.env.POLLUTER_WARM_WANTED === '1';
  delete process.env.POLLUTER_WARM;
  delete process.env.POLLUTER_WARM_WANTED;
  let loaded;
  try {
    const found = findVitest(process.cwd());
    // The trial's first test worker loads vitest's runtime meanwhile, in a process of its own.
    if (found.major === 4) {
      spares = new SpareWorkers();
      spares.startFirst(path.dirname(found.packageFile));
    }
    loaded = await loadVitest(process.cwd(), found);
  } catch {
    process.exit(3); // never ready: polluter runs the trial cold, and that run reports what is wrong
  }
  if (spares !== undefined && !spares.install(loaded.node)) spares = undefined;
  if (!wanted) await warmUp(loaded.node);
  const trial = await warmChannel.exchange({ vitest: loaded.node.version ?? null });
  if (trial === undefined) process.exit(0);
  Object.assign(process.env, trial.env);
  return loaded;
}

/**
 * A process's first createVitest and first transforms cost 50-90 ms more than later ones (V8 compiles vite's and
 * vitest's code as it is first used; measured with vitest 4.1: createVitest 64-91 ms cold, 16-28 ms after one on
 * another project). A warm driver pays that on a scratch project in polluter's temp dir (POLLUTER_VITEST_SCRATCH,
 * written by polluter), while the trial before runs: nothing of the user's is loaded, and nothing is written anywhere.
 * What vite puts on process.env for the scratch project is taken off again. Best effort: the trial runs all the same.
 */
async function warmUp(node) {
  const folder = process.env.POLLUTER_VITEST_SCRATCH;
  if (folder === undefined) return;
  const env = { ...process.env };
  const warm = async () => {
    const vitest = await node.createVitest(
      'test',
      { root: folder, watch: false, reporters: [], cache: false, coverage: { enabled: false } },
      {},
    );
    try {
      for (const spec of await vitest.globTestSpecifications()) {
        const environments = spec.project.vite?.environments ?? {};
        // vitest 4's test workers fetch their modules through its `__vitest__` environment; vitest 3 (vite 6), `ssr`.
        await (environments.__vitest__ ?? environments.ssr)?.transformRequest(spec.moduleId);
      }
    } finally {
      await vitest.close();
    }
  };
  let timer;
  try {
    // A vitest this does not suit (another major) must not keep the trial waiting for its process. Still running, it
    // could change process.env during the trial: the process ends unready, and the trials start cold from then on.
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve('late'), WARM_UP_LIMIT_MS)));
    if ((await Promise.race([warm(), late])) === 'late') process.exit(3);
  } catch {
    // Only the trial's start-up is slower.
  } finally {
    clearTimeout(timer);
    for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
  }
}

/** Far above the 60-90 ms the warm-up takes on 2 cores: only a warm-up that hangs ends its process. */
const WARM_UP_LIMIT_MS = 10_000;

try {
  await main(process.env.POLLUTER_WARM === '1' ? await warmStart() : undefined);
  process.exit(0);
} catch (error) {
  if (!(error instanceof UserError)) process.stderr.write(`${error?.stack ?? error}\n`);
  write({ event: 'fatal', message: message(error) });
  process.exit(2);
}
