'use strict';

// Exchange rates against the US dollar. The table is built once, when the
// module is first required, and every converter in the process shares it.
const rates = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  JPY: 151.4,
};

function getRate(code) {
  const rate = rates[code];
  if (rate === undefined) {
    throw new Error(`unknown currency: ${code}`);
  }
  return rate;
}

// Used by the admin screen to publish a new rate (e.g. a promotional one).
function setRate(code, rate) {
  if (!(rate > 0)) {
    throw new RangeError(`rate for ${code} must be positive, got ${rate}`);
  }
  rates[code] = rate;
}

function listCurrencies() {
  return Object.keys(rates).sort();
}

module.exports = { getRate, setRate, listCurrencies };
