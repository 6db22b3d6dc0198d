/** A literal string as a JavaScript regular expression (what jest's and vitest's `-t` take). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
