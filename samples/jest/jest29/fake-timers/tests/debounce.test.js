'use strict';

const { debounce } = require('../src/debounce');

describe('debounce', () => {
  test('passes the arguments of the last call', async () => {
    const calls = [];
    const record = debounce((...args) => calls.push(args), 5);
    record(1);
    record(2, 3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([[2, 3]]);
  });
});
