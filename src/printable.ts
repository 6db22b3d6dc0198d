// Text that came from user data (test ids from order files and reports, test names, runner output) reaches a terminal:
// an ESC, OSC or BEL in it could move the cursor, retitle the window or hide text. Each such character is shown as
// an escape instead (ESC → \u001b), so the id stays readable and distinct from its neighbours. The escape is JSON's
// own, so JSON on stdout stays valid and means the same.

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder what a line shows.
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with its control characters shown as escapes; `lines: true` keeps newlines and tabs. */
export function printable(text: string, options: { lines?: boolean } = {}): string {
  return text.replace(
    options.lines ? CONTROL_IN_LINES : CONTROL,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A report (plain JSON data) with every string made printable, before a renderer adds polluter's own colours: the
 * rendered text can then go to a terminal as it is, since its only escape sequences are polluter's.
 */
export function inert<T>(value: T): T {
  if (typeof value === 'string') return printable(value, { lines: true }) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => inert(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inert(item as unknown)])) as T;
  }
  return value;
}
