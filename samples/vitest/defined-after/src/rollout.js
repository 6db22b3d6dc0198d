// Deterministic percentage roll-out: a user is in the cohort when the hash of
// "<flag>:<userId>" falls below the roll-out percentage.
export function bucketOf(flag, userId) {
  let hash = 2166136261;
  for (const ch of `${flag}:${userId}`) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash % 100;
}

export function inRollout(flag, userId, percent) {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return bucketOf(flag, userId) < percent;
}
