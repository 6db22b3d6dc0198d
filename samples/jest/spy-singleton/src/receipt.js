'use strict';

function renderReceipt(order) {
  const rows = order.lines.map(
    (line) => `${line.qty} x ${line.name} @ ${line.unitPrice.toFixed(2)}`,
  );
  return [`Order ${order.id} for ${order.customer}`, ...rows, `TOTAL ${order.total.toFixed(2)}`].join('\n');
}

module.exports = { renderReceipt };
