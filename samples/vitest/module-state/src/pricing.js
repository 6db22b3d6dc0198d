const UNIT_PRICES = { 'WIDGET-1': 2.5, 'GADGET-7': 19.99, 'SPROCKET-3': 0.75 };

export function lineTotal(sku, quantity) {
  const price = UNIT_PRICES[sku];
  if (price === undefined) throw new Error(`no price for ${sku}`);
  return Math.round(price * quantity * 100) / 100;
}

export function orderTotal(lines, discountPercent = 0) {
  const gross = lines.reduce((sum, { sku, quantity }) => sum + lineTotal(sku, quantity), 0);
  return Math.round(gross * (100 - discountPercent)) / 100;
}
