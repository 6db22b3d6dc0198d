'use strict';

const { parcelCount, shippingCost } = require('../src/shipping');

describe('shipping', () => {
  test('packs four units per parcel', () => {
    expect(parcelCount([{ quantity: 3 }, { quantity: 2 }])).toBe(2);
  });

  test('charges per parcel and zone', () => {
    expect(shippingCost(3, 'eu')).toBe(28.5);
  });
});
