'use strict';

const os = require('os');

function formatUptime(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

// Attached to every crash report the desktop client uploads.
function systemReport() {
  return {
    platform: os.platform(),
    arch: os.arch(),
    cpuCount: os.cpus().length,
    uptime: formatUptime(os.uptime()),
  };
}

module.exports = { formatUptime, systemReport };
