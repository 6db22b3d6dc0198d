// A tiny warehouse inventory. Stock levels live in a module-level Map that is
// seeded once, when the module is first imported.
const SEED = [
  ['WIDGET-1', 40],
  ['GADGET-7', 12],
  ['SPROCKET-3', 0],
];

const stock = new Map(SEED);

export function onHand(sku) {
  if (!stock.has(sku)) throw new Error(`unknown sku ${sku}`);
  return stock.get(sku);
}

export function receive(sku, units) {
  if (units <= 0) throw new RangeError('units must be positive');
  stock.set(sku, (stock.get(sku) ?? 0) + units);
  return stock.get(sku);
}

export function ship(sku, units) {
  const have = onHand(sku);
  if (units > have) {
    throw new Error(`cannot ship ${units} x ${sku}: only ${have} on hand`);
  }
  stock.set(sku, have - units);
  return have - units;
}

export function outOfStock() {
  return [...stock].filter(([, units]) => units === 0).map(([sku]) => sku);
}
