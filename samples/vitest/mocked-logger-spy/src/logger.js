// The service's logger: lines are buffered per level until shipped.
const buffer = [];
const counts = { info: 0, warn: 0 };

export const logger = {
  info(message) {
    buffer.push(`INFO ${message}`);
    counts.info += 1;
  },
  warn(message) {
    buffer.push(`WARN ${message}`);
    counts.warn += 1;
  },
};

export function lines() {
  return [...buffer];
}

export function countOf(level) {
  return counts[level];
}
