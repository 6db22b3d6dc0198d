'use strict';

const { languages, loadCatalog, translate } = require('../src/i18n');

describe('i18n', () => {
  test('refuses a language without a bundle', () => {
    expect(() => loadCatalog('tlh')).toThrow('no translations for "tlh"');
  });

  test('loads the English catalog', () => {
    expect(loadCatalog('en')).toBe('en');
  });

  test('fills the name into the greeting', () => {
    expect(translate('greeting', { name: 'Sanne' })).toBe('Hello, Sanne!');
  });

  test('ships Dutch next to English', () => {
    expect(languages()).toEqual(['en', 'nl']);
  });
});
