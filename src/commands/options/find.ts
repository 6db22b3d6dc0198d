// `polluter find` and `polluter fix`: one victim's failing order searched (fix then proves a patch); `find --failed`
// searches every failed test of a CI artifact instead.
import {
  failedWithoutArtifact,
  fixFormat,
  fixWithoutFailed,
  noVictim,
  notWithFailed,
  onlyWithFailed,
  victimBesideFailed,
} from '../../errors.js';
import type { FindOptions } from '../find.js';
import type { FindFailedOptions } from '../find-failed.js';
import type { FixOptions } from '../fix.js';
import { outputsFrom } from '../output-options.js';
import type { CommandSpec } from './command.js';
import {
  checkSearchFlags,
  databaseTable,
  orderSpec,
  orderTable,
  outputTable,
  runnerSeedTable,
  runnerTable,
  searchTable,
} from './groups.js';
import { normalise, passThrough, type Normalised } from './table.js';
import { flag, optionalCount, shard, text } from './values.js';

const VICTIM = 'Id of the test that fails after others (as `polluter list` prints it)';

/** What find and fix share, in the order --help lists it. */
function searchCommandTable(timeoutHelp: string) {
  return {
    ...runnerTable,
    ...runnerSeedTable,
    ...outputTable,
    ...databaseTable,
    ...orderTable,
    ...searchTable(timeoutHelp),
  } as const;
}

/** The options of find and fix as their commands take them (the --from-* flags become one order). */
function searchCommandOptions(
  values: Normalised<ReturnType<typeof searchCommandTable>>,
  argv: Readonly<Record<string, unknown>>,
) {
  const { projectDir, runner, python, seed, databaseSettings, ...rest } = values;
  return {
    projectDir,
    runner,
    python,
    seed,
    passThrough: passThrough(argv),
    ...checkSearchFlags(rest),
    ...databaseSettings,
    order: orderSpec({ ...rest, seed }),
  };
}

const findTable = {
  ...searchCommandTable(
    'Seconds a trial may go without a test starting or ending before it is killed (default: 5× the slowest test so far, at least 60)',
  ),
  victim: { ...text(VICTIM), positional: true },
  failed: flag(
    "Instead of one victim: every failed test of the --from-* artifact, triaged alone and searched in its worker's order (a report like detect's)",
  ),
  'alone-runs': optionalCount(
    2,
    'With --failed: runs of each failure alone (all pass → victim, all fail → plain failure, else flaky; default: 3)',
  ),
  shard: shard('With --failed: i/n, search the i-th of n shares of the failures (join with polluter merge)'),
  fix: flag(
    'With --failed: propose a fix for each set of polluters, proven on each of its victims in a scratch copy (the project is never written)',
  ),
  resume: flag('Continue an interrupted search from its journal instead of repeating its trials'),
  journal: text("File for the journal of trial results (default: one per search in polluter's private state dir)"),
} as const;

export const findCommand: CommandSpec<typeof findTable> = {
  command: 'find [victim]',
  describe:
    'Find the minimal set of earlier tests that makes the victim fail (--failed: of every test that failed in a CI artifact)',
  table: findTable,
  examples: [
    ['$0 find tests/test_search.py::test_default_extension', 'search the tests collected before the victim'],
    ['$0 find tests/test_a.py::test_x --order-file ci-order.txt -- -x', 'search the order CI ran; pass -x to pytest'],
    [
      '$0 find tests/test_a.py::test_x --from-log ci.log',
      "search what ran before the victim on its pytest-xdist worker in CI's log",
    ],
    ["$0 find 'tests/cart.test.js > cart > totals' --seed 1234", 'search the order of `jest --randomize --seed=1234`'],
    [
      '$0 find --failed --from-junit junit.xml --format markdown --output polluter.md',
      'every failed test of a CI run: triaged, each victim searched',
    ],
    [
      '$0 find --failed --from-junit junit.xml --fix --format markdown',
      'the same, with a proven fix for each set of polluters',
    ],
  ],
};

export type FindInvocation = { failed: false; options: FindOptions } | { failed: true; options: FindFailedOptions };

/** `find VICTIM` or `find --failed`: the options of the one or the other, each checked against the mode. */
export function findInvocation(argv: Readonly<Record<string, unknown>>): FindInvocation {
  const values = normalise(findTable, argv);
  if (values.failed) return { failed: true, options: findFailedOptions(values, argv) };
  if (values.victim === undefined) throw noVictim();
  if (values.aloneRuns !== undefined) throw onlyWithFailed('alone-runs');
  if (values.shard !== undefined) throw onlyWithFailed('shard');
  if (values.fix) throw fixWithoutFailed();
  const { victim, journal, resume } = values;
  return {
    failed: false,
    options: { ...searchCommandOptions(values, argv), victim, journal, resume, outputs: outputsFrom(values) },
  };
}

/** `find --failed`: the artifact is the one --from-* flag; the options that name one victim's order do not apply. */
function findFailedOptions(
  values: Normalised<typeof findTable>,
  argv: Readonly<Record<string, unknown>>,
): FindFailedOptions {
  if (values.victim !== undefined) throw victimBesideFailed(values.victim);
  for (const [flagName, given] of [
    ['--order-file', values.orderFile !== undefined],
    ['--seed', values.seed !== undefined],
    ['--worker', values.worker !== undefined],
    ['--resume', values.resume],
    ['--journal', values.journal !== undefined],
  ] as const) {
    if (given) throw notWithFailed(flagName);
  }
  const { order, seed: _seed, ...options } = searchCommandOptions(values, argv);
  if (order === undefined || order.kind === 'order-file') throw failedWithoutArtifact();
  return {
    ...options,
    artifact: { format: order.kind, file: order.file },
    aloneRuns: values.aloneRuns ?? 3,
    shard: values.shard,
    fix: values.fix,
    outputs: outputsFrom(values),
  };
}

const fixTable = {
  ...searchCommandTable(
    'Seconds a trial may go without a test starting or ending before it is killed (default: as find; 10 min for proof runs)',
  ),
  victim: { ...text(VICTIM, { demandOption: true }), positional: true },
  report: text('Start from this find or detect JSON report instead of searching again'),
  apply: flag('Write the proven patch into the project (without it, the project is left as it was)'),
  full: flag('Also prove a local fix on the whole suite (project-wide fixes always are)'),
} as const;

export const fixCommand: CommandSpec<typeof fixTable> = {
  command: 'fix <victim>',
  describe:
    'Find the polluter, then propose a patch that stops the leak, proven by re-runs in a scratch copy of the project',
  table: fixTable,
  examples: [
    [
      '$0 fix tests/test_search.py::test_default_extension',
      'search, then propose and prove a patch (printed as a diff)',
    ],
    ['$0 fix tests/test_a.py::test_x --report find.json --apply', 'start from a find report; write the proven patch'],
  ],
};

export function fixOptions(argv: Readonly<Record<string, unknown>>): FixOptions {
  const values = normalise(fixTable, argv);
  const outputs = outputsFrom(values);
  if (outputs.some((output) => output.format === 'junit')) throw fixFormat('junit');
  const { victim, report, apply, full } = values;
  return { ...searchCommandOptions(values, argv), victim: victim!, outputs, resume: false, report, apply, full };
}
