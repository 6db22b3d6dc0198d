'use strict';

const { createNotifier } = require('../src/notifier');

describe('pending count', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('counts queued messages until the quiet period ends', () => {
    jest.useFakeTimers();
    const notifier = createNotifier(() => {}, { quietMs: 250 });
    notifier.push('a');
    notifier.push('b');
    expect(notifier.pending()).toBe(2);
    jest.advanceTimersByTime(250);
    expect(notifier.pending()).toBe(0);
  });
});
