// What each test of a jest trial leaves changed for the next test (footprints.cjs), measured inside the test file's
// own context: its globalThis, process object, process.env (a copy per file in jest), fake timers and module
// registry. Loaded by select.cjs, the last of setupFilesAfterEnv, when POLLUTER_STATE=1.
//
// Across files, jest hands the next file a fresh context and module registry and restores spies at teardown; only
// the working directory, Node's core modules (one per process) and files reach it.
const vm = require('node:vm');

// footprints.cjs as Node loaded it for the whole process (see sequencer.cjs), or else through jest's registry. It sees
// the test file only through its options (the file's globalThis, process and jest, below); loaded by Node, what it
// names itself is Node's own (the real process.env for its settings, the real clock: a test's fake Date no longer
// reaches the file walk's).
const published = vm.runInThisContext('globalThis')[Symbol.for('polluter.jest.footprints')];
const { CORE_MODULES, Footprints } = typeof published === 'function' ? published() : require('../js/footprints.cjs');

const CROSS_FILE = ['cwd', 'core-module', 'file'];

/**
 * Starts the footprints of one test file. `jestObject` is the file's `jest`, `moduleCache` its `require.cache` (a
 * view of jest's module registry: what `jest.isolateModules` and ESM imports load is not in it).
 */
function watchState({ jestObject, moduleCache, emit }) {
  let core;
  const footprints = new Footprints({
    root: process.env.POLLUTER_ROOT ?? process.cwd(),
    global: globalThis,
    isMock: (value) => jestObject.isMockFunction(value),
    modules: () => Reflect.ownKeys(moduleCache), // one trap call (Object.keys would ask each key for its descriptor)
    exportsOf: (file) => moduleCache[file]?.exports,
    // Node loads each once per process (one for all files with --runInBand), whether the tests use them or not.
    coreModules: () => (core ??= CORE_MODULES.map((name) => [name, require(`node:${name}`)])),
    emit,
    crossFile: CROSS_FILE,
  });
  // Registered now, after jest's own per-test resets and the hooks of the other setup files, before the test file's.
  const state = circusState();
  beforeEach(() => {
    const test = state?.currentlyRunningTest;
    if (test?.polluterRank !== undefined) footprints.testStarts(test.polluterKey);
  });
  return {
    /** Called once all hooks are defined, before the first runs: marks the moments between the tests. */
    placeHooks(root) {
      placeMarkers(root, footprints);
      root.hooks.push(hook(root, 'afterAll', () => footprints.fileEnds()));
    },
  };
}

/** A marker before each block's beforeAll hooks and before its afterAll hooks (jest runs both in definition order). */
function placeMarkers(block, footprints) {
  for (const [type, moment] of [
    ['beforeAll', () => footprints.beforeAll()],
    ['afterAll', () => footprints.afterAll()],
  ]) {
    const first = block.hooks.findIndex((candidate) => candidate.type === type);
    if (first !== -1 && !(type === 'beforeAll' && block.parent === undefined))
      block.hooks.splice(first, 0, hook(block, type, moment));
  }
  for (const child of block.children) if (child.type === 'describeBlock') placeMarkers(child, footprints);
}

/** A hook in jest-circus's own shape (the same in jest 29 and 30). */
function hook(parent, type, fn) {
  return {
    asyncError: new Error(`polluter ${type}`),
    fn: () => fn(),
    parent,
    seenDone: false,
    timeout: undefined,
    type,
  };
}

function circusState() {
  const symbol = Object.getOwnPropertySymbols(globalThis).find(
    (candidate) => candidate.description === 'JEST_STATE_SYMBOL',
  );
  return symbol && globalThis[symbol];
}

module.exports = { watchState };
