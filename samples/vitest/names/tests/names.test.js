import { describe, test, expect } from 'vitest';
import { t, defineMessage, escapeHtml } from '../src/catalog.js';

describe('catalog', () => {
  test('defines a message', () => {
    defineMessage('en', 'farewell', 'Bye, {name}.');
    expect(t('farewell', 'en', { name: 'Ann' })).toBe('Bye, Ann.');
  });

  // Copy-pasted from the test above and never renamed; it redefines a message the app ships with.
  test('defines a message', () => {
    defineMessage('en', 'greeting', 'Hey {name}');
    expect(t('greeting', 'en', { name: 'Ann' })).toBe('Hey Ann');
  });

  test.each([
    ['<b>', '&lt;b&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
  ])('escapes %s as %s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });

  test('it\'s "quoted"', () => {
    expect(t('greeting', 'de', { name: `O'Brien "OB"` })).toBe('Hallo, O&#39;Brien &quot;OB&quot;!');
  });

  test('weird (a+b)* [x] ^$ | name? \\ .', () => {
    expect(t('files.other', 'en', { count: '$&' })).toBe('$&amp; files');
  });

  test('ünïcode ✓ > greets Ann in English', () => {
    expect(t('greeting', 'en', { name: 'Ann' })).toBe('Hello, Ann!');
  });

  test('Dup', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });

  test('dup', () => {
    expect(t('files.other', 'de', { count: 'Zoé' })).toBe('Zoé Dateien');
  });
});

describe('outer', () => {
  test('inner deep', () => {
    expect(t('files.one', 'de', { count: 1 })).toBe('1 Datei');
  });

  describe('inner', () => {
    test('deep', () => {
      expect(t('files.one', 'en')).toBe('{count} file');
    });
  });
});
