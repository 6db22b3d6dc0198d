import type { Outcome } from '../search/types.js';

/** The smallest order so far that showed the opposite of the victim alone: the answer to print when interrupted. */
export class BestSoFar {
  private alone: Outcome | undefined;
  private readonly smallest = new Map<Outcome, readonly string[]>();

  record(predecessors: readonly string[], outcome: Outcome): void {
    if (predecessors.length === 0) this.alone ??= outcome;
    const known = this.smallest.get(outcome);
    if (predecessors.length > 0 && (known === undefined || predecessors.length < known.length))
      this.smallest.set(outcome, [...predecessors]);
  }

  describe(command: (predecessors: readonly string[]) => string): string {
    if (this.alone === undefined || this.alone === 'unknown')
      return 'interrupted before the victim ran alone: nothing found yet';
    const wanted: Outcome = this.alone === 'pass' ? 'fail' : 'pass';
    const set = this.smallest.get(wanted);
    if (set === undefined) return `interrupted before any order made the victim ${wanted}: nothing found yet`;
    return `interrupted; the smallest order so far that makes the victim ${wanted} (${set.length} test${set.length === 1 ? '' : 's'} before it):\n  ${command(set)}`;
  }
}
