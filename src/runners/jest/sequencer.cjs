// Passed as --testSequencer. It decides which files run and in which order (jest keeps no CLI order), and appends
// select.cjs to every project's setupFilesAfterEnv (the CLI flag would replace the user's list instead).
const fs = require('node:fs');
const path = require('node:path');
const projectName = require('./project-name.cjs');
const { fileFilter } = require('../js/scope.cjs');
const { victimFile } = require('../js/victim.cjs');

const SELECT_MODULE = path.join(__dirname, 'select.cjs');

/**
 * The fingerprints' modules (footprints.cjs and what it loads), loaded once per process by Node itself. state-hooks.cjs
 * runs in each test file's context and takes them from here: loaded through jest's module registry instead, they
 * were compiled again for every test file and never ran long enough to be optimized (on the bench's suite, 1.1 ms
 * a test against 0.8 ms from here). The same process as the tests, since trials run in band; the symbol is on
 * Node's own globalThis, which no test file sees.
 */
Object.defineProperty(globalThis, Symbol.for('polluter.jest.footprints'), {
  value: () => require('../js/footprints.cjs'),
  configurable: true,
});

/**
 * polluter's helpers (here, ../js, and the one-line modules selectModuleFor writes) are plain CommonJS that jest
 * loads in every test file: the project's transformer (babel-jest, ts-jest, coverage instrumentation) has nothing to
 * do with them. jest's default transformIgnorePatterns skip them only when polluter is installed under node_modules.
 * Only those modules of the temp dir: `polluter fix` runs the project's own files from a copy beside it.
 */
const UNTRANSFORMED = [
  ...[__dirname, path.join(__dirname, '..', 'js')].map((folder) => `^${escapeRegExp(path.join(folder, path.sep))}`),
  `^${escapeRegExp(path.join(path.dirname(process.env.POLLUTER_PLAN), 'select-'))}[0-9a-f]*\\.cjs$`,
];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const plan = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8'));
const keyOf = (project, file) => JSON.stringify([project, file]);

/**
 * select.cjs runs inside each test file and cannot see which project the file runs under (the same file can be in
 * two), and projects may share their `globals` object: so each project gets a one-line module, in the trial's temp
 * dir, that calls select.cjs with its name.
 */
function selectModuleFor(project) {
  const file = path.join(path.dirname(process.env.POLLUTER_PLAN), `select-${Buffer.from(project).toString('hex')}.cjs`);
  if (!fs.existsSync(file))
    fs.writeFileSync(file, `require(${JSON.stringify(SELECT_MODULE)})(${JSON.stringify(project)});\n`);
  return file;
}

/** jest's own default sequencer, from the user's installation: a listing reports the order of a normal run. */
function defaultSequencer(options) {
  const core = require.resolve('@jest/core', { paths: [process.env.POLLUTER_JEST_DIR] });
  const TestSequencer = require(require.resolve('@jest/test-sequencer', { paths: [path.dirname(core)] }));
  return new (TestSequencer.default ?? TestSequencer)(options);
}

/**
 * A listing that also runs the first trial: the files in the listing's order (the order they run in, here), and which
 * of them is the victim's, written into the plan that select.cjs reads in each test file (the files before the
 * victim's run, the victim's runs up to the victim, the files after it are only listed).
 */
function foldFirstTrial(chosen) {
  const files = chosen.map((test) => ({ project: projectName(test.context.config), file: test.path }));
  const victimAt = victimFile(plan.victim, files, plan.projectDir);
  fs.writeFileSync(process.env.POLLUTER_PLAN, JSON.stringify({ ...plan, files, victimAt }));
}

class PolluterSequencer {
  constructor(options) {
    this.options = options;
  }

  async sort(tests) {
    const chosen = plan.mode === 'run' ? this.planned(tests) : await this.listed(tests);
    if (plan.mode === 'list-run') foldFirstTrial(chosen);
    for (const test of chosen) {
      const config = test.context.config;
      const setup = selectModuleFor(projectName(config));
      if (!config.setupFilesAfterEnv.includes(setup)) config.setupFilesAfterEnv.push(setup);
      for (const pattern of UNTRANSFORMED)
        if (Array.isArray(config.transformIgnorePatterns) && !config.transformIgnorePatterns.includes(pattern))
          config.transformIgnorePatterns.push(pattern);
    }
    return chosen;
  }

  /**
   * A listing: the files of a normal run, in its order; limited to the plan's files when it names some (the others are
   * never loaded). Every test file and project jest found is written first: ids and reproduce commands depend on them.
   */
  async listed(tests) {
    const projects = [...new Set(tests.map((test) => projectName(test.context.config)))];
    const files = [...new Set(tests.map((test) => test.path))];
    fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify({ event: 'test-files', projects, files })}\n`);
    const inScope = fileFilter(plan.files, process.cwd());
    return (await defaultSequencer(this.options).sort([...tests])).filter((test) => inScope(test.path));
  }

  planned(tests) {
    const byKey = new Map(tests.map((test) => [keyOf(projectName(test.context.config), test.path), test]));
    const missing = plan.files.filter((entry) => !byKey.has(keyOf(entry.project, entry.file)));
    if (missing.length > 0) {
      throw new Error(
        `polluter: jest does not find these test files: ${missing.map((entry) => entry.file).join(', ')}`,
      );
    }
    return plan.files.map((entry) => byKey.get(keyOf(entry.project, entry.file)));
  }

  shard(tests) {
    return tests;
  }

  // Nothing of a trial may change the user's jest cache (it decides the order of their normal runs).
  cacheResults() {}

  allFailedTests(tests) {
    return tests;
  }
}

module.exports = PolluterSequencer;
