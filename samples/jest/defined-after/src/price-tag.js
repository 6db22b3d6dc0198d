'use strict';

const { getLocale } = require('./locale');

function toCents(amount) {
  if (amount < 0) {
    throw new RangeError('prices cannot be negative');
  }
  return Math.round(amount * 100);
}

function priceTag(amount, currency) {
  const cents = toCents(amount);
  return new Intl.NumberFormat(getLocale(), { style: 'currency', currency }).format(cents / 100);
}

module.exports = { toCents, priceTag };
