'use strict';

const { formatUptime, systemReport } = require('../src/system-report');

describe('systemReport', () => {
  test('formats uptime as hours and minutes', () => {
    expect(formatUptime(3 * 3600 + 7 * 60 + 59)).toBe('3h 07m');
  });

  test('counts at least one cpu', () => {
    expect(systemReport().cpuCount).toBeGreaterThan(0);
  });

  test('names the platform the process runs on', () => {
    expect(systemReport().platform).toBe(process.platform);
  });
});
