import { createHash } from 'node:crypto';
import type { Oracle, Outcome, Phase, SearchListener } from './types.js';

export interface TrialContext {
  phase: Phase;
  candidates: number;
  round?: number | undefined;
}

/**
 * Runs trials for the search: remembers every subset already run (ddmin asks for some twice), drops predecessors
 * that crash the process (they cannot have run before the victim in the failing run either) and counts processes.
 */
export class TrialRunner<T> {
  readonly excluded: T[] = [];
  count: number;
  /** Per subset run (by digest): the latest outcome, and the suspects that run reported. */
  private readonly memory = new Map<string, { outcome: Outcome; suspects?: T[] | undefined }>();
  private readonly excludedKeys = new Set<string>();

  constructor(
    private readonly oracle: Oracle<T>,
    private readonly key: (test: T) => string,
    private readonly onEvent: SearchListener<T> = () => {},
    /** Trials already run before this runner's first (numbering goes on from them). */
    previous = 0,
  ) {
    this.count = previous;
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

  /** The suspects the latest run of exactly this subset reported, if its runner fingerprints state. */
  suspects(subset: readonly T[]): T[] | undefined {
    return this.memory.get(this.keyOf(this.withoutExcluded(subset)))?.suspects;
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
