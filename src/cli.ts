import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandIo } from './commands/io.js';
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
import { GitHubApiError, InvalidTrialError, UsageError } from './errors.js';
import { printable } from './printable.js';
import { TrialAbortedError } from './runners/process.js';
import { VictimDidNotRunError } from './search/types.js';

// polluter's own version, not that of the project it runs in (yargs would look for the nearest package.json).
const ownVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const interruption = new AbortController();
// A listener for good, not `once`: a dependency's exit hook (signal-exit, loaded with a command) re-raises a signal
// when it finds itself the only listener left, which would kill polluter before it stops its trials. A second
// signal is the user insisting: the default action then ends the process at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  const stop = () => {
    if (!interruption.signal.aborted) return interruption.abort();
    process.off(signal, stop);
    process.kill(process.pid, signal);
  };
  process.on(signal, stop);
}

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
  // Each command's module is loaded when it runs: the others' modules (and their dependencies) cost start-up time.
  .command(
    command(findCommand, async (argv) => {
      const invocation = findInvocation(argv);
      if (invocation.failed) return (await import('./commands/find-failed.js')).findFailed(invocation.options, io);
      return (await import('./commands/find.js')).find(invocation.options, io);
    }),
  )
  .command(command(fixCommand, async (argv) => (await import('./commands/fix.js')).fix(fixOptions(argv), io)))
  .command(command(runCommand, async (argv) => (await import('./commands/run.js')).run(runOptions(argv), io)))
  .command(command(listCommand, async (argv) => (await import('./commands/list.js')).list(listOptions(argv), io)))
  .command(
    command(detectCommand, async (argv) => (await import('./commands/detect.js')).detect(detectOptions(argv), io)),
  )
  .command(command(mergeCommand, async (argv) => (await import('./commands/merge.js')).merge(mergeOptions(argv), io)))
  .command(
    command(commentCommand, async (argv) => (await import('./commands/comment.js')).comment(commentOptions(argv), io)),
  )
  .command(
    command(recordCommand, async (argv) => (await import('./commands/record.js')).record(recordOptions(argv), io)),
  )
  .command(command(demoCommand, async (argv) => (await import('./commands/demo.js')).demo(demoOptions(argv), io)))
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
