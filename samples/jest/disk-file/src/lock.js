'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

// One lock per machine: only one nightly export may run at a time.
const LOCK_PATH = path.join(os.tmpdir(), 'nightly-export.lock');

function acquire(owner) {
  const body = JSON.stringify({ owner, pid: process.pid, since: new Date().toISOString() });
  // 'wx' fails with EEXIST when another process already holds the lock.
  fs.writeFileSync(LOCK_PATH, body, { flag: 'wx' });
}

function holder() {
  if (!fs.existsSync(LOCK_PATH)) {
    return null;
  }
  return JSON.parse(fs.readFileSync(LOCK_PATH, 'utf8')).owner;
}

function release() {
  fs.rmSync(LOCK_PATH, { force: true });
}

module.exports = { LOCK_PATH, acquire, holder, release };
