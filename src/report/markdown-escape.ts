// Test names come from the user's code and land in pull-request comments: nothing in them may become markup.
// Every id, command and file name is shown as code (a span or a fenced block, whose fence no run inside can
// close), HTML text is entity-escaped, and prose is backslash-escaped. Rules: CommonMark 0.31, §4.5 and §6.1.

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks as a visible sign: inside a code span they would become spaces, and a blank line ends it. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, '⏎');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * `text` as an inline code span that renders exactly `oneLine(text)`: the fence is one backtick longer than any
 * run inside. CommonMark strips one space from each end when both ends have one (unless all are spaces), so a
 * space of padding on each side goes in exactly then, and when a backtick at either end would touch the fence.
 */
export function codeSpan(text: string): string {
  const content = oneLine(text);
  if (content === '') return '<code></code>';
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const stripped = content.startsWith(' ') && content.endsWith(' ') && !/^ +$/.test(content);
  const padding = stripped || content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

/** A code span for a table cell: pipes would split the cell even inside code, so they become `¦`. */
export function codeCell(text: string): string {
  return codeSpan(text.replaceAll('|', '¦'));
}

/** A fenced code block: a backtick fence longer than any backtick run in the text, so no line can close it. */
export function codeBlock(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text inside raw HTML (`<summary>`), where Markdown is not parsed but HTML is. */
export function htmlText(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Prose on one line with every ASCII punctuation character backslash-escaped (no emphasis, links, HTML, table
 * pipes), and a zero-width space after `@` so that GitHub links no mention.
 */
export function plainText(text: string): string {
  return oneLine(text)
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`)
    .replaceAll('@', '@\u200B');
}
