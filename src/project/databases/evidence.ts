import type { Runner, StateChange } from '../../runners/runner.js';
import type { Databases } from './index.js';
import { stateChanges } from './types.js';

export interface DatabaseEvidenceOptions {
  /** Trials through the guard (each starts from the restored databases), never answered from a journal. */
  runner: Runner;
  databases: Databases;
  victim: string;
  timeoutSeconds: number;
  signal?: AbortSignal | undefined;
}

/**
 * What the culprits left in the watched databases, each change named with the culprit that made it. The victim alone,
 * then the culprits one more at a time before it, each trial from the restored databases and measured after it:
 * the victim's own rows (its fixture's schema, a per-worker database it creates) are in every measure, so what
 * differs from one measure to the next is what the culprit added there left. Costs one trial more than culprits.
 */
export async function databaseLeaks(
  culprits: readonly string[],
  options: DatabaseEvidenceOptions,
): Promise<(StateChange & { by: string })[]> {
  const { runner, databases, victim, timeoutSeconds, signal } = options;
  const measureAfter = async (ids: readonly string[]) => {
    await runner.run(ids, { timeoutSeconds, signal });
    return databases.measure();
  };
  let before = await measureAfter([victim]);
  const leaks: (StateChange & { by: string })[] = [];
  for (const [index, by] of culprits.entries()) {
    const after = await measureAfter([...culprits.slice(0, index + 1), victim]);
    leaks.push(...stateChanges(before, after).map((change) => ({ ...change, by })));
    before = after;
  }
  return leaks;
}
