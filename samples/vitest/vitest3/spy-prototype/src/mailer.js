// Sends transactional mail. In production `deliver` talks to the mail relay; here it only records the message.
export class Mailer {
  constructor(from = 'hello@example.org') {
    this.from = from;
    this.outbox = [];
  }

  async send(to, subject) {
    if (!to.includes('@')) throw new Error(`bad address ${to}`);
    this.outbox.push({ from: this.from, to, subject });
    return 'sent';
  }
}
