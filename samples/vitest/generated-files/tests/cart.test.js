import { describe, test, expect } from 'vitest';
import { add, count } from '../src/cart.js';

describe('cart', () => {
  test('adding a line returns the number of lines', () => {
    // Adds to the shared cart and never empties it.
    expect(add('MUG', 2)).toBe(1);
  });

  test('a new visitor starts with an empty cart', () => {
    expect(count()).toBe(0);
  });
});
