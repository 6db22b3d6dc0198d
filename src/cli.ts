import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { comment } from './commands/comment.js';
import { demo } from './commands/demo.js';
import { detect } from './commands/detect.js';
import { find } from './commands/find.js';
import { findFailed } from './commands/find-failed.js';
import { fix } from './commands/fix.js';
import type { CommandIo } from './commands/io.js';
import { list } from './commands/list.js';
import { merge } from './commands/merge.js';
import type { CommandSpec } from './commands/options/command.js';
import { detectCommand, detectOptions } from './commands/options/detect.js';
import { findCommand, findInvocation, fixCommand, fixOptions } from './commands/options/find.js';
import {
  commentCommand,
  commentOptions,
  demoCommand,
  demoOptions,
  listCommand,
  listOptions,
  mergeCommand,
  mergeOptions,
  recordCommand,
  recordOptions,
  runCommand,
  runOptions,
} from './commands/options/others.js';
import { declare, type OptionTable } from './commands/options/table.js';
import { record } from './commands/record.js';
import { run } from './commands/run.js';
import { GitHubApiError, InvalidTrialError, UsageError } from './errors.js';
import { printable } from './printable.js';
import { TrialAbortedError } from './runners/process.js';
import { VictimDidNotRunError } from './search/types.js';

// polluter's own version, not that of the project it runs in (yargs would look for the nearest package.json).
const ownVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const interruption = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interruption.abort());

// Everything polluter prints can carry user data (ids, test names, runner output): no raw control characters.
const io: CommandIo = {
  stdout: (text, options) => process.stdout.write(options?.coloured ? text : printable(text, { lines: true })),
  progress: (line) => process.stderr.write(`polluter: ${printable(line, { lines: true })}\n`),
  signal: interruption.signal,
};

type Argvs = Readonly<Record<string, unknown>>;

/** A command of the table in commands/options/: its options declared to yargs, its handler given the raw argv. */
function command<T extends OptionTable>(spec: CommandSpec<T>, handle: (argv: Argvs) => Promise<number>) {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (built: Argv) => {
      let declared = declare(built, spec.table);
      for (const [usage, meaning] of spec.examples ?? []) declared = declared.example(usage, meaning);
      return declared;
    },
    handler: (argv: Argvs) => exitWith(() => handle(argv)),
  };
}

/** The errors a user meets (bad input, a GitHub failure, a trial that did not run): one line, their own exit status. */
function isUserFacing(error: unknown): error is Error & { exitCode: number } {
  return (
    error instanceof UsageError ||
    error instanceof VictimDidNotRunError ||
    error instanceof GitHubApiError ||
    error instanceof InvalidTrialError
  );
}

async function exitWith(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (isUserFacing(error)) {
      process.stderr.write(`polluter: ${printable(error.message, { lines: true })}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof TrialAbortedError || interruption.signal.aborted) {
      process.stderr.write('polluter: interrupted\n');
      process.exitCode = 130;
    } else {
      const message =
        error instanceof Error ? (process.env.POLLUTER_DEBUG ? error.stack : error.message) : String(error);
      process.stderr.write(`polluter: internal error: ${printable(message ?? '', { lines: true })}\n`);
      process.exitCode = 3;
    }
  }
}

await yargs(hideBin(process.argv))
  .scriptName('polluter')
  .usage('$0 <command> [options] [-- runner arguments]\n\nFinds the test that poisons another test.')
  .parserConfiguration({ 'populate--': true })
  .command(
    command(findCommand, (argv) => {
      const invocation = findInvocation(argv);
      return invocation.failed ? findFailed(invocation.options, io) : find(invocation.options, io);
    }),
  )
  .command(command(fixCommand, (argv) => fix(fixOptions(argv), io)))
  .command(command(runCommand, (argv) => run(runOptions(argv), io)))
  .command(command(listCommand, (argv) => list(listOptions(argv), io)))
  .command(command(detectCommand, (argv) => detect(detectOptions(argv), io)))
  .command(command(mergeCommand, (argv) => merge(mergeOptions(argv), io)))
  .command(command(commentCommand, (argv) => comment(commentOptions(argv), io)))
  .command(command(recordCommand, (argv) => record(recordOptions(argv), io)))
  .command(command(demoCommand, (argv) => demo(demoOptions(argv), io)))
  .demandCommand(1, 'name a command: find, fix, detect, merge, comment, record, run, list or demo')
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`polluter: ${message} (see polluter --help)\n`);
    process.exit(2);
  })
  .help()
  .version(ownVersion)
  .wrap(Math.min(110, process.stdout.columns || 110))
  .parseAsync();
