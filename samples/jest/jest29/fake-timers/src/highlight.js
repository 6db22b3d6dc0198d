'use strict';

// Wraps every case-insensitive match of `query` in <mark>…</mark>.
function highlight(text, query) {
  const trimmed = query.trim();
  if (trimmed === '') {
    return text;
  }
  const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), (match) => `<mark>${match}</mark>`);
}

module.exports = { highlight };
