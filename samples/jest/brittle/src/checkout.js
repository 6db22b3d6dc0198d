'use strict';

const { basketTotal } = require('./basket');
const { providerFor } = require('./payment-providers');

function checkout(items, method) {
  if (items.length === 0) {
    throw new Error('the basket is empty');
  }
  return providerFor(method).charge(basketTotal(items));
}

module.exports = { checkout };
