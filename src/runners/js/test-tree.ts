import { relative, sep } from 'node:path';

/** One test of a jest or vitest suite, as the runner's helper reported it while listing. */
export interface JsTest {
  /** The project it belongs to ('' when the config has none); a file can belong to several. */
  project: string;
  /** Absolute path of the test file. */
  file: string;
  /** Describe names, then the test's title. */
  path: string[];
  /** Among the file's tests with the same path, in definition order: 0 for the first. */
  ordinal: number;
  /** `skip` and `todo` tests never run, so they are never predecessors. */
  mode: 'run' | 'skip' | 'todo';
  /** vitest ≥ 4: the runner's own id, valid only for this vitest version and config. */
  runnerId?: string | undefined;
  /** vitest 3: the line the test is declared on, its only handle for selection. */
  line?: number | undefined;
}

/** A test as its helper file identifies it in plans and events. */
export interface TestKey {
  project: string;
  file: string;
  path: string[];
  ordinal: number;
}

export const keyString = (key: TestKey): string => JSON.stringify([key.project, key.file, key.path, key.ordinal]);

/**
 * The ids users see: `file > describe > … > title`, the file relative to the project directory, `|project| ` in front
 * when the config has several projects, and ` #2`, ` #3` … on later tests whose full name repeats an earlier one.
 * Two tests never share an id, even when a title itself ends in ` #2` or contains ` > `.
 */
export function assignIds(
  tests: readonly JsTest[],
  projectDir: string,
  severalProjects = new Set(tests.map((test) => test.project)).size > 1,
): Map<string, JsTest> {
  const byId = new Map<string, JsTest>();
  for (const test of tests) {
    const prefix = severalProjects ? `|${test.project}| ` : '';
    const name = [fileId(test.file, projectDir), ...test.path].join(' > ');
    let id = `${prefix}${name}`;
    for (let suffix = Math.max(2, test.ordinal + 1); byId.has(id); suffix += 1) id = `${prefix}${name} #${suffix}`;
    byId.set(id, test);
  }
  return byId;
}

/** A test file as ids name it: relative to the project, with forward slashes on every platform. */
export function fileId(file: string, projectDir: string): string {
  return relative(projectDir, file).split(sep).join('/');
}

export interface PlannedFile {
  project: string;
  file: string;
  tests: JsTest[];
}

/**
 * The plan a helper file runs: files in the order of their first test, each with its tests in the given order.
 * A runner runs a file's tests together, so an order that returns to a file it left cannot be kept exactly.
 */
export function planFiles(tests: readonly JsTest[]): PlannedFile[] {
  const files = new Map<string, PlannedFile>();
  for (const test of tests) {
    const key = JSON.stringify([test.project, test.file]);
    let entry = files.get(key);
    if (entry === undefined) files.set(key, (entry = { project: test.project, file: test.file, tests: [] }));
    entry.tests.push(test);
  }
  return [...files.values()];
}
