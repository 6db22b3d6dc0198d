// The shopping cart of the current visitor: one module-level list of lines.
const lines = [];

export function add(sku, quantity) {
  lines.push({ sku, quantity });
  return lines.length;
}

export function count() {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}
