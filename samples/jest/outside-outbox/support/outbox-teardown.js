'use strict';

const fs = require('fs');

module.exports = async function outboxTeardown() {
  fs.rmSync(process.env.OUTBOX_DIR, { recursive: true, force: true });
};
