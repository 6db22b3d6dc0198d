// `detect --fix`: the polluted victims grouped by their polluters, so that victims of the same polluters share one fix.
import type { FindReport } from '../report/find-report.js';
import type { Leak } from '../report/leaks.js';
import { changeKey } from '../runners/state-change.js';

/** The victims of one set of polluters, and what those polluters leaked as any of the victims' searches saw it. */
export interface FixGroup {
  /** The polluters, in run order (as the first victim's search gave them). */
  polluters: string[];
  victims: FindReport[];
  /** Every victim's leaks, each kind and name once, in the order the first victim ranked them, then the others'. */
  leaks: Leak[];
}

/**
 * The polluted victims with polluters, grouped by the set of their polluters (in whatever order), groups in the order
 * of their first victim. Victims of another verdict have no fix to share and are left out.
 */
export function fixGroups(victims: readonly FindReport[]): FixGroup[] {
  const groups = new Map<string, FixGroup>();
  for (const victim of victims) {
    if (victim.verdict !== 'polluted' || victim.polluters.length === 0) continue;
    const key = JSON.stringify([...victim.polluters].sort());
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { polluters: [...victim.polluters], victims: [victim], leaks: [...victim.leaks] });
    else {
      group.victims.push(victim);
      const seen = new Set(group.leaks.map(changeKey));
      group.leaks.push(...victim.leaks.filter((leak) => !seen.has(changeKey(leak))));
    }
  }
  return [...groups.values()];
}
