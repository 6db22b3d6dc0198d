// Saves a draft once the author has stopped typing for `quietMs`.
export function createAutosave(save, quietMs = 800) {
  let pending = null;
  let latest = '';

  return {
    edit(text) {
      latest = text;
      clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        save(latest);
      }, quietMs);
    },
    discard() {
      clearTimeout(pending);
      pending = null;
    },
    get dirty() {
      return pending !== null;
    },
  };
}
