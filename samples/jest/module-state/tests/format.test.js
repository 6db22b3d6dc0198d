'use strict';

const { formatMoney } = require('../src/format');

describe('formatMoney', () => {
  test('prints yen without decimals', () => {
    expect(formatMoney(1514, 'JPY')).toBe('¥1514');
  });

  test('prints pounds with two decimals', () => {
    expect(formatMoney(7.9, 'GBP')).toBe('£7.90');
  });
});
