// How CI artifacts name tests, and how those names compare with the project's ids: pure helpers for the parsers,
// the victim's lookup and the resolver.
import type { ArtifactTest } from './artifact-test.js';

/** Forward slashes, no `./` in front: paths from Windows runners and from `./tests/x.py` compare with the project's. */
export function normalPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/**
 * Two paths of the same file as two machines print them: equal, or one ends with the other at a `/` (CI's checkout
 * `/home/runner/work/app/app/tests/x.py` vs `tests/x.py`, or a rootdir one level above the project: `api/tests/x.py`).
 */
export function samePath(a: string, b: string): boolean {
  const [x, y] = [normalPath(a), normalPath(b)];
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

/**
 * pytest-xdist's `--dist loadgroup` appends `@group` to the node ids it prints (pytest < 9.2). The `@` counts only
 * after the last `]`, as xdist splits it, so a parameter like `[a@b]` stays.
 */
export function withoutXdistGroup(nodeid: string): string {
  const at = nodeid.lastIndexOf('@');
  return at > nodeid.lastIndexOf(']') && at > nodeid.lastIndexOf('::') ? nodeid.slice(0, at) : nodeid;
}

/** A pytest node id's file (before the first `::`) and the rest. */
export function splitNodeid(nodeid: string): { file: string; rest: string } {
  const at = nodeid.indexOf('::');
  return at < 0 ? { file: nodeid, rest: '' } : { file: nodeid.slice(0, at), rest: nodeid.slice(at + 2) };
}

/**
 * The (classname, name) pytest's junitxml writes for a node id: the file's path dotted without `.py`, the classes,
 * then the function with its parameters (`tests/sub/test_x.py::TestA::TestB::test_c[1-x]` →
 * `tests.sub.test_x.TestA.TestB`, `test_c[1-x]`).
 */
export function pytestJunitPair(nodeid: string): { classname: string; name: string } {
  const bracket = nodeid.indexOf('[');
  const [path, params] = bracket < 0 ? [nodeid, ''] : [nodeid.slice(0, bracket), nodeid.slice(bracket)];
  const names = path.split('::');
  names[0] = names[0]!.replace(/\//g, '.').replace(/\.py$/, '');
  return { classname: names.slice(0, -1).join('.'), name: `${names.at(-1)!}${params}` };
}

/** Dotted module paths of one test as two rootdirs print them: equal, or one ends with the other at a `.`. */
export function sameClassname(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** A jest or vitest id taken apart: `|project| ` prefix, file, and the titles joined with ` > ` (ordinal suffix kept). */
export function splitJsId(id: string): { project: string | undefined; file: string; titles: string } {
  const prefix = /^\|([^|]*)\| /.exec(id);
  const body = prefix ? id.slice(prefix[0].length) : id;
  const at = body.indexOf(' > ');
  return { project: prefix?.[1], file: at < 0 ? body : body.slice(0, at), titles: at < 0 ? '' : body.slice(at + 3) };
}

/** A path that names a JS test file rather than a describe title (vitest's JUnit `classname`). */
export function looksLikeJsFile(text: string): boolean {
  return /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(text);
}

/** How a test is named in messages: as the artifact wrote it. */
export function describeTest(test: ArtifactTest): string {
  if (test.nodeid !== undefined) return test.nodeid;
  const titles = (test.titles ?? []).join(' > ');
  const project = test.project ? `|${test.project}| ` : '';
  return test.file !== undefined ? `${project}${test.file} > ${titles}` : `${project}${titles}`;
}
