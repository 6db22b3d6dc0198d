'use strict';

const { enqueue, pending, purge } = require('../src/outbox');

describe('purge', () => {
  test('empties the outbox', () => {
    enqueue('mail', 'stale');
    expect(pending().length).toBeGreaterThan(0);
    purge();
    expect(pending()).toEqual([]);
  });
});
