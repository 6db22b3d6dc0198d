// Upload quotas per plan, with overrides an admin can grant at run time.
const overrides = new Map();

export function grant(account, megabytes) {
  overrides.set(account, megabytes);
}

export function quotaOf(account, plan) {
  return overrides.get(account) ?? (plan === 'pro' ? 1000 : 100);
}
