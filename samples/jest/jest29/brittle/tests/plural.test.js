'use strict';

const { pluralForm, countLabel } = require('../src/plural');

describe('plural', () => {
  test('uses the singular for exactly one', () => {
    expect(pluralForm(1)).toBe('one');
  });

  test('uses the plural for zero', () => {
    expect(countLabel(0, { one: 'parcel', other: 'parcels' })).toBe('0 parcels');
  });
});
