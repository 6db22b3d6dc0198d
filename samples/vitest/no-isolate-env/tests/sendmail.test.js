import { describe, test, expect } from 'vitest';
import { resolveTransport, composeMessage } from '../src/mailer.js';

describe('sendmail transport', () => {
  test('is chosen when MAILER_TRANSPORT=sendmail', () => {
    process.env.MAILER_TRANSPORT = 'sendmail';
    const transport = resolveTransport();
    expect(transport.kind).toBe('sendmail');
    expect(transport.binary).toBe('/usr/sbin/sendmail');
  });

  test('honours a custom binary path passed explicitly', () => {
    const env = { MAILER_TRANSPORT: 'sendmail', SENDMAIL_PATH: '/opt/bin/sendmail' };
    expect(resolveTransport(env).binary).toBe('/opt/bin/sendmail');
  });

  test('rejects an unknown transport name', () => {
    expect(() => resolveTransport({ MAILER_TRANSPORT: 'pigeon' })).toThrow('unsupported MAILER_TRANSPORT "pigeon"');
  });

  test('composes a message with a trimmed subject and the mailer header', () => {
    const message = composeMessage({ to: 'ops@example.org', subject: '  Disk almost full ', body: '93% used' });
    expect(message.subject).toBe('Disk almost full');
    expect(message.headers['X-Mailer']).toBe('samples/1.0');
  });
});
