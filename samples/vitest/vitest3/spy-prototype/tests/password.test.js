import { describe, test, expect } from 'vitest';
import { passwordProblems } from '../src/password.js';

describe('password rules', () => {
  test('accepts a long mixed password', () => {
    expect(passwordProblems('correct horse 42')).toEqual([]);
  });

  test('names every problem of a short numeric one', () => {
    expect(passwordProblems('1234')).toEqual(['shorter than 10 characters', 'only digits']);
  });
});
