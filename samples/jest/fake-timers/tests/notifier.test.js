'use strict';

const { createNotifier, deliverWithRetry } = require('../src/notifier');

describe('notifier', () => {
  test('batches messages pushed in quick succession', () => {
    jest.useFakeTimers();
    const send = jest.fn();
    const notifier = createNotifier(send, { quietMs: 100 });

    notifier.push('build started');
    jest.advanceTimersByTime(60);
    notifier.push('build finished');
    jest.advanceTimersByTime(100);

    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(['build started', 'build finished']);
  });

  test('sends nothing when the queue is empty', () => {
    const send = jest.fn();
    createNotifier(send).flush();
    expect(send).not.toHaveBeenCalled();
  });

  test('retries a failed delivery after a short pause', async () => {
    const send = jest
      .fn()
      .mockRejectedValueOnce(new Error('gateway timeout'))
      .mockResolvedValueOnce('delivered');

    await expect(deliverWithRetry(send, 'deploy done', { waitMs: 20 })).resolves.toBe('delivered');
    expect(send).toHaveBeenCalledTimes(2);
  }, 300);
});
