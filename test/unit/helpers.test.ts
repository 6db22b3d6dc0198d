import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateOrders } from '../../src/order/candidate-orders.ts';
import { shellCommand, shellQuote } from '../../src/shell-quote.ts';
import { closestIds } from '../../src/test-ids.ts';

describe('candidate orders', () => {
  const collected = ['a', 'b', 'victim', 'c', 'd'];

  it('searches the collected predecessors first, then every other test, then those reversed', () => {
    const { orders } = candidateOrders(collected, 'victim');
    assert.deepEqual(
      orders.map((order) => [order.label, order.predecessors.join(''), order.chunked !== false]),
      [
        ['collected order', 'ab', true],
        ['all other tests', 'abcd', true],
        ['all other tests, reversed', 'dcba', false],
      ],
    );
  });

  it('takes the order file as given, drops unknown ids and repeats, and keeps the rest of the suite as fallback', () => {
    const { orders, unknown } = candidateOrders(collected, 'victim', ['d', 'gone', 'a', 'd', 'victim', 'b']);
    assert.deepEqual(unknown, ['gone']);
    assert.equal(orders[0]!.label, 'order file');
    assert.deepEqual(orders[0]!.predecessors, ['d', 'a']);
    assert.deepEqual(orders[1]!.predecessors, ['d', 'a', 'b', 'c']);
  });

  it('still tries the reversal when no other test exists', () => {
    const { orders } = candidateOrders(['a', 'b', 'victim'], 'victim');
    assert.deepEqual(
      orders.map((order) => order.label),
      ['collected order', 'collected order, reversed'],
    );
  });

  it('has nothing to fall back on for the only test', () => {
    assert.deepEqual(candidateOrders(['victim'], 'victim').orders, [{ label: 'collected order', predecessors: [] }]);
  });
});

describe('closest ids', () => {
  const ids = ['tests/test_a.py::test_one', 'tests/test_a.py::test_two', 'tests/test_b.py::test_one'];

  it('prefers ids that contain what was typed', () => {
    assert.deepEqual(closestIds('test_two', ids), ['tests/test_a.py::test_two']);
  });

  it('falls back to edit distance', () => {
    assert.deepEqual(closestIds('tests/test_b.py::test_onne', ids, 1), ['tests/test_b.py::test_one']);
  });
});

describe('shell quoting', () => {
  it('leaves plain words alone and quotes node ids, spaces, brackets and quotes', () => {
    assert.equal(shellQuote('python3'), 'python3');
    assert.equal(shellQuote('-p'), '-p');
    assert.equal(shellQuote('tests/a.py::test_x'), `'tests/a.py::test_x'`);
    assert.equal(shellQuote('t[a b]'), `'t[a b]'`);
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote(''), `''`);
    assert.equal(shellCommand(['python3', '-m', 'pytest', 'x[\\xfc]']), `python3 -m pytest 'x[\\xfc]'`);
  });
});
