import { describe, test, expect } from 'vitest';
import { resolveTransport } from '../src/mailer.js';

describe('default transport', () => {
  test('falls back to SMTP on localhost when nothing is configured', () => {
    expect(resolveTransport()).toEqual({ kind: 'smtp', host: 'localhost', port: 25 });
  });

  test('reads the SMTP port from an explicit env object', () => {
    expect(resolveTransport({ SMTP_PORT: '2525' }).port).toBe(2525);
  });
});
