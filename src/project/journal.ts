import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, appendFile, lstat, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readJsonLines } from '../runners/json-lines.js';
import { assertOwn, privateDir } from './state-dir.js';
import {
  withRun,
  type RunOptions,
  type Runner,
  type StateChange,
  type TestOutcome,
  type TrialRun,
} from '../runners/runner.js';

/** One trial as the journal keeps it: the ids run, and what the runner reported (maps as entry lists). */
interface Entry {
  ids: string[];
  run: Omit<TrialRun, 'outcomes' | 'seconds' | 'stateChanges'> & {
    outcomes: [string, TestOutcome][];
    seconds: [string, number][];
    stateChanges?: [string, StateChange[]][] | undefined;
  };
}

/**
 * Every trial's run, appended as it comes, so that an interrupted search can be resumed. The search asks for the
 * same trials in the same order when it gets the same answers, so `--resume` replays the journal from the start:
 * while the requested ids match the next entry, its recorded run is the answer and no process starts; at the first
 * difference (or the end) trials run again and are appended.
 */
export class Journal {
  private replay: Entry[] = [];
  private position = 0;
  replayed = 0;
  /** `--resume` found trials to replay. */
  resumable = false;

  private constructor(readonly file: string) {}

  /**
   * The journal of this search: `--journal FILE`, else a file named by what defines the search in polluter's private
   * state dir. A journal another user owns is refused: its outcomes would steer --resume.
   */
  static async open(options: { file?: string | undefined; identity: unknown; resume: boolean }): Promise<Journal> {
    const name = createHash('sha256').update(JSON.stringify(options.identity)).digest('hex').slice(0, 16);
    const journal = new Journal(options.file ?? join(await privateDir('journals'), `${name}.jsonl`));
    const existing = await lstat(journal.file).catch(() => undefined);
    if (existing) assertOwn(journal.file, existing.uid);
    if (options.resume) journal.replay = await readJsonLines<Entry>(journal.file);
    else await rm(journal.file, { force: true });
    // Written from the first trial on, so a search stopped by bad input leaves nothing; but a folder that cannot
    // take it is said now, not after the first trial.
    await access(dirname(journal.file), constants.W_OK);
    journal.resumable = journal.replay.length > 0;
    return journal;
  }

  /**
   * The runner, with trials answered from the journal while it applies. Whole runs are kept, not just verdicts, so
   * that what the search learns from a run (each test's time, for splitting by time) is learnt again on replay.
   */
  wrap(runner: Runner): Runner {
    return withRun(runner, (ids, options) => this.run(runner, ids, options));
  }

  private async run(runner: Runner, ids: readonly string[], options: RunOptions): Promise<TrialRun> {
    const next = this.replay[this.position];
    if (next !== undefined && sameOrder(next.ids, ids)) {
      this.position += 1;
      this.replayed += 1;
      const stateChanges = next.run.stateChanges && new Map(next.run.stateChanges);
      return { ...next.run, outcomes: new Map(next.run.outcomes), seconds: new Map(next.run.seconds), stateChanges };
    }
    if (this.position < this.replay.length) {
      // The search went another way: the rest of the journal no longer applies; keep what was replayed.
      await writeFile(
        this.file,
        this.replay
          .slice(0, this.position)
          .map((entry) => `${JSON.stringify(entry)}\n`)
          .join(''),
      );
      this.replay = [];
    }
    const run = await runner.run(ids, options);
    const stateChanges = run.stateChanges && [...run.stateChanges];
    const entry: Entry = {
      ids: [...ids],
      run: { ...run, outcomes: [...run.outcomes], seconds: [...run.seconds], stateChanges },
    };
    await appendFile(this.file, `${JSON.stringify(entry)}\n`);
    return run;
  }

  /** A finished search leaves nothing behind. */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => id === b[index]);
