// The name a jest project goes by in test ids and plans: its displayName, else the folder of its rootDir.
const path = require('node:path');

module.exports = function projectName(config) {
  const display = config.displayName;
  if (typeof display === 'string') return display;
  if (display && typeof display.name === 'string') return display.name;
  return path.basename(config.rootDir);
};
