'use strict';

// Picks the plural form for English-like languages: one / other.
function pluralForm(count) {
  return Math.abs(count) === 1 ? 'one' : 'other';
}

function countLabel(count, forms) {
  return `${count} ${forms[pluralForm(count)]}`;
}

module.exports = { pluralForm, countLabel };
