'use strict';

const { SUPPORTED, setLocale, getLocale } = require('../src/locale');

describe('locale', () => {
  test('starts in en-US', () => {
    expect(getLocale()).toBe('en-US');
  });

  test('falls back to en-US for an unsupported tag', () => {
    expect(setLocale('tlh-KL')).toBe('en-US');
  });

  test('supports three storefronts', () => {
    expect(SUPPORTED).toHaveLength(3);
  });
});
