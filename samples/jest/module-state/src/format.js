'use strict';

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
const WHOLE_UNITS_ONLY = new Set(['JPY']);

function formatMoney(amount, currency) {
  const symbol = SYMBOLS[currency] || `${currency} `;
  const digits = WHOLE_UNITS_ONLY.has(currency) ? 0 : 2;
  return `${symbol}${amount.toFixed(digits)}`;
}

module.exports = { formatMoney };
