'use strict';

const BUNDLES = {
  en: { greeting: 'Hello, {name}!', farewell: 'See you soon, {name}.', itemsInCart: '{count} items in your cart' },
  nl: { greeting: 'Hallo, {name}!', farewell: 'Tot ziens, {name}.', itemsInCart: '{count} artikelen in je winkelwagen' },
};

// Filled by loadCatalog() during app start-up; translate() only reads it.
let catalog = null;

function loadCatalog(language) {
  if (!BUNDLES[language]) {
    throw new Error(`no translations for "${language}"`);
  }
  catalog = { language, messages: BUNDLES[language] };
  return catalog.language;
}

function translate(key, params = {}) {
  if (catalog === null) {
    throw new Error('translations are not loaded yet');
  }
  const template = catalog.messages[key];
  if (template === undefined) {
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
}

function languages() {
  return Object.keys(BUNDLES);
}

module.exports = { languages, loadCatalog, translate };
