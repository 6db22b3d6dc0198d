export function countWords(text) {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  return words.length;
}

export function readingMinutes(text, wordsPerMinute = 220) {
  return Math.max(1, Math.ceil(countWords(text) / wordsPerMinute));
}
