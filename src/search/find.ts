import { chunkShowing, startAhead } from './head-start.js';
import { minimize, minimizeByGroup } from './minimize.js';
import { reproduce } from './reproduce.js';
import { RerunBudget } from './reruns.js';
import { TrialRunner, type AheadTrial } from './trials.js';
import type { LabelledOrder, Oracle, Outcome, Phase, SearchEvidence, SearchOptions, SearchResult } from './types.js';
import { VictimDidNotRunError } from './types.js';

/** What every step after the first knows: the trials, the options, what it looks for and the re-runs left. */
interface Search<T> {
  trials: TrialRunner<T>;
  options: SearchOptions<T>;
  reruns: RerunBudget;
  /** The victim fails alone: the search looks for state-setters, tests that make it pass. */
  brittle: boolean;
  /** The outcome that is searched for: `fail` after polluters, `pass` after state-setters. */
  target: Outcome;
}

/** A minimal set and what its verification showed. */
interface Checked<T> {
  set: T[];
  confidence: { agreed: number; runs: number };
  /** Undefined when the set held and the victim alone did not change. */
  doubt?: SearchEvidence | undefined;
}

type Answer<T> = Omit<SearchResult<T>, 'trials' | 'excluded' | 'contradictions' | 'changedAlone'> & {
  changedAlone?: boolean;
};

/**
 * The whole search, top-down; the steps are numbered as in docs/search.md ("How the search works"). How trials are
 * scheduled (`--jobs`) is the trial runner's business; the search returns evidence, and report/reasons.ts words it.
 */
export async function findMinimalSet<T>(oracle: Oracle<T>, options: SearchOptions<T>): Promise<SearchResult<T>> {
  const trials = new TrialRunner(oracle, { key: options.key, onEvent: options.onEvent, jobs: options.jobs });
  const reruns = new RerunBudget(options.reruns ?? 3);
  const finish = (answer: Answer<T>): SearchResult<T> => ({
    changedAlone: false,
    ...answer,
    contradictions: reruns.contradictions,
    excluded: [...trials.excluded],
    trials: trials.count,
  });

  // 1. The victim alone; with jobs to spare, what step 2 asks for first starts beside it.
  const { alone, headStart, recorded } = await checkAlone(trials, options);
  const failures = count(alone, 'fail');
  if (failures > 0 && failures < alone.length) {
    return finish(noAnswer('flaky', { kind: 'alone-disagreed', failures, runs: alone.length }));
  }
  const brittle = failures === alone.length;
  const search: Search<T> = { trials, options, reruns, brittle, target: brittle ? 'pass' : 'fail' };

  // 2. An order that reproduces: first the suspects CI recorded, if any, then the orders.
  const fromRecord = await recordedSuspects(search, recorded);
  const reproduced = fromRecord ?? chunkShowing(headStart, search.target) ?? (await reproduceOrder(search));
  if (!reproduced) return finish(await nothingReproduced(search));
  if (!fromRecord)
    options.onEvent?.({ type: 'order-reproduced', label: reproduced.label, size: reproduced.predecessors.length });

  // 3. Guided by what changed (the recorded suspects already are); 4. minimizing; 5. verification.
  const suspects = fromRecord ? undefined : await guided(search, reproduced.predecessors);
  // A trial of the suspects was chosen before its outcome was known: when they are the answer, it is a first check.
  const shown = fromRecord ? reproduced.predecessors : suspects;
  const first = await minimizeAndVerify(search, suspects ?? reproduced.predecessors, shown);
  if (first.doubt) {
    const changedAlone = first.doubt.kind === 'changed-alone';
    return finish({
      ...noAnswer('flaky', first.doubt),
      confidence: first.confidence,
      order: reproduced.label,
      changedAlone,
    });
  }

  // 6. With --all, further independent sets among what is left.
  const more = options.all ? await findMoreSets(search, fromRecord ? options.orders[0]! : reproduced, first.set) : [];
  return finish(answer(search, reproduced, first, more));
}

// 1. The victim alone, `repeat` − 1 times (at least once): its last run alone is the re-check of step 5. With jobs to
// spare, the recorded suspects start beside it; without them, the first order (in chunks).
async function checkAlone<T>(trials: TrialRunner<T>, options: SearchOptions<T>) {
  const context = { phase: 'alone' as const, candidates: 0 };
  const recorded = recordedTrial(trials, options);
  const [alone, headStart] = await Promise.all([
    trials.repeated([], Math.max(1, options.repeat - 1), context),
    recorded ? recorded.settled().then(() => ({ chunks: [], outcomes: [] })) : startAhead(trials, options),
  ]);
  if (alone.includes('unknown')) throw new VictimDidNotRunError();
  return { alone, headStart, recorded };
}

