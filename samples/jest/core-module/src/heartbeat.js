'use strict';

// Tells the sync server every `everyMs` that the client is still alive.
function startHeartbeat(beat, everyMs = 30000) {
  let count = 0;
  const handle = setInterval(() => {
    count += 1;
    beat(count);
  }, everyMs);
  return {
    stop() {
      clearInterval(handle);
    },
  };
}

module.exports = { startHeartbeat };
