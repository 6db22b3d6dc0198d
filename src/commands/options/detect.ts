// `polluter detect`, the nightly job: rounds of the whole suite, the triage of every failure, a search per victim.
import { seedWithoutShuffle, shardedShuffleWithoutSeed } from '../../errors.js';
import type { DetectOptions } from '../detect.js';
import { outputsFrom } from '../output-options.js';
import type { CommandSpec } from './command.js';
import { checkSearchFlags, databaseTable, outputTable, runnerTable, searchTable } from './groups.js';
import { aliased, normalise, passThrough, renamed } from './table.js';
import { count, flag, seed, shard } from './values.js';

const detectTable = {
  ...runnerTable,
  ...outputTable,
  ...databaseTable,
  ...searchTable(
    'Seconds a run may go without a test starting or ending before it is killed (default: 1 h for a round, 5 min alone, adaptive in searches)',
  ),
  rounds: count(1, 1, 'Runs of the whole suite (with --shuffle, each in another order)'),
  shuffle: flag('Shuffle each round: files, then tests in each file'),
  // Not --seed, which find, fix and list give to the runner's own shuffle; --seed stays as an alias (the old spelling).
  'shuffle-seed': renamed(
    aliased(
      seed("Seed of --shuffle's first round, for every runner (the next rounds take seed+1, …; default: random)"),
      'seed',
    ),
    'seed',
  ),
  'alone-runs': count(2, 3, 'Runs of each failure alone: all pass → victim, all fail → plain failure, else flaky'),
  shard: shard('i/n: search the i-th of n shares of the failures (a CI job matrix; join with polluter merge)'),
  fix: flag(
    'Propose a fix for each set of polluters, proven on each of its victims in a scratch copy (the project is never written)',
  ),
} as const;

export const detectCommand: CommandSpec<typeof detectTable> = {
  command: 'detect',
  describe:
    'The nightly job: run the suite, tell order-dependent failures from plain and flaky ones, find each polluter',
  table: detectTable,
  examples: [
    [
      '$0 detect --shuffle --shuffle-seed 7 --rounds 3 --output detect.json --format markdown',
      'three shuffled rounds: JSON to a file, Markdown on stdout',
    ],
    [
      '$0 detect --shard 2/4 --shuffle --shuffle-seed 7 --format json --output detect-2.json',
      'the second of four CI jobs',
    ],
    ['$0 detect --fix --format markdown --output polluter.md', 'with a proven fix (a diff) for each set of polluters'],
  ],
};

/** detect's --shuffle-seed (alias --seed) seeds polluter's own shuffle of every round (any runner), never the runner's. */
export function detectOptions(argv: Readonly<Record<string, unknown>>): DetectOptions {
  const {
    projectDir,
    runner,
    python,
    databaseSettings,
    format,
    output,
    rounds,
    shuffle,
    seed,
    aloneRuns,
    shard,
    fix,
    ...search
  } = normalise(detectTable, argv);
  if (seed !== undefined && !shuffle) throw seedWithoutShuffle();
  if (shard !== undefined && shuffle && seed === undefined) throw shardedShuffleWithoutSeed();
  return {
    projectDir,
    runner,
    python,
    passThrough: passThrough(argv),
    rounds,
    shuffle,
    seed,
    aloneRuns,
    shard,
    fix,
    ...checkSearchFlags(search),
    ...databaseSettings,
    outputs: outputsFrom({ format, output }),
  };
}
