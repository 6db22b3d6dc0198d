// One declaration per option: what yargs parses and shows in --help, and how the value is checked and normalised.
// The yargs builder and the TypeScript type of a command's options both come from its table (see `Normalised`).
import type { Argv, Options, PositionalOptions } from 'yargs';
import { optionRepeated } from '../../errors.js';

export interface OptionSpec<T = unknown> {
  /** What yargs is told: type, choices, default, help text. */
  readonly yargs: Options;
  /** Declared in the command string (`find [victim]`) rather than as a --flag. */
  readonly positional?: boolean;
  /** Given more than once on purpose (each --format pairs with an --output); any other option is refused then. */
  readonly repeatable?: boolean;
  /** Checks the value yargs parsed and turns it into what the command takes; throws a UsageError (errors.ts). */
  readonly normalise: (value: unknown, flag: string) => T;
}

/** A spec whose normalised value goes by another name than the flag's (`--timeout` → `timeoutSeconds`). */
export type Renamed<T, K extends string> = OptionSpec<T> & { readonly key: K };

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type KeyOf<F extends string, S> = S extends { readonly key: infer K extends string } ? K : CamelCase<F>;

type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/**
 * The options a table normalises to: one property per option, named as the flag in camelCase unless renamed; an
 * option that may be left out (`--jobs`) is an optional property.
 */
export type Normalised<T extends OptionTable> = {
  -readonly [F in keyof T & string as undefined extends ValueOf<T[F]> ? never : KeyOf<F, T[F]>]: ValueOf<T[F]>;
} & {
  -readonly [F in keyof T & string as undefined extends ValueOf<T[F]> ? KeyOf<F, T[F]> : never]?: ValueOf<T[F]>;
};

export function renamed<T, K extends string>(spec: OptionSpec<T>, key: K): Renamed<T, K> {
  return { ...spec, key };
}

/** A spec that yargs also takes under an older spelling (`detect --seed` for `--shuffle-seed`); --help lists both. */
export function aliased<T>(spec: OptionSpec<T>, alias: string): OptionSpec<T> {
  return { ...spec, yargs: { ...spec.yargs, alias } };
}

function keyOf(flag: string, spec: OptionSpec): string {
  return 'key' in spec && typeof spec.key === 'string'
    ? spec.key
    : flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Declares every option of the table to yargs, in the table's order (the order --help lists them in). */
export function declare<A>(command: Argv<A>, table: OptionTable): Argv<A> {
  let declared = command;
  for (const [flag, spec] of Object.entries(table)) {
    declared = (
      spec.positional ? declared.positional(flag, spec.yargs as PositionalOptions) : declared.option(flag, spec.yargs)
    ) as Argv<A>;
  }
  return declared;
}

/**
 * What the command line said, checked and normalised once, at the edge: a repeated option is refused first
 * (`--project a --project b` is bad input, not "the last one wins"), then each value in the table's order.
 */
export function normalise<T extends OptionTable>(table: T, argv: Readonly<Record<string, unknown>>): Normalised<T> {
  for (const [flag, spec] of Object.entries(table)) {
    const value = argv[flag];
    if (Array.isArray(value) && !spec.repeatable) throw optionRepeated(flag, value.map(String));
  }
  const values: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(table)) values[keyOf(flag, spec)] = spec.normalise(argv[flag], flag);
  return values as Normalised<T>;
}

/** What a table normalises to when nothing is given: every default (the demo searches with find's). */
export function defaultsOf<T extends OptionTable>(table: T): Normalised<T> {
  return normalise(table, Object.fromEntries(Object.entries(table).map(([flag, spec]) => [flag, spec.yargs.default])));
}

/** Arguments after `--`, passed to the runner on every run. */
export function passThrough(argv: Readonly<Record<string, unknown>>): string[] {
  return ((argv['--'] ?? []) as unknown[]).map(String);
}
