import { describe, test, expect } from 'vitest';
import { currentTheme, footerText } from '../src/branding.js';

describe('tenant branding', () => {
  test('applies the theme injected by the host page', () => {
    globalThis.__TENANT__ = { legalName: 'Acme GmbH', theme: { primary: '#cc0000' } };
    expect(currentTheme().primary).toBe('#cc0000');
    expect(currentTheme().logo).toBe('/static/logo.svg');
  });

  test('puts the tenant legal name in the footer', () => {
    expect(footerText(2025)).toBe('© 2025 Acme GmbH');
  });
});
