const ORDER = ['debug', 'info', 'warn', 'error'];

export function shouldLog(level, threshold = 'info') {
  const rank = ORDER.indexOf(level);
  if (rank === -1) throw new Error(`unknown log level ${level}`);
  return rank >= ORDER.indexOf(threshold);
}
