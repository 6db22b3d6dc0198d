/** Where a command writes, and how it learns it was interrupted; the CLI passes the real ones, tests need none. */
export interface CommandIo {
  stdout(text: string): void;
  /** A progress line for humans, on stderr. */
  progress(line: string): void;
  signal?: AbortSignal | undefined;
}
