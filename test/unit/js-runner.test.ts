import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toTrialRun, type TrialEvent } from '../../src/runners/js/events.ts';
import { selectingPattern } from '../../src/runners/js/names.ts';
import { assignIds, planFiles, type JsTest } from '../../src/runners/js/test-tree.ts';
import { toTrialEvents, type JestEvent } from '../../src/runners/jest/events.ts';
import { judge } from '../../src/runners/oracle.ts';
import { expandId } from '../../src/test-ids.ts';

const FILE = '/project/tests/names.test.js';
const test = (path: string[], ordinal = 0, extra: Partial<JsTest> = {}): JsTest => ({ project: '', file: FILE, path, ordinal, mode: 'run', ...extra });
const result = { timedOut: false, wallSeconds: 1, outputTail: '' };

describe('JS test ids', () => {
  it('joins file, describe names and title with >, and numbers repeated full names from #2', () => {
    const ids = assignIds([test(['outer', 'dup']), test(['outer', 'dup'], 1), test(['outer', 'dup'], 2), test(['each 1 + 2'])], '/project');
    assert.deepEqual([...ids.keys()], [
      'tests/names.test.js > outer > dup',
      'tests/names.test.js > outer > dup #2',
      'tests/names.test.js > outer > dup #3',
      'tests/names.test.js > each 1 + 2',
    ]);
  });

  it('never gives two tests one id, even when a title contains > or ends in #2', () => {
    const tests = [test(['a', 'b']), test(['a > b']), test(['dup #2']), test(['dup']), test(['dup'], 1)];
    const ids = assignIds(tests, '/project');
    assert.equal(ids.size, tests.length);
    assert.deepEqual([...ids.values()], tests, 'every test keeps its own id, in listing order');
    assert.equal(ids.get('tests/names.test.js > a > b'), tests[0]);
    assert.equal(ids.get('tests/names.test.js > a > b #2'), tests[1]);
  });

  it('puts the project in front only when several projects are listed', () => {
    const one = assignIds([test(['t'], 0, { project: 'A' })], '/project');
    assert.deepEqual([...one.keys()], ['tests/names.test.js > t']);
    const two = assignIds([test(['t'], 0, { project: 'A' }), test(['t'], 0, { project: 'B' })], '/project');
    assert.deepEqual([...two.keys()], ['|A| tests/names.test.js > t', '|B| tests/names.test.js > t']);
  });

  it('plans files in the order of their first test, keeping the given order inside each', () => {
    const other = (path: string[]) => test(path, 0, { file: '/project/tests/other.test.js' });
    const plan = planFiles([test(['b']), other(['x']), test(['a'])]);
    assert.deepEqual(plan.map((entry) => [entry.file, entry.tests.map((t) => t.path[0])]), [
      [FILE, ['b', 'a']],
      ['/project/tests/other.test.js', ['x']],
    ]);
  });

  it('expands a file argument to its tests, with or without a project prefix', () => {
    const listed = ['a.test.js > x', 'a.test.js > y', 'ab.test.js > z', '|P| b.test.js > w', 'tests/test_a.py::test_one'];
    assert.deepEqual(expandId('a.test.js', listed), ['a.test.js > x', 'a.test.js > y']);
    assert.deepEqual(expandId('b.test.js', listed), ['|P| b.test.js > w']);
    assert.deepEqual(expandId('tests/test_a.py', listed), ['tests/test_a.py::test_one']);
    assert.deepEqual(expandId('a.test.js > y', listed), ['a.test.js > y']);
    assert.equal(expandId('a.test', listed), undefined);
  });
});

