'use strict';

const tokens = require('./tokens');

function openSession(user) {
  return { user, token: tokens.next() };
}

function resetLink(user) {
  return `https://shop.example/reset?user=${encodeURIComponent(user)}&token=${tokens.next()}`;
}

module.exports = { openSession, resetLink };
