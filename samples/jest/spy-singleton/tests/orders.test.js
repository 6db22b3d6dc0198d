'use strict';

const ids = require('../src/ids');
const { createOrder, OrderBook } = require('../src/orders');
const { renderReceipt } = require('../src/receipt');

const teapot = { name: 'teapot', qty: 1, unitPrice: 24.5 };
const cups = { name: 'cup', qty: 4, unitPrice: 3.25 };

describe('orders', () => {
  test('computes the order total from its lines', () => {
    expect(createOrder('maria', [teapot, cups]).total).toBe(37.5);
  });

  test('prints a stable order id on the receipt', () => {
    jest.spyOn(ids, 'next').mockReturnValue('ord-TEST01');
    const receipt = renderReceipt(createOrder('maria', [teapot]));
    expect(receipt.split('\n')[0]).toBe('Order ord-TEST01 for maria');
  });

  test('rejects an order without lines', () => {
    expect(() => createOrder('maria', [])).toThrow('at least one line');
  });

  test('keeps two orders placed by the same customer', () => {
    const book = new OrderBook();
    book.add(createOrder('jonas', [teapot]));
    book.add(createOrder('jonas', [cups]));
    expect(book.forCustomer('jonas')).toHaveLength(2);
  });
});
