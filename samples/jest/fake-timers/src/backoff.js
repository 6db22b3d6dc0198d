'use strict';

// Exponential backoff with a ceiling: 50, 100, 200, ... up to maxMs.
function backoffDelay(attempt, baseMs = 50, maxMs = 2000) {
  if (attempt < 1) {
    throw new RangeError('attempts start at 1');
  }
  return Math.min(baseMs * 2 ** (attempt - 1), maxMs);
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { backoffDelay, pause };
