// A simulated test suite: the one place where a runner is faked, so the search algorithms run without any process.
import { seededRandom } from '../../src/order/shuffle.ts';
import type { Oracle, TrialResult } from '../../src/search/types.ts';

export interface SimulatedSuite {
  /** The victim fails alone (brittle) instead of passing. */
  failsAlone?: boolean;
  /** Sets of tests that, all run before the victim (and no cleaner after them), flip the victim's outcome. */
  triggers?: string[][];
  /** Tests that undo every trigger that ran before them. */
  cleaners?: string[];
  /** Tests that kill the process: the victim does not run. */
  crashers?: string[];
  /** Chance that a complete trigger set really flips the victim (an intermittent polluter); 1 when left out. */
  effect?: number;
  /** Chance that the victim's outcome flips at random, from a seeded generator. */
  flakiness?: number;
  seed?: number;
  /**
   * Tests whose state change the runner can see (as the pytest plugin's fingerprints do): each trial reports those
   * that ran as suspects. Leave a trigger out to simulate state the fingerprints miss (a file, a database row).
   */
  visible?: string[];
}

export interface SimulatedOracle extends Oracle<string> {
  calls: string[][];
}

export function simulatedOracle(suite: SimulatedSuite): SimulatedOracle {
  const random = seededRandom(suite.seed ?? 1);
  const calls: string[][] = [];
  const oracle = async (predecessors: readonly string[]): Promise<TrialResult<string>> => {
    calls.push([...predecessors]);
    const ran = new Set<string>();
    for (const test of predecessors) {
      if (suite.crashers?.includes(test)) return { outcome: 'unknown', crashedBy: test };
      if (suite.cleaners?.includes(test)) ran.clear();
      else ran.add(test);
    }
    let triggered = (suite.triggers ?? []).some((set) => set.every((test) => ran.has(test)));
    if (triggered && suite.effect !== undefined && random() >= suite.effect) triggered = false;
    let fails = suite.failsAlone ? !triggered : triggered;
    if (suite.flakiness && random() < suite.flakiness) fails = !fails;
    const suspects = suite.visible && predecessors.filter((test) => suite.visible!.includes(test));
    return { outcome: fails ? 'fail' : 'pass', seconds: 0, suspects };
  };
  return Object.assign(oracle, { calls });
}

export function testIds(count: number, prefix = 't'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}