describe('jest trial events', () => {
  const at = { project: 'p', file: FILE };
  it('tells two tests of the same name apart by the order select.cjs planned', () => {
    const raw: JestEvent[] = [
      { event: 'order', ...at, tests: [{ path: ['dup'], ordinal: 1 }, { path: ['dup'], ordinal: 0 }] },
      { event: 'test-start', ...at, path: ['dup'] },
      { event: 'test-result', ...at, path: ['dup'], status: 'failed', seconds: 0.5 },
      { event: 'test-start', ...at, path: ['dup'] },
      { event: 'test-result', ...at, path: ['dup'], status: 'passed' },
      { event: 'end' },
    ];
    const events = toTrialEvents(raw);
    const finished = events.filter((event) => event.event === 'finish').map((event) => [event.key.ordinal, event.outcome]);
    assert.deepEqual(finished, [
      [1, 'failed'],
      [0, 'passed'],
    ]);
  });

  it('names the test that was running when jest ended, and counts a pending result as skipped', () => {
    const first = { ...test(['first']), project: 'p' };
    const exits = { ...test(['exits']), project: 'p' };
    const later = { ...test(['later']), project: 'p' };
    const raw: JestEvent[] = [
      { event: 'order', ...at, tests: [first, exits, later].map(({ path, ordinal }) => ({ path, ordinal })) },
      { event: 'test-result', ...at, path: ['first'], status: 'pending' },
      { event: 'test-start', ...at, path: ['exits'] },
    ];
    const run = toTrialRun(new Map([['first', first], ['exits', exits], ['later', later]]), toTrialEvents(raw), result);
    assert.equal(run.crashedDuring, 'exits');
    assert.deepEqual(Object.fromEntries(run.outcomes), { first: 'skipped', exits: 'error', later: 'not-run' });
    assert.deepEqual(run.skippedSelected, ['first']);
    assert.equal(judge(run, 'later').outcome, 'unknown', 'a trial with a skipped selected test proves nothing');
  });
});

describe('JS trial runs', () => {
  const victim = test(['victim']);
  const key = { project: '', file: FILE, path: ['victim'], ordinal: 0 };

  it('turns a file that could not run into an error of its tests', () => {
    const events: TrialEvent[] = [{ event: 'file-error', project: '', file: FILE, message: 'Cannot find module' }, { event: 'end' }];
    const run = toTrialRun(new Map([['v', victim]]), events, result);
    assert.equal(run.outcomes.get('v'), 'error');
    assert.equal(judge(run, 'v').outcome, 'fail');
  });

  it('does not count a pass next to an unhandled error', () => {
    const events: TrialEvent[] = [
      { event: 'start', key },
      { event: 'finish', key, outcome: 'passed', seconds: 0.1 },
      { event: 'unhandled', message: 'Worker exited unexpectedly' },
    ];
    const run = toTrialRun(new Map([['v', victim]]), events, result);
    assert.equal(run.outcomes.get('v'), 'passed');
    assert.equal(judge(run, 'v').outcome, 'unknown');
  });
});

describe("the runners' own -t patterns", () => {
  const suite = [test(['d', 'a (b)*']), test(['d', 'Dup']), test(['d', 'dup']), test(['d', 'z'])];

  it('picks exactly the tests of one file, in definition order, with regex characters escaped', () => {
    const pattern = selectingPattern([suite[0]!, suite[3]!], suite, ' ', 'i')!;
    assert.equal(pattern, '^(?:d a \\(b\\)\\*|d z)$');
    assert.deepEqual(suite.filter((t) => new RegExp(pattern, 'i').test(t.path.join(' '))), [suite[0], suite[3]]);
  });

  it('gives up where the runner cannot express it: case-insensitive twins, out of order, two files', () => {
    assert.equal(selectingPattern([suite[2]!], suite, ' ', 'i'), undefined, "jest's -t would also run Dup");
    assert.equal(selectingPattern([suite[2]!], suite, ' ', ''), '^(?:d dup)$', "vitest's -t is case-sensitive");
    assert.equal(selectingPattern([suite[3]!, suite[0]!], suite, ' ', 'i'), undefined);
    const other = test(['x'], 0, { file: '/project/tests/other.test.js' });
    assert.equal(selectingPattern([suite[0]!, other], [...suite, other], ' ', 'i'), undefined);
  });
});
