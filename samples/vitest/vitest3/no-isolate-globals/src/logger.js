// Structured one-line logger. Request-scoped fields come from a context object
// that the HTTP middleware publishes on globalThis while a request is handled.
export function formatLine(level, message, fields = {}) {
  const merged = { ...(globalThis.__requestContext ?? {}), ...fields };
  const pairs = Object.entries(merged).map(([key, value]) => `${key}=${value}`);
  return [`[${level.toUpperCase()}]`, message, ...pairs].join(' ');
}
