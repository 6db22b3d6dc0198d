'use strict';

function basketTotal(items) {
  const cents = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
  return cents / 100;
}

function applyVoucher(total, voucher) {
  if (!voucher) {
    return total;
  }
  const reduced = voucher.percentOff
    ? total * (1 - voucher.percentOff / 100)
    : total - voucher.amountOff;
  return Math.max(0, Math.round(reduced * 100) / 100);
}

module.exports = { basketTotal, applyVoucher };
