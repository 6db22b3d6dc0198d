'use strict';

const { isOn, turnOn, knownFlags } = require('../src/flags');

describe('feature flags', () => {
  test('ship with dark mode enabled', () => {
    expect(isOn('darkMode')).toBe(true);
  });

  test('refuse to toggle an unknown flag', () => {
    expect(() => turnOn('teleport')).toThrow('unknown feature flag "teleport"');
  });

  test('list every known flag', () => {
    expect(knownFlags()).toEqual(['newCheckout', 'darkMode', 'betaSearch']);
  });
});
