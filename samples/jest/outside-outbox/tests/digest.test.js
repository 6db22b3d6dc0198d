'use strict';

const { summary } = require('../src/digest');

describe('digest', () => {
  test('of an empty outbox', () => {
    // Every jest run starts with an empty outbox (see support/outbox-setup.js): nothing is pending until a test
    // queues a message.
    expect(summary()).toBe('outbox: nothing pending');
  });
});
