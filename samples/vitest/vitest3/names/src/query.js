export function parseQuery(search) {
  const result = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key in result) result[key] = [].concat(result[key], value);
    else result[key] = value;
  }
  return result;
}

export function buildQuery(params) {
  const pairs = Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  return pairs.length ? `?${new URLSearchParams(pairs)}` : '';
}
