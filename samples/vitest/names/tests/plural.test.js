import { describe, test, expect } from 'vitest';
import { plural } from '../src/catalog.js';

describe.each(['en', 'de'])('plurals in %s', (locale) => {
  test('one is singular', () => {
    expect(plural('files', 1, locale)).toMatch(/^1 (file|Datei)$/);
  });
});

for (const count of [0, 2]) {
  test(`counts ${count} files`, () => {
    expect(plural('files', count)).toBe(`${count} files`);
  });
}
