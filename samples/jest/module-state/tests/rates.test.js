'use strict';

const { getRate, setRate, listCurrencies } = require('../src/rates');

describe('rates', () => {
  test('lists the supported currencies', () => {
    expect(listCurrencies()).toEqual(['EUR', 'GBP', 'JPY', 'USD']);
  });

  test('refuses a zero rate', () => {
    expect(() => setRate('GBP', 0)).toThrow(RangeError);
  });

  test('looks up the yen rate', () => {
    expect(getRate('JPY')).toBeCloseTo(151.4);
  });
});
