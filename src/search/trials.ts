import { createHash } from 'node:crypto';
import type { Oracle, Outcome, Phase, SearchListener } from './types.js';

export interface TrialContext {
  phase: Phase;
  candidates: number;
  round?: number | undefined;
}

export interface TrialRunnerOptions<T> {
  /** Stable key of a test: subsets already run are remembered by their keys. */
  key: (test: T) => string;
  onEvent?: SearchListener<T> | undefined;
  /** Trials already run before this runner's first (numbering goes on from them). */
  previous?: number | undefined;
  /** Trials the oracle can run at once (`--jobs`): with more than one, repeats and trials asked for ahead start side by side. */
  jobs?: number | undefined;
}

/** A fresh trial asked for before it is needed: with jobs to spare it starts at once, otherwise only when asked for. */
export interface AheadTrial {
  outcome(): Promise<Outcome>;
  /** Waits for the trial when it was started, so that none is left running; starts nothing. */
  settled(): Promise<void>;
}

/**
 * Runs trials for the search: remembers every subset already run (ddmin asks for some twice), drops predecessors
 * that crash the process (they cannot have run before the victim in the failing run either) and counts processes.
 * It also schedules them: with `--jobs`, repeats run side by side; the search only says what it needs.
 */
export class TrialRunner<T> {
  readonly excluded: T[] = [];
  count: number;
  readonly jobs: number;
  /** Per subset run (by digest): the latest outcome, and the suspects that run reported. */
  private readonly memory = new Map<string, { outcome: Outcome; suspects?: T[] | undefined }>();
  private readonly excludedKeys = new Set<string>();
  private readonly key: (test: T) => string;
  private readonly onEvent: SearchListener<T>;

  constructor(
    private readonly oracle: Oracle<T>,
    options: TrialRunnerOptions<T>,
  ) {
    this.key = options.key;
    this.onEvent = options.onEvent ?? (() => {});
    this.count = options.previous ?? 0;
    this.jobs = Math.max(1, options.jobs ?? 1);
  }

  /** The victim's outcome after `subset`; answered from memory when this exact subset already ran. */
  async outcome(subset: readonly T[], context: TrialContext): Promise<Outcome> {
    const runnable = this.withoutExcluded(subset);
    const remembered = this.memory.get(this.keyOf(runnable));
    if (remembered !== undefined) return remembered.outcome;
    return this.fresh(runnable, context);
  }

  /** Always runs a new process (for repeats that measure flakiness), and remembers the latest answer. */
  async fresh(subset: readonly T[], context: TrialContext): Promise<Outcome> {
    let runnable = this.withoutExcluded(subset);
    for (;;) {
      const trial = (this.count += 1); // numbered when started: trials may run side by side (--jobs)
      const result = await this.oracle(runnable);
      this.onEvent({
        type: 'trial',
        trial,
        phase: context.phase,
        round: context.round,
        size: runnable.length,
        candidates: context.candidates,
        outcome: result.outcome,
        seconds: result.seconds,
      });
      const crasher = result.outcome === 'unknown' ? result.crashedBy : undefined;
      if (crasher === undefined || !runnable.includes(crasher)) {
        this.memory.set(this.keyOf(runnable), { outcome: result.outcome, suspects: result.suspects });
        return result.outcome;
      }
      this.exclude(crasher);
      runnable = this.withoutExcluded(runnable);
    }
  }

  /** `times` fresh runs of `subset`: side by side with jobs to spare, else one after another. */
  async repeated(subset: readonly T[], times: number, context: TrialContext): Promise<Outcome[]> {
    if (this.jobs > 1) return Promise.all(Array.from({ length: times }, () => this.fresh(subset, context)));
    const outcomes: Outcome[] = [];
    for (let run = 0; run < times; run += 1) outcomes.push(await this.fresh(subset, context));
    return outcomes;
  }

  /** Both batches of trials: side by side with jobs to spare, else the second after the first. */
  async inTurn<A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
    if (this.jobs > 1) return Promise.all([first(), second()]);
    const a = await first();
    return [a, await second()];
  }

  /** A fresh run of `subset` that may not be needed: started now only when jobs are to spare. */
  ahead(subset: readonly T[], context: TrialContext): AheadTrial {
    let started: Promise<Outcome> | undefined;
    const start = () => (started ??= this.fresh(subset, context));
    // Awaited later, or never when not needed: a failure meanwhile (Ctrl-C) must not surface as unhandled.
    if (this.jobs > 1) start().catch(() => {});
    return {
      outcome: start,
      settled: async () => void (await started),
    };
  }

  /** The suspects the latest run of exactly this subset reported, if its runner fingerprints state. */
  suspects(subset: readonly T[]): T[] | undefined {
    return this.memory.get(this.keyOf(this.withoutExcluded(subset)))?.suspects;
  }

  /** The tests of a run that left something changed, when they are some of its tests and not all. */
  suspectsAmong(run: readonly T[]): T[] | undefined {
    const keys = new Set((this.suspects(run) ?? []).map(this.key));
    const suspects = run.filter((test) => keys.has(this.key(test)));
    return suspects.length === 0 || suspects.length >= run.length ? undefined : suspects;
  }

  withoutExcluded(subset: readonly T[]): T[] {
    if (this.excludedKeys.size === 0) return [...subset];
    return subset.filter((test) => !this.excludedKeys.has(this.key(test)));
  }

  private exclude(test: T): void {
    this.excludedKeys.add(this.key(test));
    this.excluded.push(test);
    this.onEvent({ type: 'excluded', id: test, reason: 'crashed' });
  }

  // A digest, not the joined ids: the memory holds every subset run, and a subset of a big suite is megabytes of ids.
  private keyOf(subset: readonly T[]): string {
    const hash = createHash('sha256');
    for (const test of subset) hash.update(this.key(test)).update('\u0000');
    return hash.digest('base64');
  }
}
