// A command as the command line declares it: its usage, help, examples and option table, in one place.
import type { OptionTable } from './table.js';

export interface CommandSpec<T extends OptionTable> {
  /** yargs' command string, positionals included (`find [victim]`). */
  readonly command: string;
  readonly describe: string;
  readonly table: T;
  readonly examples?: readonly (readonly [string, string])[];
}
