// The signed-in user of this process, as a small service keeps it.
let currentUser = null;

export function impersonate(user) {
  currentUser = user;
}

export function whoami() {
  return currentUser ?? 'nobody';
}
