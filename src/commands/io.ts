/** Where a command writes, and how it learns it was interrupted; the CLI passes the real ones, tests need none. */
export interface CommandIo {
  /**
   * Text for stdout. `coloured`: rendered from an inert report (src/printable.ts), so its escape sequences are
   * polluter's own colours and it goes out as it is; any other text has its control characters shown as escapes.
   */
  stdout(text: string, options?: { coloured?: boolean }): void;
  /** A progress line for humans, on stderr. */
  progress(line: string): void;
  signal?: AbortSignal | undefined;
}
