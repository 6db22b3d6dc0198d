'use strict';

const warehouse = require('../src/warehouse');

describe('warehouse', () => {
  test('reserves desks that are on the shelf', () => {
    expect(warehouse.reserve('DESK-02', 2)).toEqual({ sku: 'DESK-02', quantity: 2, backordered: 0 });
  });

  test('lets wholesale tenants backorder lamps', () => {
    warehouse.configure({ allowBackorder: true });
    expect(warehouse.reserve('LAMP-01', 10).backordered).toBe(7);
  });

  test('flags lamps for reordering', () => {
    expect(warehouse.needsReorder('LAMP-01')).toBe(true);
  });

  test('refuses to reserve more lamps than are left', () => {
    expect(() => warehouse.reserve('LAMP-01', 4)).toThrow('only 3 of LAMP-01 left');
  });
});
