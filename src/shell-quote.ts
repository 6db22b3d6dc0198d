/** Quotes one argument for a POSIX shell, so that a printed command can be pasted as it is. */
export function shellQuote(argument: string): string {
  if (/^[\w@%+=:,./-]+$/.test(argument) && !argument.includes('::')) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
