'use strict';

const { startHeartbeat } = require('../src/heartbeat');

describe('heartbeat', () => {
  test('beats at the configured interval', async () => {
    const beats = [];
    // The heartbeat is never stopped, so its interval keeps the process alive.
    startHeartbeat((n) => beats.push(n), 10);
    await new Promise((resolve) => setTimeout(resolve, 35));
    expect(beats.slice(0, 2)).toEqual([1, 2]);
  });

  test('can be stopped before the first beat', async () => {
    const beat = jest.fn();
    startHeartbeat(beat, 20).stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(beat).not.toHaveBeenCalled();
  });
});
