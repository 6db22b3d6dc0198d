'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function outboxSetup() {
  process.env.OUTBOX_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-sample-'));
};