/** The trial of the recorded suspects alone before the victim, when they are some of the first order's tests, not all. */
function recordedTrial<T>(
  trials: TrialRunner<T>,
  { recordedSuspects: suspects, orders }: SearchOptions<T>,
): AheadTrial | undefined {
  const size = orders[0]?.predecessors.length ?? 0;
  if (suspects === undefined || suspects.length === 0 || suspects.length >= size) return undefined;
  return trials.ahead(suspects, { phase: 'recorded', candidates: size });
}

// 2, from a record: the tests CI saw leaving something changed, alone before the victim. When they reproduce, the order
// never runs whole; when they do not (another machine, another state), one trial was spent and the search goes on as
// without the record.
async function recordedSuspects<T>(
  { options, target }: Search<T>,
  recorded: AheadTrial | undefined,
): Promise<LabelledOrder<T> | undefined> {
  const { recordedSuspects: suspects, orders } = options;
  const first = orders[0];
  if (suspects === undefined || first === undefined) return undefined;
  const hit = recorded !== undefined && (await recorded.outcome()) === target;
  const size = first.predecessors.length;
  options.onEvent?.({ type: 'recorded', suspects: suspects.length, size, tried: recorded !== undefined, hit });
  return hit ? { label: `recorded suspects of the ${first.label}`, predecessors: suspects } : undefined;
}

// 2. The orders whole, then chunks of them, until one shows the searched-for outcome.
async function reproduceOrder<T>({ trials, options, target }: Search<T>): Promise<LabelledOrder<T> | undefined> {
  const { orders, chunkTrialBudget, weight } = options;
  return reproduce(trials, { orders, target, chunkTrialBudget, weight });
}

/** The verified first set (polluters, or state-setters of a brittle victim), and those found after it. */
function answer<T>(search: Search<T>, order: LabelledOrder<T>, first: Checked<T>, more: T[][]): Answer<T> {
  const { brittle } = search;
  const sets = [first.set, ...more];
  return {
    verdict: brittle ? 'brittle' : 'polluted',
    polluters: brittle ? [] : first.set,
    stateSetters: brittle ? first.set : [],
    allPolluters: brittle ? [] : sets,
    allStateSetters: brittle ? sets : [],
    order: order.label,
    confidence: first.confidence,
    evidence: { kind: 'verified', brittle, size: first.set.length },
  };
}

/** A verdict that names no tests. */
function noAnswer<T>(verdict: 'flaky' | 'not-reproduced' | 'fails-alone', evidence: SearchEvidence): Answer<T> {
  return {
    verdict,
    polluters: [],
    stateSetters: [],
    allPolluters: [],
    allStateSetters: [],
    confidence: { agreed: 0, runs: 0 },
    evidence,
  };
}

// 2, when no order reproduced: the given order runs `repeat` times in all, so that a victim flaky after it says so.
async function nothingReproduced<T>({ trials, options, target, brittle }: Search<T>): Promise<Answer<T>> {
  const given = options.orders[0];
  const context = { phase: 'order' as const, candidates: given?.predecessors.length ?? 0 };
  const reruns = given ? await trials.repeated(given.predecessors, options.repeat - 1, context) : [];
  if (reruns.includes(target)) return noAnswer('flaky', { kind: 'order-disagreed', target });
  const tried = options.orders.map((order) => order.label);
  return noAnswer(brittle ? 'fails-alone' : 'not-reproduced', { kind: 'nothing-reproduced', brittle, tried });
}

// 3. The tests that left something changed in the reproducing run, alone before the victim: when they reproduce, the
// minimal set is among them (usually all of them), and the rest of the order is never bisected. When they do not
// (state the fingerprints cannot see: files, databases), one trial was spent and the full search follows.
async function guided<T>(
  { trials, options, target }: Search<T>,
  failing: readonly T[],
): Promise<readonly T[] | undefined> {
  const suspects = trials.suspectsAmong(failing);
  if (suspects === undefined) return undefined;
  const hit = (await trials.outcome(suspects, { phase: 'guided', candidates: failing.length })) === target;
  options.onEvent?.({ type: 'guided', suspects: suspects.length, size: failing.length, hit });
  return hit ? suspects : undefined;
}

// 4 and 5 for one set: the 1-minimal set, without the members one noisy trial kept, verified. `shown`: a subset
// whose trial showed the searched-for outcome without being picked for it (the guided or recorded suspects).
async function minimizeAndVerify<T>(
  search: Search<T>,
  failing: readonly T[],
  shown?: readonly T[],
): Promise<Checked<T>> {
  const set = await withoutUnneededMembers(search, await minimizeSet(search, failing), failing.length);
  search.options.onEvent?.({ type: 'found', set });
  const checked = shown !== undefined && sameMembers(shown, set, search.options.key);
  return verify(search, set, { candidates: failing.length, checked });
}

