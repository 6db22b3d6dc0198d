// Token-bucket rate limiter: every client may burst CAPACITY requests and gets
// one token back every REFILL_MS. Buckets live for the whole process.
export const CAPACITY = 5;
export const REFILL_MS = 12_000;

const buckets = new Map();

function bucketFor(client, now) {
  let bucket = buckets.get(client);
  if (!bucket) {
    bucket = { tokens: CAPACITY, updatedAt: now };
    buckets.set(client, bucket);
  }
  const refilled = Math.floor((now - bucket.updatedAt) / REFILL_MS);
  if (refilled > 0) {
    bucket.tokens = Math.min(CAPACITY, bucket.tokens + refilled);
    bucket.updatedAt += refilled * REFILL_MS;
  }
  return bucket;
}

export function tryAcquire(client, now = Date.now()) {
  const bucket = bucketFor(client, now);
  if (bucket.tokens === 0) return false;
  bucket.tokens -= 1;
  return true;
}

export function remaining(client, now = Date.now()) {
  return bucketFor(client, now).tokens;
}
