import { describe, test, expect, vi } from 'vitest';
import { Mailer } from '../src/mailer.js';
import { signUp } from '../src/signup.js';

describe('sign-up', () => {
  test('stores the address in lower case', async () => {
    const { account } = await signUp('  Ada@Example.org ');
    expect(account.email).toBe('ada@example.org');
  });

  test('keeps the account when the welcome mail bounces', async () => {
    // Stubbed on the class, so every Mailer gets it; nobody restores it (no restoreMocks in the config).
    vi.spyOn(Mailer.prototype, 'send').mockRejectedValue(new Error('relay unavailable'));
    const result = await signUp('grace@example.org');
    expect(result.account.email).toBe('grace@example.org');
    expect(result.welcome).toBe('not sent: relay unavailable');
  });

  test('rejects nothing for a plain address', async () => {
    const { account } = await signUp('linus@example.org');
    expect(account.createdAt).toBe(0);
  });

  test('sends the welcome mail to a new user', async () => {
    const mailer = new Mailer();
    const result = await signUp('barbara@example.org', mailer);
    expect(result.welcome).toBe('sent');
    expect(mailer.outbox).toEqual([{ from: 'hello@example.org', to: 'barbara@example.org', subject: 'Welcome aboard' }]);
  });
});
