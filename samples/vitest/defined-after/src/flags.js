// Feature-flag store: compiled-in defaults, values pulled from the flag service,
// and local overrides (used by ops and, unfortunately, by tests).
const DEFAULTS = Object.freeze({
  'new-checkout': false,
  'dark-mode': true,
  'search-v2': false,
});

const remote = new Map();
const overrides = new Map();

export function isEnabled(flag) {
  if (overrides.has(flag)) return overrides.get(flag);
  if (remote.has(flag)) return remote.get(flag);
  return DEFAULTS[flag] ?? false;
}

export function setOverride(flag, enabled) {
  overrides.set(flag, Boolean(enabled));
}

export function clearOverride(flag) {
  overrides.delete(flag);
}

// Polls the flag service; returns the interval handle so callers can stop it.
export function startPolling(fetchFlags, everyMs = 30_000) {
  return setInterval(async () => {
    const latest = await fetchFlags();
    for (const [flag, enabled] of Object.entries(latest)) remote.set(flag, enabled);
  }, everyMs);
}
