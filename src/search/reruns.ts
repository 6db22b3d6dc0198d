/**
 * Re-runs left for outcomes that contradict earlier ones (`--reruns`), shared by every set the search verifies, and
 * the contradictions that held when re-run.
 */
export class RerunBudget {
  contradictions = 0;
  private remaining: number;

  constructor(reruns: number) {
    this.remaining = Math.max(0, reruns);
  }

  get left(): number {
    return this.remaining;
  }

  /** Takes `times` re-runs (at most what is left) and says how many were taken. */
  take(times: number): number {
    const taken = Math.min(times, this.remaining);
    this.remaining -= taken;
    return taken;
  }
}
