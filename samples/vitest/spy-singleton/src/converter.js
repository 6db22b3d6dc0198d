import { exchangeRates } from './rates.js';

export function convert(amount, from, to) {
  if (amount < 0) throw new RangeError('amount must not be negative');
  if (from === to) return amount;
  const converted = amount * exchangeRates.lookup(from, to);
  return Math.round(converted * 100) / 100;
}
