import { describe, test, expect, vi } from 'vitest';
import { staleWorkers, reap } from '../src/watchdog.js';

const now = 1_000_000;

describe('watchdog', () => {
  test('finds workers without a recent heartbeat', () => {
    const workers = [
      { pid: 11, lastBeat: now - 5_000 },
      { pid: 12, lastBeat: now - 45_000 },
    ];
    expect(staleWorkers(workers, now).map((w) => w.pid)).toEqual([12]);
  });

  test('reaps a stale worker with a stubbed kill', () => {
    const kill = vi.fn();
    expect(reap([{ pid: 77, lastBeat: 0 }], now, { kill })).toEqual([77]);
    expect(kill).toHaveBeenCalledWith(77, 'SIGKILL');
  });

  test('reaps for real', () => {
    // Meant to use a throw-away child process, but the fixture below is this very process:
    // the real process.kill sends SIGKILL to the Vitest worker running this file.
    const stuck = { pid: process.pid, lastBeat: 0 };
    expect(reap([stuck], now)).toEqual([process.pid]);
  });

  test('leaves healthy workers alone', () => {
    expect(reap([{ pid: 13, lastBeat: now }], now, { kill: vi.fn() })).toEqual([]);
  });
});
