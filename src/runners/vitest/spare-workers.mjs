// Spare workers for vitest 4's `forks` pool (vitest 3 has no worker class to adopt by; vitest 5 is not verified).
// Each test worker vitest starts is a new node process that loads vitest's worker runtime before it can run a file:
// 0.15-0.2 s, on every trial's critical path (and on every file's with isolate: true). A spare is that process
// started earlier: by a warm driver before its trial is known, while the trial before still runs, and during a run
// or a collection while the file before runs. It loads vitest's runtime only, nothing of the project, and waits
// (spare-worker.mjs). When vitest starts a worker with the same entry point, node options and environment, the spare
// becomes that worker; otherwise it is stopped and vitest starts its own, as always.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';

const SPARE_WORKER = fileURLToPath(new URL('./spare-worker.mjs', import.meta.url));

/**
 * Variables a trial brings to a process that was started before it (the warm start's): only polluter's setup file
 * reads them, never vitest's runtime, so a spare started without them takes them when adopted.
 */
const LATE = new Set(['POLLUTER_PLAN', 'POLLUTER_EVENTS']);

/**
 * What the last worker vitest started looked like, kept by the driver in POLLUTER_VITEST_SPARE (a file in polluter's
 * own temp dir) for the warm drivers after it: the config's node options and variables are known only once it is
 * loaded, and a warm driver starts its spare before that.
 */
const RECIPE_FILE = process.env.POLLUTER_VITEST_SPARE;

/** vite's `import.meta.env` for a config in test mode with no `.env` files or base of its own. */
const VITE_ENV = { BASE_URL: '/', MODE: 'test', DEV: '1', PROD: '' };

/** Trials' first spares in a row that did not fit, after which warm drivers start none. */
const MISSES_TO_STOP = 2;

export class SpareWorkers {
  constructor() {
    /** The environment before vitest added to it (it puts the config's variables on process.env for its workers). */
    this.base = { ...process.env };
    /** The spare started for the next worker, if any. */
    this.waiting = undefined;
    /** Workers still to start in this run after the current one (with isolate: true, one per test file). */
    this.expected = 0;
    /** Workers started in this run. */
    this.started = 0;
    /** What the last worker vitest started looked like. */
    this.last = undefined;
    /** What the trials before kept (see RECIPE_FILE), read once as this driver starts. */
    this.kept = readRecipe();
    /** The trials' first spares in a row that did not fit (see startFirst). */
    this.misses = this.kept?.misses ?? 0;
    /** What this driver last wrote to RECIPE_FILE. */
    this.written = undefined;
    process.on('exit', () => this.waiting?.stop());
  }

  /**
   * A spare for the run's first worker, started before vitest's modules and the config are loaded (vitest's package
   * folder given): like the last worker the trials before started (their recipe), or else as vitest 4 starts the
   * workers of a config that sets no node options or variables.
   */
  startFirst(vitestFolder) {
    const recipe = this.kept ?? defaultRecipe(vitestFolder, this.base);
    if (recipe.forks === false) return; // the trials before started no fork worker (another pool)
    // A config whose workers differ from one run to the next (a port or a time put in their environment) never gets
    // one that fits: after two in a row, none is started, as it would only take a core from the trial before.
    if ((recipe.misses ?? 0) >= MISSES_TO_STOP) return;
    const env = { ...this.base };
    for (const name of recipe.removed) delete env[name];
    this.waiting = startSpare({
      entrypoint: recipe.entrypoint,
      execArgv: recipe.execArgv,
      env: { ...env, ...recipe.added },
    });
    this.waiting.first = true;
  }

  /**
   * Puts the spares in the way of the project's vitest (`vitest/node`) starting its fork workers. False when that
   * vitest has no fork workers to adopt (before vitest 4): then no spare is kept.
   */
  install(node) {
    const Worker = node.ForksPoolWorker;
    if (typeof Worker?.prototype?.start !== 'function') {
      this.waiting?.stop();
      this.waiting = undefined;
      return false;
    }
    const spares = this;
    const start = Worker.prototype.start;
    Worker.prototype.start = async function startWorker() {
      const wanted = { entrypoint: this.entrypoint, execArgv: this.execArgv, env: this.env };
      const spare = await spares.adoptFor(this, wanted);
      try {
        await start.call(this);
      } finally {
        // A vitest that starts its process another way has not used it.
        if (spare !== undefined && this._fork !== spare.child) spare.stop();
        spares.prepare(wanted);
      }
    };
    return true;
  }

  /**
   * Before a run (a trial, or a collection) that will start `count` workers: the waiting spare is for the first (without
   * one, one like the last worker this driver started starts now; before any, the first starts as vitest starts it),
   * and each start starts a spare for the next.
   */
  expect(count) {
    this.started = 0;
    this.expected = Math.max(0, count - 1);
    if (this.waiting === undefined && count > 0 && this.last !== undefined) this.waiting = startSpare(this.last);
  }

  /** After a run: one that started no fork worker (a config with another pool) is remembered, so no spare is started. */
  ran() {
    if (this.started === 0) this.keep({ forks: false, misses: this.misses });
  }

