'use strict';

const { renderReceipt } = require('../src/receipt');

const order = {
  id: 'ord-000042',
  customer: 'lena',
  lines: [{ name: 'kettle', qty: 2, unitPrice: 31 }],
  total: 62,
};

describe('renderReceipt', () => {
  test('lists each line with its unit price', () => {
    expect(renderReceipt(order)).toContain('2 x kettle @ 31.00');
  });

  test('ends with the order total', () => {
    expect(renderReceipt(order).split('\n').pop()).toBe('TOTAL 62.00');
  });
});
