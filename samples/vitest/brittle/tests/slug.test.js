import { describe, test, expect } from 'vitest';
import { slugify, uniqueSlug } from '../src/slug.js';

describe('slugs', () => {
  test('strips accents and punctuation', () => {
    expect(slugify('Crème Brûlée: a How-To!')).toBe('creme-brulee-a-how-to');
  });

  test('numbers a slug that is already taken', () => {
    expect(uniqueSlug('Roadmap', new Set(['roadmap', 'roadmap-2']))).toBe('roadmap-3');
  });

  test('falls back to untitled for an empty title', () => {
    expect(uniqueSlug('???', new Set())).toBe('untitled');
  });
});
