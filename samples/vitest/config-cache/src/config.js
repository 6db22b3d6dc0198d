// The configuration, read from the environment the first time it is asked for, then kept.
let cached;

export function getConfig() {
  if (cached === undefined) {
    cached = { region: process.env.APP_REGION ?? 'eu-west-1', currency: process.env.APP_CURRENCY ?? 'EUR' };
  }
  return cached;
}

// For tests and hot reloads: the next getConfig() reads the environment again.
export function resetConfig() {
  cached = undefined;
}
