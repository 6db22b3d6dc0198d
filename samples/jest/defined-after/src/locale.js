'use strict';

const SUPPORTED = ['en-US', 'de-DE', 'fr-FR'];

// The storefront locale for the current process; switched per region at startup.
let activeLocale = 'en-US';

function setLocale(tag) {
  activeLocale = SUPPORTED.includes(tag) ? tag : 'en-US';
  return activeLocale;
}

function getLocale() {
  return activeLocale;
}

module.exports = { SUPPORTED, setLocale, getLocale };
