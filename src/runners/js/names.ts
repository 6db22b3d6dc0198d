import type { JsTest } from './test-tree.js';

/** A literal string as a JavaScript regular expression (what jest's and vitest's `-t` take). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A `-t` pattern that picks exactly `tests` when a runner's own command line can run them: all of one file (and
 * project), in definition order (what the runner keeps), and no other test of the file has a matching name. Names
 * are matched joined by `separator`, with the runner's regex `flags`. `all` lists each file's tests in definition order.
 */
export function selectingPattern(
  tests: readonly JsTest[],
  all: readonly JsTest[],
  separator: string,
  flags: string,
): string | undefined {
  const first = tests[0];
  if (first === undefined || tests.some((test) => test.file !== first.file || test.project !== first.project))
    return undefined;
  const inFile = all.filter(
    (test) => test.file === first.file && test.project === first.project && test.mode === 'run',
  );
  const positions = tests.map((test) => inFile.indexOf(test));
  if (positions.some((position, index) => index > 0 && position < positions[index - 1]!)) return undefined;
  const names = [...new Set(tests.map((test) => test.path.join(separator)))];
  const pattern = `^(?:${names.map(escapeRegExp).join('|')})$`;
  const matcher = new RegExp(pattern, flags);
  return inFile.filter((test) => matcher.test(test.path.join(separator))).length === tests.length ? pattern : undefined;
}
