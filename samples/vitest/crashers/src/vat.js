// VAT rates per country, in percent. Exported so the admin screen can list them.
export const VAT_RATES = { DE: 19, FR: 20, NL: 21, IE: 23 };

export function vatFor(country, netCents) {
  const rate = VAT_RATES[country];
  if (rate === undefined) throw new Error(`no VAT rate for ${country}`);
  return Math.round((netCents * rate) / 100);
}

export function grossPrice(country, netCents) {
  return netCents + vatFor(country, netCents);
}
