'use strict';

const outbox = require('./outbox');

function format(messages) {
  if (messages.length === 0) return 'outbox: nothing pending';
  return `outbox: ${messages.length} pending (${messages.map((message) => message.topic).join(', ')})`;
}

function summary() {
  return format(outbox.pending());
}

module.exports = { format, summary };
