import { minimize, minimizeByGroup } from './minimize.js';
import { reproduce } from './reproduce.js';
import { split } from './split.js';
import { TrialRunner } from './trials.js';
import type { LabelledOrder, Oracle, Outcome, Phase, SearchOptions, SearchResult } from './types.js';
import { VictimDidNotRunError } from './types.js';

/**
 * The whole search, top-down:
 * 1. run the victim alone (`repeat` − 1 times, at least once): passes → look for polluters; fails → it is brittle, look for
 *    state-setters (tests that make it pass); both → flaky;
 * 2. find an order that shows the opposite outcome (the given one, fallbacks, chunks);
 * 3. shrink it to a 1-minimal set;
 * 4. verify: the set again (`repeat` times), and the victim alone once more (its `repeat`-th run alone); re-runs
 *    (`reruns`) settle outcomes that contradict earlier ones;
 * 5. with `all`, repeat 3–4 on what is left for further independent sets.
 */
export async function findMinimalSet<T>(oracle: Oracle<T>, options: SearchOptions<T>): Promise<SearchResult<T>> {
  const trials = new TrialRunner(oracle, options.key, options.onEvent);
  // Re-runs left for outcomes that contradict earlier ones; shared by every set the search verifies.
  let reruns = Math.max(0, options.reruns ?? 3);
  let contradictions = 0;
  const result = (fields: Omit<SearchResult<T>, 'trials' | 'excluded' | 'changedAlone' | 'contradictions'> & { changedAlone?: boolean }): SearchResult<T> => ({
    changedAlone: false,
    contradictions,
    ...fields,
    excluded: [...trials.excluded],
    trials: trials.count,
  });
  const empty = { polluters: [], stateSetters: [], allPolluters: [], allStateSetters: [] };
  const noConfidence = { agreed: 0, runs: 0 };

  // With parallel trials, the first order also runs from the start, cut into one chunk per job: when the polluters
  // sit in one chunk, the failure is reproduced in a fraction of one run of the order.
  const jobs = Math.max(1, options.jobs ?? 1);
  const firstOrder = options.orders[0];
  const early = jobs > 1 && (options.firstOrderInChunks ?? true) && firstOrder && firstOrder.chunked !== false && firstOrder.predecessors.length >= jobs
    ? split(firstOrder.predecessors, jobs, options.weight)
    : [];
  const [alone, earlyOutcomes] = await Promise.all([
    // The last of the `repeat` runs alone is the re-check at the end: a victim that changes meanwhile shows there.
    repeated(trials, [], Math.max(1, options.repeat - 1), 'alone', 0, jobs),
    Promise.all(early.map((chunk) => trials.outcome(chunk, { phase: 'chunks', candidates: firstOrder!.predecessors.length }))),
    // Not in chunks but side by side all the same: the first order whole, and its suspects, beside the runs alone.
    jobs > 1 && early.length === 0 && firstOrder ? aheadOfTheRunsAlone(firstOrder.predecessors) : undefined,
  ]);
  if (alone.includes('unknown')) throw new VictimDidNotRunError();
  const aloneFailures = count(alone, 'fail');
  if (aloneFailures > 0 && aloneFailures < alone.length) {
    return result({
      ...empty,
      verdict: 'flaky',
      confidence: noConfidence,
      reason: `the victim failed ${aloneFailures} of ${alone.length} runs alone`,
    });
  }
  const brittle = aloneFailures === alone.length;
  const target: Outcome = brittle ? 'pass' : 'fail';

  const earlyHit = earlyOutcomes.indexOf(target);
  const reproduced =
    earlyHit >= 0
      ? { label: `${firstOrder!.label}, chunk ${earlyHit + 1} of ${early.length}`, predecessors: early[earlyHit]! }
      : await reproduce(options.orders, target, trials, options.chunkTrialBudget, options.weight);
  if (!reproduced) {
    const given = options.orders[0];
    const size = given?.predecessors.length ?? 0;
    const reruns = given ? await repeated(trials, given.predecessors, options.repeat - 1, 'order', size) : [];
    if (reruns.includes(target)) {
      return result({
        ...empty,
        verdict: 'flaky',
        confidence: noConfidence,
        reason: `the same order gave both outcomes: the victim ${target === 'fail' ? 'failed' : 'passed'} on a re-run`,
      });
    }
    const tried = options.orders.map((order) => order.label).join(', ');
    return result({
      ...empty,
      verdict: brittle ? 'fails-alone' : 'not-reproduced',
      confidence: noConfidence,
      reason: brittle
        ? `the victim fails alone and no order made it pass (tried: ${tried}, and chunks of them)`
        : `the victim passed after every order tried (${tried}, and chunks of them)`,
    });
  }
  options.onEvent?.({ type: 'order-reproduced', label: reproduced.label, size: reproduced.predecessors.length });

  const first = await minimizeAndVerify((await guided(reproduced.predecessors)) ?? reproduced.predecessors);
  if (!first.verified) {
    return result({
      ...empty,
      verdict: 'flaky',
      confidence: first.confidence,
      reason: first.reason,
      order: reproduced.label,
      changedAlone: first.changedAlone,
    });
  }

  const sets = [first.set];
  if (options.all) sets.push(...(await findMoreSets(reproduced, first.set)));
  return result({
    verdict: brittle ? 'brittle' : 'polluted',
    polluters: brittle ? [] : first.set,
    stateSetters: brittle ? first.set : [],
    allPolluters: brittle ? [] : sets,
    allStateSetters: brittle ? sets : [],
    order: reproduced.label,
    confidence: first.confidence,
    reason: `${describeSet(first.set.length, brittle)} made the victim ${target} in ${first.confidence.agreed} of ${
      first.confidence.runs
    } re-runs, and the victim ${brittle ? 'failed' : 'passed'} alone again${contradicted()}`,
  });

  function contradicted(): string {
    if (contradictions === 0) return '';
    return ` (${contradictions} outcome(s) contradicted earlier ones on a re-run: the effect is intermittent)`;
  }

  async function minimizeAndVerify(failing: readonly T[]) {
    const candidates = failing.length;
    // Subsets of this minimization after which the victim showed the other outcome: a subset of one of them that
    // flips the victim contradicts it (unless a cleaner sits in it), so that one runs again while re-runs are left.
    const unflipped: (readonly T[])[] = [];
    const interesting = async (subset: readonly T[], phase: Phase, round: number) => {
      const outcome = await trials.outcome(subset, { phase, round, candidates });
      if (outcome !== target) {
        if (outcome !== 'unknown') unflipped.push(subset);
        return false;
      }
      const contradicted = reruns > 0 ? unflipped.findIndex((larger) => containsAll(larger, subset, options.key)) : -1;
      if (contradicted >= 0) {
        reruns -= 1;
        const larger = unflipped.splice(contradicted, 1)[0]!;
        if ((await trials.fresh(larger, { phase: 'rerun', round, candidates })) === target) contradictions += 1;
      }
      return true;
    };
    const minimal = options.group
      ? await minimizeByGroup(failing, interesting, options.group, options.weight)
      : await minimize(failing, interesting, options.weight);
    const set = await withoutUnneededMembers(minimal, candidates);
    options.onEvent?.({ type: 'found', set });
    // Fresh runs only: the run that picked this set was chosen for its outcome, so it cannot also confirm it.
    // With parallel trials the victim's last run alone goes side by side with them (sequentially it is saved
    // when verification already failed).
    const verifying = repeated(trials, set, options.repeat, 'verify', candidates, jobs);
    const parallelRecheck = jobs > 1 ? trials.fresh([], { phase: 'recheck', candidates }) : undefined;
    parallelRecheck?.catch(() => {}); // awaited below; a verification that throws first (Ctrl-C) must not leave it unhandled
    const checks = await verifying;
    // A disagreement among re-runs that did reproduce: an intermittent polluter, or a victim flaky on its own. As many
    // more re-runs of the set as are left, and as many of the victim alone: the set stands only when every one of
    // them agrees (a victim that fails at random half the time slips through 1 time in 2^(2·reruns)).
    let held = count(checks, target) === checks.length;
    let extraAlone = { flipped: 0, runs: 0 };
    if (!held && count(checks, target) > 0 && reruns > 0) {
      const times = reruns;
      reruns = 0;
      const extra = repeated(trials, set, times, 'rerun', candidates, jobs);
      const alone = jobs > 1 ? repeated(trials, [], times, 'rerun', candidates, jobs) : extra.then(() => repeated(trials, [], times, 'rerun', candidates));
      const [setRuns, aloneRuns] = await Promise.all([extra, alone]);
      extraAlone = { flipped: count(aloneRuns, target), runs: aloneRuns.length };
      held = count(setRuns, target) === setRuns.length && extraAlone.flipped === 0;
      if (held) contradictions += 1;
      checks.push(...setRuns);
    }
    const agreed = count(checks, target);
    const confidence = { agreed, runs: checks.length };
    if (!held) {
      await parallelRecheck;
      const alone =
        extraAlone.flipped > 0 ? `, and the victim ${target === 'fail' ? 'failed' : 'passed'} alone in ${extraAlone.flipped} of ${extraAlone.runs} more runs alone` : '';
      return { set, verified: false, confidence, changedAlone: false, reason: `the minimal set reproduced in only ${agreed} of ${checks.length} re-runs${alone}` };
    }
    const recheck = await (parallelRecheck ?? trials.fresh([], { phase: 'recheck', candidates }));
    if (recheck !== (brittle ? 'fail' : 'pass')) {
      return {
        set,
        verified: false,
        confidence,
        changedAlone: true,
        reason: `the victim ${brittle ? 'passed' : 'failed'} alone on the final re-check (flaky, or state persisted outside the process)`,
      };
    }
    return { set, verified: true, confidence, changedAlone: false, reason: '' };
  }

  // The tests that left something changed in the reproducing run, alone before the victim: when they reproduce, the
  // minimal set is among them (usually all of them), and the rest of the order is never bisected. When they do not
  // (state the fingerprints cannot see: files, databases), one trial was spent and the full search follows.
  async function guided(failing: readonly T[]): Promise<readonly T[] | undefined> {
    const suspects = suspectsOf(failing);
    if (suspects === undefined) return undefined;
    const hit = (await trials.outcome(suspects, { phase: 'guided', candidates: failing.length })) === target;
    options.onEvent?.({ type: 'guided', suspects: suspects.length, size: failing.length, hit });
    return hit ? suspects : undefined;
  }

  /** The tests of a run that left something changed, when they are some of its tests and not all. */
  function suspectsOf(run: readonly T[]): T[] | undefined {
    const keys = new Set((trials.suspects(run) ?? []).map(options.key));
    const suspects = run.filter((test) => keys.has(options.key(test)));
    return suspects.length === 0 || suspects.length >= run.length ? undefined : suspects;
  }

  // With jobs to spare, the trials the usual case (a victim that passes alone, failing after the first order) asks
  // for next: the first order (often already answered by the listing's run) and then its suspects. Their outcomes
  // are remembered; the search asks for them again in its own time, so nothing is decided here.
  async function aheadOfTheRunsAlone(order: readonly T[]): Promise<void> {
    if ((await trials.outcome(order, { phase: 'order', candidates: order.length })) !== 'fail') return;
    const suspects = suspectsOf(order);
    if (suspects) await trials.outcome(suspects, { phase: 'guided', candidates: order.length });
  }

  // A member kept only because one noisy trial passed without it: check each removal afresh, once.
  async function withoutUnneededMembers(found: readonly T[], candidates: number): Promise<T[]> {
    let set = [...found];
    for (const member of found) {
      if (set.length < 2) break;
      const without = set.filter((test) => test !== member);
      if ((await trials.fresh(without, { phase: 'verify', candidates })) === target) set = without;
    }
    return set;
  }

  // Independent sets: drop every member found so far and search what remains, until it no longer reproduces.
  async function findMoreSets(order: LabelledOrder<T>, found: readonly T[]): Promise<T[][]> {
    const more: T[][] = [];
    const used = new Set(found.map(options.key));
    for (;;) {
      const rest = order.predecessors.filter((test) => !used.has(options.key(test)));
      if (rest.length === 0) break;
      if ((await trials.outcome(rest, { phase: 'all', candidates: rest.length })) !== target) break;
      const next = await minimizeAndVerify(rest);
      for (const test of next.set) used.add(options.key(test));
      if (next.verified) more.push(next.set);
    }
    return more;
  }
}

async function repeated<T>(
  trials: TrialRunner<T>,
  subset: readonly T[],
  times: number,
  phase: Phase,
  candidates: number,
  jobs = 1,
): Promise<Outcome[]> {
  if (jobs > 1) return Promise.all(Array.from({ length: times }, () => trials.fresh(subset, { phase, candidates })));
  const outcomes: Outcome[] = [];
  for (let run = 0; run < times; run += 1) outcomes.push(await trials.fresh(subset, { phase, candidates }));
  return outcomes;
}

/** Whether every member of `subset` is in `larger`. */
function containsAll<T>(larger: readonly T[], subset: readonly T[], key: (test: T) => string): boolean {
  if (subset.length >= larger.length) return false;
  const members = new Set(larger.map(key));
  return subset.every((test) => members.has(key(test)));
}

function count(outcomes: readonly Outcome[], wanted: Outcome): number {
  return outcomes.filter((outcome) => outcome === wanted).length;
}

function describeSet(size: number, brittle: boolean): string {
  const noun = brittle ? 'state-setter' : 'polluter';
  return size === 1 ? `the ${noun}` : `the ${size} ${noun}s together`;
}
