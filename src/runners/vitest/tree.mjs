// How polluter names the tests of one file. Shared by driver.mjs (main process) and setup.mjs (test worker):
// both see vitest's raw task tree (`{ type, name, mode, tasks }`), and both must agree on every key.

/**
 * Every test of a file (or suite) in definition order, with its describe names + title, its ordinal among
 * the file's tests with the same names (0 for the first), and whether an enclosing describe block is skipped. Only definition order counts for ordinals, so call
 * this before anything reorders `tasks`.
 */
export function keyedTests(file) {
  const tests = [];
  const seen = new Map();
  const walk = (suite, names, insideSkipped) => {
    for (const task of suite.tasks ?? []) {
      if (task.type === 'suite') {
        walk(task, [...names, task.name], insideSkipped || task.mode === 'skip' || task.mode === 'todo');
        continue;
      }
      const path = [...names, task.name];
      const name = JSON.stringify(path);
      const ordinal = seen.get(name) ?? 0;
      seen.set(name, ordinal + 1);
      tests.push({ task, path, ordinal, insideSkipped });
    }
  };
  walk(file, [], false);
  return tests;
}

/**
 * Whether vitest runs the test: not when it is skipped or todo, nor inside a skipped or todo describe block, whose
 * tests vitest never starts even when one says `.only` (its own mode is then `run`).
 */
export function modeOf({ task, insideSkipped }) {
  if (task.mode === 'todo') return 'todo';
  return task.mode === 'skip' || insideSkipped ? 'skip' : 'run';
}

/**
 * The tests of a file that the first trial runs before polluter has listed it (driver.mjs, FirstRun), from its keyed
 * tests: all that run, or, for the victim's file (`entry.until`), those up to the victim, found with victim.cjs's
 * `victimTest`. `victim` is the victim's index among `keyed`; -1, and no tests, when it is not a test of this file
 * that runs. The driver (main process) and setup.mjs (worker) pick with this one function from the same tree.
 */
export function firstTrialTests(entry, keyed, victimTest) {
  const runs = (last) => keyed.filter((test, index) => index <= last && modeOf(test) === 'run');
  if (entry.until === undefined) return { tests: runs(keyed.length - 1), victim: -1 };
  const { victim, projectDir } = entry.until;
  const index = victimTest(victim, entry, keyed, projectDir);
  if (index === -1 || modeOf(keyed[index]) !== 'run') return { tests: [], victim: -1 };
  return { tests: runs(index), victim: index };
}

/** A test's identity inside its file, as a Map key. */
export const keyString = (path, ordinal) => JSON.stringify([path, ordinal]);

/** A file's identity inside a run: the same file can belong to several projects. */
export const fileKey = (project, file) => JSON.stringify([project ?? '', file]);
