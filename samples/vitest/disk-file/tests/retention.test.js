import { describe, test, expect } from 'vitest';
import { backupsToPrune } from '../src/retention.js';

const DAY = 24 * 60 * 60 * 1000;
const now = 400 * DAY;
const snap = (id, daysAgo) => ({ id, takenAt: now - daysAgo * DAY });

describe('retention', () => {
  test('keeps everything from the last week', () => {
    expect(backupsToPrune([snap('a', 1), snap('b', 3), snap('c', 6)], now)).toEqual([]);
  });

  test('thins older backups to one per week', () => {
    const pruned = backupsToPrune([snap('new', 30), snap('old', 31)], now);
    expect(pruned).toHaveLength(1);
  });
});
