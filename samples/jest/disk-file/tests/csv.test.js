'use strict';

const { quoteCell, toCsv } = require('../src/csv');

describe('csv export', () => {
  test('quotes cells that contain a comma', () => {
    expect(quoteCell('Smith, Jane')).toBe('"Smith, Jane"');
  });

  test('writes a header line and one line per record', () => {
    const csv = toCsv(['sku', 'qty'], [{ sku: 'A-1', qty: 3 }, { sku: 'B-2', qty: null }]);
    expect(csv).toBe('sku,qty\nA-1,3\nB-2,\n');
  });
});
