// The kinds of option value, each with its yargs type and its check ("--jobs takes a whole number of at least 1, not 0").
import { badOptionValue } from '../../errors.js';
import type { Shard } from '../triage.js';
import type { OptionSpec } from './table.js';

/** `--all`, `--no-wait`: true or false, never missing. */
export function flag(describe: string, fallback = false): OptionSpec<boolean> {
  return { yargs: { type: 'boolean', default: fallback, describe }, normalise: (value) => value === true };
}

/** A string, or undefined when left out. */
export function text(describe: string, extra: { demandOption?: boolean } = {}): OptionSpec<string | undefined> {
  return { yargs: { type: 'string', describe, ...extra }, normalise: (value) => value as string | undefined };
}

/** A string with a default, so never missing. */
export function textOr(fallback: string, describe: string): OptionSpec<string> {
  return { yargs: { type: 'string', default: fallback, describe }, normalise: (value) => String(value) };
}

/** A string the user must give (`comment --report`). */
export function requiredText(describe: string): OptionSpec<string> {
  return { yargs: { type: 'string', demandOption: true, describe }, normalise: (value) => String(value) };
}

/** One of a few words, checked by yargs (its message lists the choices). */
export function choice<C extends string>(choices: readonly C[], describe: string): OptionSpec<C | undefined> {
  return { yargs: { choices, describe }, normalise: (value) => value as C | undefined };
}

export function choiceOr<C extends string>(choices: readonly C[], fallback: C, describe: string): OptionSpec<C> {
  return { yargs: { choices, default: fallback, describe }, normalise: (value) => value as C };
}

function checkedWholeNumber(value: unknown, flag: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)
    throw badOptionValue(flag, `a whole number of at least ${minimum}`, value);
  return value;
}

/** A count with a default (`--repeat 2`): a whole number of at least `minimum`. */
export function count(minimum: number, fallback: number, describe: string): OptionSpec<number> {
  return {
    yargs: { type: 'number', default: fallback, describe },
    normalise: (value, name) => checkedWholeNumber(value, name, minimum),
  };
}

/** A count the command chooses when it is left out (`--jobs`: half the cores, or POLLUTER_JOBS). */
export function optionalCount(minimum: number, describe: string): OptionSpec<number | undefined> {
  return {
    yargs: { type: 'number', describe },
    normalise: (value, name) => (value === undefined ? undefined : checkedWholeNumber(value, name, minimum)),
  };
}

function checkedSeconds(value: unknown, flag: string): number {
  if (typeof value !== 'number' || !(value > 0)) throw badOptionValue(flag, 'a number of seconds above 0', value);
  return value;
}

/** A time limit in seconds, above 0; undefined leaves it to the command. */
export function optionalSeconds(describe: string): OptionSpec<number | undefined> {
  return {
    yargs: { type: 'number', describe },
    normalise: (value, name) => (value === undefined ? undefined : checkedSeconds(value, name)),
  };
}

export function seconds(fallback: number, describe: string): OptionSpec<number> {
  return { yargs: { type: 'number', default: fallback, describe }, normalise: checkedSeconds };
}

/** A shuffle's seed: any whole number a double holds exactly. */
export function seed(describe: string): OptionSpec<number | undefined> {
  return {
    yargs: { type: 'number', describe },
    normalise: (value, name) => {
      if (value !== undefined && !Number.isSafeInteger(value)) throw badOptionValue(name, 'a whole number', value);
      return value as number | undefined;
    },
  };
}

/** A number yargs parsed, checked by the command that takes it (`comment --pr`). */
export function rawNumber(describe: string): OptionSpec<number | undefined> {
  return { yargs: { type: 'number', describe }, normalise: (value) => value as number | undefined };
}

/** `--shard i/n`: the i-th of n shares, counted from 1 as CI matrices do. */
export function shard(describe: string): OptionSpec<Shard | undefined> {
  return {
    yargs: { type: 'string', describe },
    normalise: (value, name) => {
      if (value === undefined) return undefined;
      const match = /^(\d+)\/(\d+)$/.exec(String(value).trim());
      const index = Number(match?.[1]);
      const count = Number(match?.[2]);
      if (!match || count < 1 || index < 1 || index > count)
        throw badOptionValue(name, 'i/n with 1 ≤ i ≤ n (e.g. 2/4)', value);
      return { index, count };
    },
  };
}
