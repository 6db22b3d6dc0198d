'use strict';

const providers = require('../src/payment-providers');
const { checkout } = require('../src/checkout');

const basket = [
  { sku: 'notebook', price: 4.25, quantity: 2 },
  { sku: 'fountain-pen', price: 34, quantity: 1 },
];

describe('checkout', () => {
  test('registers the built-in payment providers', () => {
    providers.registerBuiltins();
    expect(providers.registeredNames()).toEqual(['card', 'invoice']);
  });

  test('refuses an empty basket', () => {
    expect(() => checkout([], 'card')).toThrow('the basket is empty');
  });

  test('charges the basket total to the card', () => {
    expect(checkout(basket, 'card')).toEqual({ status: 'charged', amount: 42.5 });
  });

  test('reports an unknown payment method', () => {
    expect(() => checkout(basket, 'barter')).toThrow('"barter" is not registered');
  });
});
