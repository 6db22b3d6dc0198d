// Parses "12.50 EUR"; undefined when the text is not an amount.
export function parseAmount(text: string): { amount: number; currency: string } | undefined {
  const match = /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(text);
  return match ? { amount: Number(match[1]), currency: match[2]! } : undefined;
}
