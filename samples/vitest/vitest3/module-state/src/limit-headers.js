// Builds the IETF draft RateLimit-* response headers.
export function rateLimitHeaders({ limit, remaining, resetSeconds }) {
  const headers = {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, remaining)),
    'RateLimit-Reset': String(Math.ceil(resetSeconds)),
  };
  if (remaining <= 0) headers['Retry-After'] = headers['RateLimit-Reset'];
  return headers;
}
