const SYMBOLS = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

export function formatMoney(amount, currency) {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const digits = currency === 'JPY' ? 0 : 2;
  return `${symbol}${amount.toFixed(digits)}`;
}

export function parseMoney(text) {
  const match = /^([€$£¥])(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new SyntaxError(`not a money amount: ${text}`);
  const currency = Object.keys(SYMBOLS).find((code) => SYMBOLS[code] === match[1]);
  return { currency, amount: Number(match[2]) };
}
