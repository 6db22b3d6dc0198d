import { describe, test, expect } from 'vitest';
import { onHand, receive, ship, outOfStock } from '../src/inventory.js';

describe('inventory', () => {
  test('reports the seeded stock level', () => {
    expect(onHand('GADGET-7')).toBe(12);
  });

  test('rejects a shipment larger than the stock on hand', () => {
    expect(() => ship('GADGET-7', 13)).toThrow(/only 12 on hand/);
  });

  test('ships a bulk order of widgets', () => {
    // Ships from the shared seeded stock and never puts the units back.
    expect(ship('WIDGET-1', 25)).toBe(15);
  });

  test('receiving units for a new sku creates it', () => {
    expect(receive('BOLT-99', 5)).toBe(5);
  });

  test('lists skus that are out of stock', () => {
    expect(outOfStock()).toEqual(['SPROCKET-3']);
  });

  test('a full pallet of widgets can be shipped', () => {
    expect(ship('WIDGET-1', 40)).toBe(0);
  });
});
