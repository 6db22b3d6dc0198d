'use strict';

// Polls `check` every `intervalMs` until it returns true; rejects after `timeoutMs`.
async function waitUntil(check, { intervalMs = 10, timeoutMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { waitUntil };
