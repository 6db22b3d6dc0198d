'use strict';

const outbox = require('./outbox');

function signup(email) {
  if (!email.includes('@')) throw new Error(`not an email address: ${email}`);
  outbox.enqueue('mail', `welcome ${email}`);
  return email.toLowerCase();
}

module.exports = { signup };
