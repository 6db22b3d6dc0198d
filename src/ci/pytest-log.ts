// pytest's console output with -v: a result line per test. pytest-xdist prints `[gw3] [ 42%] PASSED tests/x.py::t`
// when a test finishes, interleaved across workers; without xdist the line is `tests/x.py::t PASSED [ 42%]`.
import type { ArtifactTest } from './artifact-test.js';

const OUTCOMES: Record<string, ArtifactTest['outcome']> = {
  PASSED: 'passed',
  XPASS: 'passed',
  FAILED: 'failed',
  RERUN: 'failed', // pytest-rerunfailures: the attempt failed and the test runs again on the same worker
  ERROR: 'error',
  SKIPPED: 'skipped',
  XFAIL: 'skipped',
};
const WORD = Object.keys(OUTCOMES).join('|');
const PROGRESS = String.raw`\[ *\d+(?:%|/\d+)\]`; // [ 42%], or [ 5/13] with console_output_style=count
const XDIST = new RegExp(String.raw`^\[(gw\d+)\] ${PROGRESS} (${WORD}) (\S.*?)\s*$`);
// The id is greedy so that the last outcome word counts (a parameter may contain " PASSED"); skips add "(reason)".
const PLAIN = new RegExp(String.raw`^(\S.*::.*) (${WORD})(?: \(.*\))?(?: +${PROGRESS})?\s*$`);
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// What CI systems put in front of each line: GitHub Actions' timestamps in downloaded logs.
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z? /;

/** One result line of a pytest -v log, or undefined for every other line (headers, tracebacks, summaries). */
export function parsePytestLogLine(raw: string): ArtifactTest | undefined {
  // A carriage return inside a line is a terminal overwrite: only what came last is on screen.
  const line = raw
    .slice(raw.lastIndexOf('\r', raw.length - 2) + 1)
    .replace(ANSI, '')
    .replace(TIMESTAMP, '');
  const xdist = XDIST.exec(line);
  if (xdist) return { nodeid: xdist[3]!, worker: xdist[1]!, outcome: OUTCOMES[xdist[2]!] };
  const plain = PLAIN.exec(line);
  if (plain) return { nodeid: plain[1]!, outcome: OUTCOMES[plain[2]!] };
  return undefined;
}

/** The results of a whole log, line by line: fed by a stream, so a log of any size is never held in memory. */
export class PytestLogParser {
  readonly tests: ArtifactTest[] = [];

  push(line: string): void {
    const test = parsePytestLogLine(line);
    if (test !== undefined) this.tests.push(test);
  }
}
