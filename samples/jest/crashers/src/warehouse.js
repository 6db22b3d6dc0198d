'use strict';

// Process-wide warehouse policy, set once from the tenant's settings.
const policy = { allowBackorder: false, reorderLevel: 5 };

const shelf = new Map([
  ['LAMP-01', 3],
  ['DESK-02', 12],
  ['CHAIR-07', 40],
]);

function configure(overrides) {
  Object.assign(policy, overrides);
}

function onShelf(sku) {
  return shelf.get(sku) || 0;
}

function reserve(sku, quantity) {
  const available = onShelf(sku);
  if (quantity > available && !policy.allowBackorder) {
    throw new Error(`only ${available} of ${sku} left`);
  }
  return { sku, quantity, backordered: Math.max(0, quantity - available) };
}

function needsReorder(sku) {
  return onShelf(sku) <= policy.reorderLevel;
}

module.exports = { configure, onShelf, reserve, needsReorder };
