import * as outbox from './outbox.js';

export function format(messages) {
  if (messages.length === 0) return 'outbox: nothing pending';
  return `outbox: ${messages.length} pending (${messages.map((message) => message.topic).join(', ')})`;
}

export function summary() {
  return format(outbox.pending());
}
