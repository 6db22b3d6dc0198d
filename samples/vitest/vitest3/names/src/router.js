// Minimal HTTP router. Later registrations win, so plugins can override core routes.
const table = [];

function compile(pattern) {
  if (!pattern.startsWith('/')) throw new Error(`route must start with "/": ${pattern}`);
  const keys = [];
  const source = pattern.replace(/:(\w+)/g, (_, key) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), keys };
}

export function route(method, pattern, handler) {
  table.unshift({ method, handler, ...compile(pattern) });
}

export function resolve(method, path) {
  for (const entry of table) {
    if (entry.method !== method) continue;
    const hit = entry.regex.exec(path);
    if (hit) return { handler: entry.handler, params: Object.fromEntries(entry.keys.map((k, i) => [k, hit[i + 1]])) };
  }
  return null;
}

route('GET', '/health', 'healthCheck');
route('GET', '/users/:id', 'showUser');
