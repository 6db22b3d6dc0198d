// A trial that did not run the victim is never its failure: the oracle's classification of a trial's events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helperErrors, toTrialRun, type TrialEvent } from '../../src/runners/js/events.ts';
import type { JsTest } from '../../src/runners/js/test-tree.ts';
import { invalidReason, judge } from '../../src/runners/oracle.ts';

const HELPERS = ['/opt/polluter/dist/runners/vitest/', '/tmp/polluter-abc/'];
const victim: JsTest = {
  project: '',
  file: '/project/tests/theme.test.js',
  path: ['theme', 'victim'],
  ordinal: 0,
  mode: 'run',
};
const other: JsTest = { project: '', file: '/project/tests/other.test.js', path: ['other'], ordinal: 0, mode: 'run' };
const requested = new Map([
  ['o', other],
  ['v', victim],
]);
const result = { timedOut: false, wallSeconds: 1, outputTail: '' };

/** The TrialRun of these events, as JsRunner.run builds it. */
function trial(events: TrialEvent[]) {
  return { ...toTrialRun(requested, events, result), helperErrors: helperErrors(events, HELPERS) };
}

const failure = (stack: string): TrialEvent => ({ event: 'finish', key: victim, outcome: 'failed', error: stack });

describe('invalid trials', () => {
  it("a failure raised inside polluter's own files is invalid, never a failure of the victim", () => {
    const run = trial([
      { event: 'start', key: victim },
      failure(
        'TypeError: cannot read x\n    at Object.afterEach (/opt/polluter/dist/runners/vitest/footprint.mjs:12:3)\n    at node:internal/process:1:1',
      ),
    ]);
    assert.equal(run.outcomes.get('v'), 'failed');
    assert.match(invalidReason(run, 'v') ?? '', /^polluter's own files failed: TypeError: cannot read x$/);
  });

  it("a failure in the project's code is the victim's, even when polluter lives in node_modules", () => {
    const stack =
      'AssertionError: expected 1 to be 2\n    at /project/node_modules/@vitest/expect/index.js:1:1\n    at /project/tests/theme.test.js:14:5';
    const run = trial([{ event: 'start', key: victim }, failure(stack)]);
    assert.equal(invalidReason(run, 'v'), undefined);
    assert.equal(judge(run, 'v').outcome, 'fail');
  });

  it("a setup file of polluter's that the project's config refused makes the trial invalid, whichever file reports it", () => {
    const refused =
      "Cannot find module '/@fs/tmp/polluter-abc/vitest-setup-1/setup.mjs' imported from /project/tests/other.test.js";
    const run = trial([{ event: 'file-error', project: '', file: other.file, message: refused }]);
    assert.equal(invalidReason(run, 'v'), `polluter's own files failed: ${refused}`);
  });

  it("the victim's own file not loading is invalid; another file not loading is not", () => {
    const broken = trial([
      {
        event: 'file-error',
        project: '',
        file: victim.file,
        message: "SyntaxError: Unexpected token '}'\n  at tests/theme.test.js:3",
      },
    ]);
    assert.equal(broken.outcomes.get('v'), 'error');
    assert.equal(invalidReason(broken, 'v'), "its test file could not be loaded: SyntaxError: Unexpected token '}'");
    const otherBroken = trial([
      { event: 'file-error', project: '', file: other.file, message: 'Error: boom at top level' },
      { event: 'start', key: victim },
      { event: 'finish', key: victim, outcome: 'passed' },
    ]);
    assert.equal(invalidReason(otherBroken, 'v'), undefined);
    assert.equal(judge(otherBroken, 'v').outcome, 'pass');
  });
});
