'use strict';

const { release } = require('../src/lock');

module.exports = async function clearStaleLock() {
  release();
};
