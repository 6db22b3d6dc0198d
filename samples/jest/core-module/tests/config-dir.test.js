'use strict';

const os = require('os');
const { configDir } = require('../src/config-dir');

describe('configDir', () => {
  test('follows XDG_CONFIG_HOME on Linux', () => {
    if (process.platform !== 'linux') {
      return;
    }
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = '/srv/config';
    try {
      expect(configDir('notes')).toBe('/srv/config/notes');
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  test('uses the roaming profile on Windows', () => {
    // Pretend to be on Windows for this test (never put back).
    os.platform = () => 'win32';
    expect(configDir('notes')).toMatch(/AppData\\Roaming\\notes$/);
  });
});
