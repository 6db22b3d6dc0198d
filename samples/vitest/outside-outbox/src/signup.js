import * as outbox from './outbox.js';

export function signup(email) {
  if (!email.includes('@')) throw new Error(`not an email address: ${email}`);
  outbox.enqueue('mail', `welcome ${email}`);
  return email.toLowerCase();
}
