import { structuredPatch } from 'diff';
import type { FileEdit } from './types.js';

/** The edits as `git diff` writes them: paths from the project root under a/ and b/, so that `git apply` takes them. */
export function unifiedDiff(edits: readonly FileEdit[]): string {
  return edits.map(fileDiff).join('');
}

function fileDiff(edit: FileEdit): string {
  const created = edit.before === null;
  const header = [`diff --git a/${edit.file} b/${edit.file}`];
  if (created) header.push('new file mode 100644');
  header.push(created ? '--- /dev/null' : `--- a/${edit.file}`, `+++ b/${edit.file}`);
  const { hunks } = structuredPatch(edit.file, edit.file, edit.before ?? '', edit.after, undefined, undefined, {
    context: 3,
  });
  const body = hunks.flatMap((hunk) => {
    // An empty side starts at line 0, as diff and git write it.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    return [`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`, ...hunk.lines];
  });
  return `${[...header, ...body].join('\n')}\n`;
}

function range(start: number, lines: number): string {
  return lines === 1 ? `${start}` : `${start},${lines}`;
}

// A fix may not skip, focus or weaken a test: what it adds and removes is read line by line.
const ADDED_WEAKENING = [
  /\bpytest\.(skip|xfail|importorskip)\b/,
  /@pytest\.mark\.(skip|skipif|xfail)\b/,
  /\bunittest\.skip/,
  /\b(it|test|describe)\s*\.\s*(skip|only|todo|skipIf|fails)\b/,
  /\b(xit|xtest|xdescribe|fit|fdescribe)\s*\(/,
];
const REMOVED_CHECK = [/\bassert\w*\b/, /\bexpect\s*\(/, /\bself\.assert\w+/, /\bpytest\.raises\b/];

/** The lines of the diff that skip or focus a test, or remove an assertion; empty for an acceptable fix. */
export function weakeningLines(diff: string): string[] {
  const lines = diff.split('\n').filter((line) => !line.startsWith('+++') && !line.startsWith('---'));
  const added = lines.filter((line) => line.startsWith('+') && ADDED_WEAKENING.some((pattern) => pattern.test(line)));
  const removed = lines.filter((line) => line.startsWith('-') && REMOVED_CHECK.some((pattern) => pattern.test(line)));
  return [...added, ...removed];
}
