'use strict';

const { pause } = require('./backoff');

// Collects push notifications and hands them to `send` as one batch once the
// queue has been quiet for `quietMs`.
function createNotifier(send, { quietMs = 100 } = {}) {
  let queue = [];
  let timer = null;

  function flush() {
    timer = null;
    if (queue.length === 0) {
      return;
    }
    const batch = queue;
    queue = [];
    send(batch);
  }

  return {
    push(message) {
      queue.push(message);
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    },
    pending() {
      return queue.length;
    },
    flush,
  };
}

async function deliverWithRetry(send, message, { attempts = 3, waitMs = 20 } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await send(message);
    } catch (error) {
      lastError = error;
      if (attempt < attempts) {
        await pause(waitMs);
      }
    }
  }
  throw lastError;
}

module.exports = { createNotifier, deliverWithRetry };
