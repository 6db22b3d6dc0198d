'use strict';

const { basketTotal, applyVoucher } = require('../src/basket');

describe('basket', () => {
  test('adds up price times quantity', () => {
    expect(basketTotal([{ price: 0.1, quantity: 3 }, { price: 2, quantity: 1 }])).toBe(2.3);
  });

  test('takes a percentage voucher off the total', () => {
    expect(applyVoucher(80, { percentOff: 25 })).toBe(60);
  });

  test('never goes below zero with a fixed voucher', () => {
    expect(applyVoucher(5, { amountOff: 10 })).toBe(0);
  });
});
