// A jest trial's process started ahead (a warm start, see src/runners/warm-starts.ts): `node warm.cjs <jest's
// arguments>` in the user's project. While the trial before it runs, it loads the modules of the project's own jest
// that every run loads (jest-cli, @jest/core, jest-config, the runtime, the transformer, the reporters: most of a
// small trial's start-up), says so on fd 3, and waits there for its trial. Then it is `node jest/bin/jest.js
// <arguments>`, run once, in this process: jest reads its config, the project's files and the tests only now.
//
// polluter starts it with the environment its trial will have (the worker id and temp dir of its slot, NO_COLOR,
// CI): jest-config computes its default cache directory from the temp dir, and ci-info and the colour support read
// CI and the terminal, when they load. The trial adds only where its plan and events are (POLLUTER_PLAN,
// POLLUTER_EVENTS), read by polluter's own helpers, which jest loads during the run. Nothing of the project runs
// before the trial: the config is project code and may read what the trial before changed.
const path = require('node:path');
const { exchange } = require('../js/warm-channel.cjs');

/** jest's modules, each resolved from the package that depends on it, as jest itself resolves them. */
function preload(jestDir) {
  const load = (name, from) => {
    if (from === undefined) return undefined;
    try {
      require(require.resolve(name, { paths: [from] }));
      return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
    } catch {
      return undefined; // not there in this version: jest loads what it needs during the run, as it would cold
    }
  };
  const cli = load('jest-cli', jestDir);
  const core = load('@jest/core', cli);
  const config = load('jest-config', cli);
  for (const name of [
    'jest-runtime',
    'jest-runner',
    '@jest/transform',
    'jest-haste-map',
    '@jest/reporters',
    'jest-snapshot',
  ])
    load(name, core);
  // What a small trial still loaded after the above (measured with jest 30: 114 modules): the bin's helpers and
  // argument parser, the resolver, the default environment with its mocks and fake timers, the test runner, and
  // babel's targets (browserslist and its data), which babel-jest's config loading requires.
  load('import-local', jestDir);
  load('yargs', cli);
  const environment = load('jest-environment-node', config);
  load('@jest/fake-timers', environment);
  load('jest-mock', environment);
  load('unrs-resolver', load('jest-resolve', core)); // jest 30's resolver (a native binding)
  load('jest-circus/runner', config);
  const babelJest = load('babel-jest', config); // the default transformer: loading it runs nothing of the project's babel config
  load('babel-preset-jest', babelJest);
  load('@babel/helper-compilation-targets', load('@babel/core', babelJest));
  return cli !== undefined && core !== undefined && config !== undefined;
}

async function main() {
  const jestDir = process.env.POLLUTER_JEST_DIR;
  // Never ready: polluter runs the trial cold, and that run reports what is wrong.
  if (!preload(jestDir)) process.exit(3);
  const trial = await exchange({ jest: require(path.join(jestDir, 'package.json')).version });
  if (trial === undefined) process.exit(0); // polluter is gone
  Object.assign(process.env, trial.env);
  const bin = path.join(jestDir, 'bin', 'jest.js');
  process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
  require(bin);
}

main();
