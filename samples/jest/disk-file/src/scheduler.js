'use strict';

const lock = require('./lock');

// Next 02:00 local time strictly after `from`, skipping Saturdays and Sundays.
function nextRunAt(from) {
  const next = new Date(from.getTime());
  next.setHours(2, 0, 0, 0);
  if (next <= from) {
    next.setDate(next.getDate() + 1);
  }
  while (next.getDay() === 0 || next.getDay() === 6) {
    next.setDate(next.getDate() + 1);
  }
  return next;
}

async function runNightlyExport(job) {
  const owner = lock.holder();
  if (owner !== null) {
    return { started: false, reason: `export already running (${owner})` };
  }
  lock.acquire('nightly-export');
  try {
    const rows = await job();
    return { started: true, rows };
  } finally {
    lock.release();
  }
}

module.exports = { nextRunAt, runNightlyExport };
