'use strict';

const lock = require('../src/lock');
const { nextRunAt, runNightlyExport } = require('../src/scheduler');

describe('nightly export', () => {
  afterAll(() => {
    lock.release();
  });

  test('schedules the next run for two in the morning', () => {
    const tuesdayEvening = new Date(2024, 2, 12, 21, 30);
    expect(nextRunAt(tuesdayEvening)).toEqual(new Date(2024, 2, 13, 2, 0));
  });

  test('moves a weekend run to Monday', () => {
    const fridayNight = new Date(2024, 2, 15, 23, 0);
    expect(nextRunAt(fridayNight)).toEqual(new Date(2024, 2, 18, 2, 0));
  });

  test('starts the export when no other instance is running', async () => {
    const result = await runNightlyExport(async () => 128);
    expect(result).toEqual({ started: true, rows: 128 });
  });
});
