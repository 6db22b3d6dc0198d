// Runs in every test file's context (setupFilesAfterEnv), after the tests are defined and before any runs:
// a listing records the test tree and skips everything; a trial skips the unplanned tests and reorders siblings
// so the planned ones run in the planned order. jest 30 lets us add a circus event handler; jest 29 keeps its
// handlers private, so there we watch the moment circus marks its state as started.
// A listing that also runs the first trial (`list-run`) records every file's tests; the files before the victim's
// then run as a trial's planned files do, the victim's up to the victim, and the files after it are only listed.
const fs = require('node:fs');
const { victimTest } = require('../js/victim.cjs');

// In a `list-run`, the sequencer has written the files' order and the victim's file into the plan by now.
const plan = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8'));
let file;
let project;
/** In a `list-run`, where this file is among the listed ones against the victim's: before, victim, after. */
let place;
let footprints;
const write = (event) =>
  fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify({ ...event, project, file })}\n`);

/** What each planned test leaves changed for the next one (state-hooks.cjs), unless POLLUTER_STATE=0. */
function watchState() {
  if (process.env.POLLUTER_STATE !== '1') return undefined;
  return require('./state-hooks.cjs').watchState({
    jestObject: jest,
    moduleCache: require.cache,
    emit: (key, changes, seconds) => write({ event: 'changes', ...key, changes, seconds }),
  });
}

function placeOf() {
  const at = (plan.files ?? []).findIndex((entry) => entry.file === file && entry.project === project);
  if (at === -1 || plan.victimAt === -1 || at > plan.victimAt) return 'after';
  return at < plan.victimAt ? 'before' : 'victim';
}

/** Every test of the file in definition order, with its describe path, ordinal among same-path tests and mode. */
function testsOf(root, hasFocusedTests) {
  const tests = [];
  const seen = new Map();
  const walk = (block, names, skipped, focused) => {
    for (const child of block.children) {
      if (child.type === 'describeBlock') {
        walk(child, [...names, child.name], skipped || child.mode === 'skip', focused || child.mode === 'only');
        continue;
      }
      const path = [...names, child.name];
      const key = JSON.stringify(path);
      const ordinal = seen.get(key) ?? 0;
      seen.set(key, ordinal + 1);
      const mode =
        child.mode === 'todo'
          ? 'todo'
          : skipped || child.mode === 'skip' || (hasFocusedTests && !focused && child.mode !== 'only')
            ? 'skip'
            : 'run';
      tests.push({ node: child, path, ordinal, mode });
      child.polluterKey ??= { path, ordinal }; // ordinals count definition order, whatever the order later
    }
  };
  walk(root, [], false, false);
  return tests;
}

function apply(state) {
  const tests = testsOf(state.rootDescribeBlock, state.hasFocusedTests);
  if (plan.mode === 'list-run') {
    write({ event: 'tests', tests: tests.map(({ path, mode }) => ({ path, mode })) });
    const running = tests.filter((test) => test.mode === 'run');
    if (place === 'before') return runOnly(state, tests, running);
    const victim = place === 'victim' ? victimTest(plan.victim, { project, file }, tests, plan.projectDir) : -1;
    if (victim === -1 || tests[victim].mode !== 'run') {
      for (const test of tests) test.node.mode = 'skip';
      return;
    }
    write({ event: 'victim', path: tests[victim].path, ordinal: tests[victim].ordinal });
    return runOnly(
      state,
      tests,
      running.filter((test) => tests.indexOf(test) <= victim),
    );
  }
  if (plan.mode === 'list') {
    write({ event: 'tests', tests: tests.map(({ path, mode }) => ({ path, mode })) });
    if (plan.seed === undefined) {
      for (const test of tests) test.node.mode = 'skip';
      return;
    }
    // A seeded shuffle happens while the tests run, so they run, but with every test body and hook emptied: each
    // test only reports its place in the shuffled order.
    for (const test of tests) test.node.fn = () => write({ event: 'ran', ...test.node.polluterKey });
    emptyHooks(state.rootDescribeBlock);
    return;
  }
  const entry = plan.files.find((candidate) => candidate.file === file && candidate.project === project);
  runOnly(state, tests, entry?.tests ?? []);
}

/** Skips every test but the planned ones ({ path, ordinal }) and runs those in the planned order. */
function runOnly(state, tests, planned) {
  const rank = new Map(planned.map((test, index) => [JSON.stringify([...test.path, test.ordinal]), index]));
  const found = new Set();
  for (const test of tests) {
    const key = JSON.stringify([...test.path, test.ordinal]);
    if (rank.has(key)) {
      test.node.polluterRank = rank.get(key);
      found.add(key);
    } else test.node.mode = 'skip';
  }
  const missing = [...rank.keys()].filter((key) => !found.has(key)).map((key) => JSON.parse(key));
  if (missing.length > 0)
    write({ event: 'missing', tests: missing.map((key) => ({ path: key.slice(0, -1), ordinal: key.at(-1) })) });
  reorder(state.rootDescribeBlock);
  // What will really run, in order: a describe block keeps its tests together, so a planned order that
  // interleaves two blocks cannot be followed exactly.
  const order = testsOf(state.rootDescribeBlock, false).filter((test) => test.node.polluterRank !== undefined);
  write({ event: 'order', tests: order.map((test) => test.node.polluterKey) });
  footprints?.placeHooks(state.rootDescribeBlock);
}

function emptyHooks(block) {
  for (const hook of block.hooks) hook.fn = () => {};
  for (const child of block.children) if (child.type === 'describeBlock') emptyHooks(child);
}

/** Sorts every block's children by the earliest planned test inside them; the sort is stable. */
function reorder(block) {
  const rankOf = (child) => {
    if (child.type !== 'describeBlock') return child.polluterRank ?? Infinity;
    reorder(child);
    return Math.min(Infinity, ...child.children.map(rankOf));
  };
  const ranks = new Map(block.children.map((child) => [child, rankOf(child)]));
  block.children.sort((a, b) => ranks.get(a) - ranks.get(b));
}

/** Called by the project's one-line setup module (see sequencer.cjs) with the project's name. */
module.exports = function select(projectName) {
  // jest --runInBand sets JEST_WORKER_ID to 1; a trial run side by side with others (--jobs) is told its own.
  if (process.env.POLLUTER_WORKER_ID) process.env.JEST_WORKER_ID = process.env.POLLUTER_WORKER_ID;
  project = projectName;
  file = expect.getState().testPath;
  if (plan.mode === 'list-run') place = placeOf();
  // Registered now, while the setup files run: the tests that will run are this file's.
  if (plan.mode === 'run' || place === 'before' || place === 'victim') footprints = watchState();
  const handlers = globalThis[Symbol.for('EVENT_HANDLERS')];
  if (Array.isArray(handlers)) {
    handlers.push((event, state) => {
      if (event.name === 'run_start') apply(state);
    });
  } else {
    const symbol = Object.getOwnPropertySymbols(globalThis).find(
      (candidate) => candidate.description === 'JEST_STATE_SYMBOL',
    );
    if (symbol === undefined)
      throw new Error('polluter: this jest does not run tests with jest-circus (testRunner jest-jasmine2?)');
    const state = globalThis[symbol];
    let started = state.hasStarted;
    Object.defineProperty(state, 'hasStarted', {
      configurable: true,
      enumerable: true,
      get: () => started,
      set: (value) => {
        if (value && !started) apply(state);
        started = value;
      },
    });
  }
};