  /** Before `worker` starts its process: gives it the waiting spare when that one fits. Returns the spare adopted. */
  async adoptFor(worker, wanted) {
    const spare = this.waiting;
    this.waiting = undefined;
    this.started += 1;
    this.last = wanted;
    const fits = spare?.fits(wanted) ?? false;
    // Counted across the trials' processes: the count as the last of them left it.
    if (spare?.first) this.misses = fits ? 0 : (readRecipe()?.misses ?? 0) + 1;
    this.keep({ ...recipeOf(wanted, this.base), misses: this.misses });
    if (spare === undefined) return undefined;
    if (!fits || !(await spare.adopt(wanted.env))) {
      spare.stop();
      return undefined;
    }
    worker._fork = spare.child; // ForksPoolWorker.start forks only when it has no process yet
    return spare;
  }

  /**
   * Kept for the warm drivers after this one: what the last worker vitest started looked like, or that none started.
   * Written only when it changed: with isolate: true every file's worker would write the same again.
   */
  keep(recipe) {
    const text = JSON.stringify(recipe);
    if (RECIPE_FILE === undefined || text === this.written) return;
    this.written = text;
    try {
      // Written whole, then renamed: a warm driver reading it meanwhile sees the old one or the new one.
      const partial = `${RECIPE_FILE}.${process.pid}`;
      fs.writeFileSync(partial, text, { mode: 0o600 });
      fs.renameSync(partial, RECIPE_FILE);
    } catch {
      // Only a later spare's fit depends on it.
    }
  }

  /** Once a worker has started: a spare for the next one, like it, when the run needs more. */
  prepare(wanted) {
    if (this.expected <= 0 || this.waiting !== undefined) return;
    this.expected -= 1;
    this.waiting = startSpare(wanted);
  }
}

/** One spare process: started with a worker's recipe, adopted by a worker whose recipe is the same. */
function startSpare(recipe) {
  const child = fork(SPARE_WORKER, [recipe.entrypoint], {
    env: recipe.env,
    execArgv: recipe.execArgv,
    stdio: 'pipe', // as vitest's own workers: it pipes their output to its logger once adopted
    serialization: 'advanced',
  });
  child.on('error', () => {}); // a spare that failed to start is never adopted (its exit settles `adopt`)
  const exited = new Promise((resolve) => child.once('exit', () => resolve(false)));
  return {
    child,
    fits: (wanted) =>
      wanted.entrypoint === recipe.entrypoint &&
      sameList(wanted.execArgv, recipe.execArgv) &&
      sameEnv(wanted.env, recipe.env),
    adopt(env) {
      const adopted = new Promise((resolve) => {
        const onMessage = (message) => {
          if (message?.polluterSpareWorker !== 'adopted') return;
          child.off('message', onMessage);
          resolve(true);
        };
        child.on('message', onMessage);
      });
      try {
        child.send({ polluterSpareWorker: 'adopt', env });
      } catch {
        return Promise.resolve(false);
      }
      return Promise.race([adopted, exited]);
    },
    stop: () => child.kill('SIGKILL'),
  };
}

/** The same variables, but for those a trial brings late. */
function sameEnv(wanted, had) {
  const names = new Set([...Object.keys(wanted), ...Object.keys(had)]);
  for (const name of names) if (!LATE.has(name) && wanted[name] !== had[name]) return false;
  return true;
}

function sameList(a, b) {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * What vitest 4.1 gives the workers of a config without node options, variables, `.env` files or resolve conditions
 * of its own (resolveOptions and resolveConditions in its pool; vite's `import.meta.env` put on process.env where not
 * set). When a config differs, the first spare does not fit and vitest starts that worker itself; the recipe the
 * driver then keeps fits the next trials.
 */
function defaultRecipe(vitestFolder, base) {
  const profiling = process.execArgv.filter((option) =>
    ['--cpu-prof', '--heap-prof', '--diagnostic-dir'].some((prefix) => option.startsWith(prefix)),
  );
  return {
    entrypoint: path.join(vitestFolder, 'dist', 'workers', 'forks.js'),
    execArgv: [
      ...profiling,
      '--experimental-import-meta-resolve',
      ...(process.versions.pnp ? [] : ['--require', path.join(vitestFolder, 'suppress-warnings.cjs')]),
      ...['--conditions', 'node', '--conditions', 'development'],
    ],
    added: {
      // vite's import.meta.env of a plain config, put on process.env where it is not set.
      ...Object.fromEntries(Object.entries(VITE_ENV).filter(([name]) => !(name in base))),
      TEST: 'true',
      VITEST: 'true',
      NODE_ENV: base.NODE_ENV || 'test',
      VITEST_MODE: 'RUN',
      FORCE_TTY: isatty(1) ? 'true' : '',
    },
    removed: [],
  };
}

/** A worker's recipe as differences from the driver's environment before vitest loaded (`base`). */
function recipeOf({ entrypoint, execArgv, env }, base) {
  const added = {};
  for (const [name, value] of Object.entries(env)) if (!LATE.has(name) && base[name] !== value) added[name] = value;
  const removed = Object.keys(base).filter((name) => !LATE.has(name) && !(name in env));
  return { entrypoint, execArgv, added, removed };
}

function readRecipe() {
  if (RECIPE_FILE === undefined) return undefined;
  try {
    const recipe = JSON.parse(fs.readFileSync(RECIPE_FILE, 'utf8'));
    if (recipe.forks === false) return recipe;
    return Array.isArray(recipe.execArgv) && Array.isArray(recipe.removed) ? recipe : undefined;
  } catch {
    return undefined;
  }
}
