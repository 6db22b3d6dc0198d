'use strict';

const { getRate } = require('./rates');

function roundToCents(value) {
  return Math.round(value * 100) / 100;
}

function convert(amount, from, to) {
  if (from === to) {
    return amount;
  }
  const inDollars = amount / getRate(from);
  return roundToCents(inDollars * getRate(to));
}

module.exports = { convert, roundToCents };
