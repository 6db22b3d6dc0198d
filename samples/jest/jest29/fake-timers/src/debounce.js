'use strict';

// Calls `fn` once the calls have paused for `waitMs`, with the arguments of the last call.
function debounce(fn, waitMs) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, waitMs);
  };
}

module.exports = { debounce };
