'use strict';

function quoteCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(header, records) {
  const lines = [header.join(',')];
  for (const record of records) {
    lines.push(header.map((column) => quoteCell(record[column])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

module.exports = { quoteCell, toCsv };
