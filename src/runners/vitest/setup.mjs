// Added by driver.mjs in front of every project's setupFiles during a trial. vitest evaluates it in the test worker
// before each test file, so its hooks are the file's first ones:
// - the beforeAll runs once the whole file is collected and before any of its tests. It skips what the plan did
//   not select (vitest 3 selects by line, so tests sharing a line, such as test.each cases, come along) and
//   reorders siblings so that the planned tests run in the plan's order (vitest itself only runs definition order).
// - the beforeEach appends a `start` event from inside the worker. The main process hears of tests in batches and
//   loses the last ones when a worker dies, but this line is on disk before the test's own hooks and body run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { firstTrialTests, keyedTests, keyString } from './tree.mjs';

// A plain `import ... from 'vitest'` would resolve from polluter's folder (or, when vitest inlines this file, fail
// there too). The driver passes the project's own vitest entry: the module instance the test files register with.
const { beforeAll, beforeEach } = await import(process.env.POLLUTER_VITEST_ENTRY);
const plan = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8'));
// vitest sets VITEST_POOL_ID in its worker; a trial run side by side with others (--jobs) is told its own.
if (process.env.POLLUTER_WORKER_ID) process.env.VITEST_POOL_ID = process.env.POLLUTER_WORKER_ID;
const write = (event) => fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify(event)}\n`);
const runs = (task) => task.mode === 'run' || task.mode === 'queued';
// The first trial's victim is found among its file's tests here, with the function the driver uses.
const { victimTest } = plan.files?.some((entry) => entry.until !== undefined)
  ? createRequire(import.meta.url)(process.env.POLLUTER_VICTIMS)
  : {};

// vitest 3 calls a beforeAll hook with the suite; vitest 4 with a context first and the suite second, and it
// rejects a first parameter that is not a destructuring pattern. Hence no parameters and `arguments`.
beforeAll(function () {
  const file = [...arguments].find((argument) => argument?.type === 'suite');
  const project = file.projectName ?? '';
  const entry = plan.files?.find(
    (candidate) => candidate.file === file.filepath && (candidate.project ?? '') === project,
  );
  if (entry === undefined) return;
  file.meta.polluter = 'applied'; // task meta reaches the main process: the driver checks that this hook ran
  const keyed = keyedTests(file);
  // A file the first trial runs before polluter has listed it comes without its tests (driver.mjs, FirstRun).
  const planned = entry.tests ?? firstTrialTests(entry, keyed, victimTest).tests;
  const rank = new Map(planned.map((test, index) => [keyString(test.path, test.ordinal), index]));
  for (const { task, path, ordinal } of keyed) {
    const index = rank.get(keyString(path, ordinal));
    if (index === undefined) {
      if (runs(task)) task.mode = 'skip';
      continue;
    }
    task.polluterRank = index;
    task.polluterKey = { project, file: file.filepath, path, ordinal };
  }
  skipIdleSuites(file);
  reorder(file);
});

beforeEach(function () {
  const key = arguments[0]?.task?.polluterKey;
  if (key !== undefined) write({ event: 'start', key });
});

/** A describe left with no test to run is skipped as a whole, as vitest does itself, so its hooks don't run. */
function skipIdleSuites(suite) {
  let active = false;
  for (const task of suite.tasks) {
    if (task.type !== 'suite') active ||= runs(task);
    else if (skipIdleSuites(task)) active = true;
    else if (runs(task)) task.mode = 'skip';
  }
  return active;
}

/** Sorts each suite's children by the earliest planned test inside them (stable); returns the suite's earliest. */
function reorder(suite) {
  const ranks = new Map(
    suite.tasks.map((task) => [task, task.type === 'suite' ? reorder(task) : (task.polluterRank ?? Infinity)]),
  );
  suite.tasks.sort((a, b) => (ranks.get(a) < ranks.get(b) ? -1 : ranks.get(a) > ranks.get(b) ? 1 : 0));
  return Math.min(Infinity, ...ranks.values());
}