// 4. Minimizing. A subset that flips the victim when a larger set of this minimization did not contradicts it
// (unless a cleaner sits in the larger one): while re-runs are left, the larger set runs again, once.
async function minimizeSet<T>(search: Search<T>, failing: readonly T[]): Promise<T[]> {
  const { trials, options, target, reruns } = search;
  const candidates = failing.length;
  const unflipped: (readonly T[])[] = [];
  const interesting = async (subset: readonly T[], phase: Phase, round: number) => {
    const outcome = await trials.outcome(subset, { phase, round, candidates });
    if (outcome !== target) {
      if (outcome !== 'unknown') unflipped.push(subset);
      return false;
    }
    const contradicted =
      reruns.left > 0 ? unflipped.findIndex((larger) => containsAll(larger, subset, options.key)) : -1;
    if (contradicted >= 0) {
      reruns.take(1);
      const larger = unflipped.splice(contradicted, 1)[0]!;
      if ((await trials.fresh(larger, { phase: 'rerun', round, candidates })) === target) reruns.contradictions += 1;
    }
    return true;
  };
  return options.group
    ? minimizeByGroup(failing, interesting, options.group, options.weight)
    : minimize(failing, interesting, options.weight);
}

// 5. A member kept only because one noisy trial passed without it: each removal is checked afresh, once.
async function withoutUnneededMembers<T>(
  { trials, target }: Search<T>,
  found: readonly T[],
  candidates: number,
): Promise<T[]> {
  let set = [...found];
  for (const member of found) {
    if (set.length < 2) break;
    const without = set.filter((test) => test !== member);
    if ((await trials.fresh(without, { phase: 'verify', candidates })) === target) set = without;
  }
  return set;
}

// 5. Verification: `repeat` runs of the set, all fresh but one when the set is exactly the suspects that were tried
// before any search (`checked`: that trial was not chosen for its outcome; a run a bisection picked the set by was, so
// it cannot also confirm it), then the re-check, the victim's `repeat`-th run alone (with jobs to spare it runs beside
// them; with one, it is saved when the set did not hold).
async function verify<T>(
  search: Search<T>,
  set: T[],
  { candidates, checked }: { candidates: number; checked: boolean },
): Promise<Checked<T>> {
  const { trials, options, target, brittle } = search;
  const already: Outcome[] = checked ? [target] : [];
  const verifying = trials.repeated(set, Math.max(0, options.repeat - already.length), { phase: 'verify', candidates });
  const recheck = trials.ahead([], { phase: 'recheck', candidates });
  const fresh = [...already, ...(await verifying)];
  const { checks, held, flippedAlone } = await outvoteDisagreement(search, set, fresh, candidates);
  const confidence = { agreed: count(checks, target), runs: checks.length };
  if (!held) {
    await recheck.settled();
    return { set, confidence, doubt: { kind: 'set-disagreed', target, flippedAlone } };
  }
  if ((await recheck.outcome()) !== (brittle ? 'fail' : 'pass'))
    return { set, confidence, doubt: { kind: 'changed-alone', brittle } };
  return { set, confidence };
}

// 5. Contradictions: re-runs of the set that disagree (an intermittent polluter, or a victim flaky on its own) get as
// many more runs of the set as re-runs are left, and as many of the victim alone. The set stands only when every one
// of them agrees (a victim that fails at random half the time slips through 1 time in 2^(2·reruns)).
async function outvoteDisagreement<T>(search: Search<T>, set: T[], checks: Outcome[], candidates: number) {
  const { trials, target, reruns } = search;
  const agreed = count(checks, target);
  const noneAlone = { flipped: 0, runs: 0 };
  if (agreed === checks.length || agreed === 0 || reruns.left === 0)
    return { checks, held: agreed === checks.length, flippedAlone: noneAlone };
  const times = reruns.take(reruns.left);
  const context = { phase: 'rerun' as const, candidates };
  const [setRuns, aloneRuns] = await trials.inTurn(
    () => trials.repeated(set, times, context),
    () => trials.repeated([], times, context),
  );
  const flippedAlone = { flipped: count(aloneRuns, target), runs: aloneRuns.length };
  const held = count(setRuns, target) === setRuns.length && flippedAlone.flipped === 0;
  if (held) reruns.contradictions += 1;
  return { checks: [...checks, ...setRuns], held, flippedAlone };
}

// 6. Independent sets: drop every member found so far and search what remains, until it no longer reproduces.
async function findMoreSets<T>(search: Search<T>, order: LabelledOrder<T>, found: readonly T[]): Promise<T[][]> {
  const { trials, options, target } = search;
  const more: T[][] = [];
  const used = new Set(found.map(options.key));
  for (;;) {
    const rest = order.predecessors.filter((test) => !used.has(options.key(test)));
    if (rest.length === 0) break;
    if ((await trials.outcome(rest, { phase: 'all', candidates: rest.length })) !== target) break;
    const next = await minimizeAndVerify(search, rest);
    for (const test of next.set) used.add(options.key(test));
    if (!next.doubt) more.push(next.set);
  }
  return more;
}

/** Whether both hold the same tests, in any order. */
function sameMembers<T>(a: readonly T[], b: readonly T[], key: (test: T) => string): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a.map(key));
  return b.every((test) => members.has(key(test)));
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
