// Picks the outgoing-mail transport from the environment on every call.
const TRANSPORTS = {
  smtp: (env) => ({ kind: 'smtp', host: env.SMTP_HOST ?? 'localhost', port: Number(env.SMTP_PORT ?? 25) }),
  sendmail: (env) => ({ kind: 'sendmail', binary: env.SENDMAIL_PATH ?? '/usr/sbin/sendmail' }),
  log: () => ({ kind: 'log' }),
};

export function resolveTransport(env = process.env) {
  const name = (env.MAILER_TRANSPORT ?? 'smtp').trim().toLowerCase();
  const build = TRANSPORTS[name];
  if (!build) throw new Error(`unsupported MAILER_TRANSPORT "${name}"`);
  return build(env);
}

export function composeMessage({ to, subject, body }) {
  if (!to.includes('@')) throw new Error(`bad recipient ${to}`);
  return { to, subject: subject.trim(), text: body, headers: { 'X-Mailer': 'samples/1.0' } };
}
