'use strict';

const crypto = require('node:crypto');

// One token source for the whole process: sessions and password-reset links draw from it.
const tokens = {
  next() {
    return crypto.randomBytes(8).toString('hex');
  },
};

module.exports = tokens;
