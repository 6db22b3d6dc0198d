'use strict';

const { slugify, reserveTag, createTag } = require('../src/tags');

describe('createTag', () => {
  test('rejects reserved words', () => {
    expect(() => createTag('Admin')).toThrow('tag "admin" is reserved');
  });

  // Copy-pasted from the test above and never renamed.
  test('rejects reserved words', () => {
    reserveTag('Ünïcode');
    expect(() => createTag('unicode')).toThrow('tag "unicode" is reserved');
  });

  for (const word of ['alpha', 'beta']) {
    test(`accepts ${word} as a tag`, () => {
      expect(createTag(word)).toEqual({ label: word, slug: word });
    });
  }

  test('a > b becomes a-b', () => {
    expect(createTag('a > b').slug).toBe('a-b');
  });

  test('ünïcode ✓ labels become ascii slugs', () => {
    expect(createTag('Ünïcode ✓')).toEqual({ label: 'Ünïcode ✓', slug: 'unicode' });
  });

  test('Dup', () => {
    expect(createTag('Dup').label).toBe('Dup');
  });

  test('dup', () => {
    expect(createTag('dup').label).toBe('dup');
  });
});

describe('slugify', () => {
  test.each([
    ['Hello World', 'hello-world'],
    ['  Trim me  ', 'trim-me'],
  ])('slugify(%p) is %p', (label, slug) => {
    expect(slugify(label)).toBe(slug);
  });

  test('weird (a+b)* [x] ^$ | name? \\ .', () => {
    expect(slugify('weird (a+b)* [x] ^$ | name? \\ .')).toBe('weird-a-b-x-name');
  });

  test(`it's "quoted"`, () => {
    expect(slugify(`it's "quoted"`)).toBe('it-s-quoted');
  });
});

describe.each(['en', 'de'])('labels in %s', (lang) => {
  test('keep their original spelling', () => {
    const label = lang === 'de' ? 'Straßenbahn' : 'Streetcar';
    expect(createTag(label).label).toBe(label);
  });
});

describe('outer', () => {
  test('inner deep', () => {
    expect(slugify('Inner Deep')).toBe('inner-deep');
  });

  describe('inner', () => {
    test('deep', () => {
      expect(slugify('DEEP')).toBe('deep');
    });
  });
});
