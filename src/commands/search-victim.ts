import { candidateOrders } from '../order/candidate-orders.js';
import type { FindReport } from '../report/find-report.js';
import type { Leftovers } from '../project/leftovers.js';
import { leaksOf } from '../report/leaks.js';
import { progressPrinter } from '../report/progress.js';
import { runnerOracle } from '../runners/oracle.js';
import type { Runner } from '../runners/runner.js';
import { findMinimalSet } from '../search/find.js';
import type { Oracle, Outcome } from '../search/types.js';
import type { CommandIo } from './io.js';

/** How hard to search: the same for `find` and for every victim of `detect`. */
export interface SearchSettings {
  /** Trials at once (`--jobs`); the runner given to the search must be able to run that many side by side. */
  jobs: number;
  all: boolean;
  repeat: number;
  chunkTrials: number;
  timeoutSeconds?: number | undefined;
}

export interface VictimSearch {
  /** The runner trials go through (already guarded, journaled or shared). */
  runner: Runner;
  collected: readonly string[];
  victim: string;
  /** The failing order, when one is known: the project's ids up to the victim, and how to name it. */
  given?: { order: readonly string[]; label: string } | undefined;
  /** How to name the collected order when no order is given (e.g. `order of seed 4`). */
  collectedLabel?: string | undefined;
  settings: SearchSettings;
  leftovers: Leftovers;
  /** Warnings so far (an order's unknown ids); the search adds its own. */
  warnings: string[];
  /** Told every trial's predecessors and outcome (the best answer so far, for Ctrl-C). */
  observe?: ((predecessors: readonly string[], outcome: Outcome) => void) | undefined;
  io: CommandIo;
}

/** One victim's search, from the candidate orders to the report; `trials` counts the processes the search started. */
export async function searchVictim(search: VictimSearch): Promise<FindReport> {
  const started = performance.now();
  const { runner, victim, settings, io, warnings } = search;
  const { orders } = candidateOrders(search.collected, victim, search.given?.order, search.given?.label ?? search.collectedLabel);
  io.progress(`${search.collected.length} tests collected; ${orders[0]!.predecessors.length} run before the victim in the ${orders[0]!.label}`);
  const onInvalidTrial = (warning: string) => {
    warnings.push(warning);
    io.progress(`warning: ${warning}`);
  };
  const trials = runnerOracle(runner, { victim, timeoutSeconds: settings.timeoutSeconds, signal: io.signal, onInvalidTrial });
  const oracle: Oracle<string> = async (predecessors) => {
    const result = await trials.oracle(predecessors);
    search.observe?.(predecessors, result.outcome);
    return result;
  };
  const result = await findMinimalSet(oracle, {
    orders,
    repeat: settings.repeat,
    jobs: settings.jobs,
    all: settings.all,
    chunkTrialBudget: settings.chunkTrials,
    key: (id) => id,
    weight: trials.weight,
    group: runner.groupOf && ((id: string) => runner.groupOf!(id) ?? id),
    onEvent: progressPrinter(io.progress),
  });

  const culprits = result.verdict === 'brittle' ? result.stateSetters : result.polluters;
  const leftovers = search.leftovers.summary();
  if (result.changedAlone && leftovers.modified.length > 0) {
    warnings.push(`files changed during the search may carry state from trial to trial: ${leftovers.modified.join(', ')}`);
  }
  return {
    victim,
    runner: runner.name,
    verdict: result.verdict,
    polluters: result.polluters,
    stateSetters: result.stateSetters,
    allPolluters: result.allPolluters,
    allStateSetters: result.allStateSetters,
    order: result.order ?? null,
    reproduce: runner.reproduceCommand(result.verdict === 'polluted' ? [...culprits, victim] : [victim]),
    passingCommand: result.verdict === 'brittle' ? runner.reproduceCommand([...culprits, victim]) : null,
    excluded: result.excluded,
    leaks: leaksOf(culprits, trials.footprint),
    confidence: result.confidence,
    reason: result.reason,
    trials: trials.processes(),
    resumed: 0,
    leftovers,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    warnings,
  };
}
