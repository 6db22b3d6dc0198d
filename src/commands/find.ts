import { unknownTestId, UsageError, victimNotInOrderFile } from '../errors.js';
import { candidateOrders } from '../order/candidate-orders.js';
import { readOrderFile } from '../order/order-file.js';
import { FOUND, type FindReport } from '../report/find-report.js';
import { progressPrinter } from '../report/progress.js';
import { renderText } from '../report/text.js';
import { createRunner, type RunnerSettings } from '../runners/create.js';
import { runnerOracle } from '../runners/oracle.js';
import { findMinimalSet } from '../search/find.js';
import { beforeTrialCommand } from '../project/before-trial.js';
import { ProjectFiles, type Sweep } from '../project/leftovers.js';
import type { Oracle } from '../search/types.js';
import { withTempDir } from '../temp-dir.js';
import { closestIds } from '../test-ids.js';
import type { CommandIo } from './io.js';

export interface FindOptions extends Omit<RunnerSettings, 'tempDir'> {
  /** A command run in the project before every trial, split into arguments unless `shell`. */
  beforeTrial?: string | undefined;
  shell: boolean;
  victim: string;
  orderFile?: string | undefined;
  all: boolean;
  repeat: number;
  timeoutSeconds?: number | undefined;
  chunkTrials: number;
  format: 'text' | 'json';
}

/** The coordinator of `polluter find`: wires runner, orders, search and report; returns the exit status. */
export async function find(options: FindOptions, io: CommandIo): Promise<number> {
  const started = performance.now();
  const given = options.orderFile === undefined ? undefined : await readOrderFile(options.orderFile);
  if (given && options.seed !== undefined) throw new UsageError('--seed and --order-file both name the order to search: pass one');
  if (given && !given.includes(options.victim)) throw victimNotInOrderFile(options.victim, options.orderFile!);

  // Before anything of the user's runs: the files the project has now are the ones trials may not add to.
  const projectFiles = await ProjectFiles.snapshot(options.projectDir);
  return withTempDir(async (tempDir) => {
    const beforeTrial =
      options.beforeTrial === undefined ? undefined : beforeTrialCommand(options.beforeTrial, { shell: options.shell, cwd: options.projectDir, tempDir });
    const runner = await createRunner({ ...options, tempDir });
    io.progress(`collecting tests with ${runner.name} in ${options.projectDir}`);
    const collected = await runner.list();
    if (!collected.includes(options.victim)) throw unknownTestId(options.victim, closestIds(options.victim, collected));
    const seeded = options.seed === undefined ? undefined : `order of seed ${options.seed}`;
    const { orders, unknown } = candidateOrders(collected, options.victim, given, seeded);
    const warnings = unknown.length > 0 ? [`left out ${unknown.length} id(s) of the order file that the project does not have: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`] : [];
    warnings.forEach((warning) => io.progress(`warning: ${warning}`));
    io.progress(`${collected.length} tests collected; ${orders[0]!.predecessors.length} run before the victim in the ${orders[0]!.label}`);

    const onInvalidTrial = (warning: string) => {
      warnings.push(warning);
      io.progress(`warning: ${warning}`);
    };
    const trials = runnerOracle(runner, { victim: options.victim, timeoutSeconds: options.timeoutSeconds, signal: io.signal, onInvalidTrial });
    const leftovers = new Leftovers(io);
    await leftovers.add(await projectFiles.sweep()); // what the listing left
    const oracle: Oracle<string> = async (predecessors) => {
      await beforeTrial?.run(io.signal);
      try {
        return await trials.oracle(predecessors);
      } finally {
        await leftovers.add(await projectFiles.sweep());
      }
    };
    const result = await findMinimalSet(oracle, {
      orders,
      repeat: options.repeat,
      all: options.all,
      chunkTrialBudget: options.chunkTrials,
      key: (id) => id,
      weight: trials.weight,
      group: runner.groupOf && ((id: string) => runner.groupOf!(id) ?? id),
      onEvent: progressPrinter(io.progress),
    });

    const culprits = result.verdict === 'brittle' ? result.stateSetters : result.polluters;
    const report: FindReport = {
      victim: options.victim,
      runner: runner.name,
      verdict: result.verdict,
      polluters: result.polluters,
      stateSetters: result.stateSetters,
      allPolluters: result.allPolluters,
      allStateSetters: result.allStateSetters,
      order: result.order ?? null,
      reproduce: runner.reproduceCommand(result.verdict === 'polluted' ? [...culprits, options.victim] : [options.victim]),
      passingCommand: result.verdict === 'brittle' ? runner.reproduceCommand([...culprits, options.victim]) : null,
      excluded: result.excluded,
      confidence: result.confidence,
      reason: result.reason,
      trials: 1 + trials.processes(), // the collection, then every trial
      leftovers: leftovers.summary(),
      seconds: Math.round((performance.now() - started) / 100) / 10,
      warnings,
    };
    if (result.reason.includes('alone on the final re-check') && report.leftovers.modified.length > 0) {
      report.warnings.push(`files changed during the search may carry state from trial to trial: ${report.leftovers.modified.join(', ')}`);
    }
    io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
    return FOUND.has(report.verdict) ? 0 : 1;
  });
}

/** Files trials left in the project: removed ones said once each on stderr, modified ones warned about once. */
class Leftovers {
  private readonly removed = new Set<string>();
  private readonly modified = new Set<string>();

  constructor(private readonly io: CommandIo) {}

  async add(sweep: Sweep): Promise<void> {
    const removed = sweep.removed.filter((file) => !this.removed.has(file));
    if (removed.length > 0) this.io.progress(`removed what a trial left in the project: ${removed.join(', ')}`);
    removed.forEach((file) => this.removed.add(file));
    for (const file of sweep.modified.filter((file) => !this.modified.has(file))) {
      this.modified.add(file);
      this.io.progress(`warning: a trial changed ${file}, which existed before the search; it is left as it is`);
    }
  }

  summary() {
    return { removed: [...this.removed].sort(), modified: [...this.modified].sort() };
  }
}
