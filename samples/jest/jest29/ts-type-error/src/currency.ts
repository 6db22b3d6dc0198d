// Currency formatting with a module-level default, as a library keeps it for callers that pass none.
let defaultCurrency = 'USD';

export function setDefaultCurrency(code: string): void {
  defaultCurrency = code;
}

export function format(amount: number, currency: string = defaultCurrency): string {
  return `${amount.toFixed(2)} ${currency}`;
}
