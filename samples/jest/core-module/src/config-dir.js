'use strict';

const os = require('os');
const path = require('path');

// Where the desktop client keeps its settings on each platform.
function configDir(appName) {
  switch (os.platform()) {
    case 'win32':
      return path.win32.join(process.env.APPDATA || 'C:\\Users\\Default\\AppData\\Roaming', appName);
    case 'darwin':
      return path.posix.join(os.homedir(), 'Library', 'Application Support', appName);
    default:
      return path.posix.join(process.env.XDG_CONFIG_HOME || path.posix.join(os.homedir(), '.config'), appName);
  }
}

module.exports = { configDir };
