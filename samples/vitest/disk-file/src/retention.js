const DAY = 24 * 60 * 60 * 1000;

// Keep every backup from the last `dailyDays` days and one per ISO week before that.
export function backupsToPrune(snapshots, now, dailyDays = 7) {
  const keep = new Set();
  const weeksSeen = new Set();
  const newestFirst = [...snapshots].sort((a, b) => b.takenAt - a.takenAt);
  for (const snap of newestFirst) {
    if (now - snap.takenAt <= dailyDays * DAY) {
      keep.add(snap.id);
      continue;
    }
    const week = Math.floor(snap.takenAt / (7 * DAY));
    if (!weeksSeen.has(week)) {
      weeksSeen.add(week);
      keep.add(snap.id);
    }
  }
  return snapshots.filter((snap) => !keep.has(snap.id)).map((snap) => snap.id);
}
