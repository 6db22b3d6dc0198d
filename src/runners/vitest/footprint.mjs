// Added by driver.mjs at the end of every project's setupFiles during a trial when POLLUTER_STATE=1: what each
// planned test leaves changed for the next test (../js/footprints.cjs), measured in the test worker. Its beforeEach
// comes after vitest's own per-test resets (restoreMocks, unstubEnvs, … run before any hook) and after the other
// setup files' hooks, before the test file's own.
//
// What outlives a test file depends on the project's settings: with isolate (the default) every file runs in a new
// process (forks) or worker (threads), so only files reach the next one; with isolate: false, and in the vm pools
// (measured with vitest 4.1: process.env, globalThis properties, core modules and listeners all reached the next
// file), everything does except spies, which vitest restores after each file.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const { beforeAll, beforeEach, vi } = await import(process.env.POLLUTER_VITEST_ENTRY);
// The runner's hook lists, from the same @vitest/runner instance the worker runs the tests with.
const { getHooks } = await import(process.env.POLLUTER_VITEST_RUNNER);
const require = createRequire(import.meta.url);
const { CORE_MODULES, Footprints } = require(process.env.POLLUTER_FOOTPRINTS);
const write = (event) => fs.appendFileSync(process.env.POLLUTER_EVENTS, `${JSON.stringify(event)}\n`);

// vitest's worker state (private): the loaded modules and the project's resolved config.
const worker = globalThis.__vitest_worker__;
const config = worker?.config ?? {};
let listedModules = { size: -1, files: [] }; // see loadedModules
const footprints = new Footprints({
  root: process.env.POLLUTER_ROOT ?? process.cwd(),
  global: globalThis,
  isMock: (value) => vi.isMockFunction(value),
  // vitest 4: Vite's module runner (file → its module nodes); vitest 3: vite-node's cache (file → module).
  modules: loadedModules,
  exportsOf: (file) => {
    const files = worker?.evaluatedModules?.fileToModulesMap;
    // A vi.mock'ed module is a module of its own (vitest 4: `mock:<file>`): its exports are what the tests import.
    const nodes = files?.get(`mock:${file}`) ?? files?.get(file);
    return nodes ? nodes.values().next().value?.exports : worker?.moduleCache?.get(file)?.exports;
  },
  coreModules: loadedCoreModules(),
  emit: (key, changes, seconds) => write({ event: 'changes', key, changes, seconds }),
  crossFile: crossFileKinds(config),
});

/**
 * The files of the modules the worker has loaded (vitest 4: Vite's module runner, file → its module nodes; vitest 3:
 * vite-node's cache, file → module), listed again only when their number changed: as the fingerprints' own caches
 * of them are (a worker without isolation holds thousands, and every snapshot asks).
 */
function loadedModules() {
  const loaded = worker?.evaluatedModules?.fileToModulesMap ?? worker?.moduleCache ?? new Map();
  if (loaded.size !== listedModules.size) listedModules = { size: loaded.size, files: [...loaded.keys()] };
  return listedModules.files;
}
/**
 * The core modules the worker has loaded, looked up again when it loads more: with isolate, every file starts a
 * new process, and loading the others there (http, crypto, …) would cost more than all of its fingerprints.
 */
function loadedCoreModules() {
  let seen = -1;
  let modules = [];
  return () => {
    const loaded = process.moduleLoadList ?? [];
    if (loaded.length !== seen) {
      seen = loaded.length;
      const names = new Set(loaded);
      modules = CORE_MODULES.filter((name) => names.has(`NativeModule ${name}`)).map((name) => [name, require(name)]);
    }
    return modules;
  };
}

function crossFileKinds({ isolate, pool }) {
  if (isolate === false || String(pool ?? '').startsWith('vm'))
    return ['env', 'cwd', 'global', 'timers', 'listener', 'core-module', 'file'];
  return ['file'];
}

beforeAll(function () {
  const file = [...arguments].find((argument) => argument?.type === 'suite');
  if (file !== undefined) placeMarkers(file, config.sequence?.hooks ?? 'stack');
});

beforeEach(function () {
  const key = arguments[0]?.task?.polluterKey; // set by setup.mjs on the planned tests
  if (key !== undefined) footprints.testStarts(key);
});

/**
 * A marker before each describe block's beforeAll hooks and before each block's afterAll hooks, and the end of the
 * file after its last afterAll. vitest runs afterAll hooks last-registered first ('stack', the default) or in order.
 */
function placeMarkers(suite, order) {
  const hooks = getHooks(suite);
  const first = (list, hook) => (order === 'stack' ? list.push(hook) : list.unshift(hook));
  const last = (list, hook) => (order === 'stack' ? list.unshift(hook) : list.push(hook));
  // The file's own beforeAll list is running right now: it is left alone (nothing is pending at a file's start).
  if (suite.type === 'suite' && suite.file !== suite && hooks.beforeAll.length > 0)
    hooks.beforeAll.unshift(() => footprints.beforeAll());
  if (hooks.afterAll.length > 0) first(hooks.afterAll, () => footprints.afterAll());
  if (suite.file === suite) last(hooks.afterAll, () => footprints.fileEnds());
  for (const task of suite.tasks ?? []) if (task.type === 'suite') placeMarkers(task, order);
}
