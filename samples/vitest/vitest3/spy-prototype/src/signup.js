import { Mailer } from './mailer.js';

// Creates the account and sends the welcome mail; a mail failure never loses the account.
export async function signUp(email, mailer = new Mailer()) {
  const account = { email: email.trim().toLowerCase(), createdAt: 0 };
  try {
    const status = await mailer.send(account.email, 'Welcome aboard');
    return { account, welcome: status };
  } catch (error) {
    return { account, welcome: `not sent: ${error.message}` };
  }
}
