import { describe, test, expect } from 'vitest';
import { countWords, readingMinutes } from '../src/word-count.js';

describe('word count', () => {
  test('ignores runs of whitespace', () => {
    expect(countWords('  one\ttwo \n three  ')).toBe(3);
  });

  test('an empty draft has no words', () => {
    expect(countWords('   ')).toBe(0);
  });

  test('rounds reading time up to whole minutes', () => {
    expect(readingMinutes('word '.repeat(450))).toBe(3);
  });
});
