// UI message catalog, keyed by "<locale>:<key>". Apps may add or replace
// messages at run time with defineMessage().
const messages = new Map([
  ['en:greeting', 'Hello, {name}!'],
  ['de:greeting', 'Hallo, {name}!'],
  ['en:files.one', '{count} file'],
  ['en:files.other', '{count} files'],
  ['de:files.one', '{count} Datei'],
  ['de:files.other', '{count} Dateien'],
]);

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

export function defineMessage(locale, key, text) {
  messages.set(`${locale}:${key}`, text);
}

export function t(key, locale = 'en', vars = {}) {
  const text = messages.get(`${locale}:${key}`) ?? messages.get(`en:${key}`) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? escapeHtml(vars[name]) : whole));
}

export function plural(key, count, locale = 'en') {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, locale, { count });
}
