'use strict';

// Runs the registered cleanups in order, then ends the process.
async function shutdown(code, cleanups = []) {
  for (const cleanup of cleanups) {
    await cleanup();
  }
  process.exit(code);
}

function exitCodeFor(signal) {
  const numbers = { SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[signal] || 0);
}

module.exports = { shutdown, exitCodeFor };
