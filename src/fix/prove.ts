import { ProjectFiles } from '../project/leftovers.js';
import type { CacheFill, ListScope, Runner, TestOutcome, TrialRun } from '../runners/runner.js';
import { unifiedDiff, weakeningLines } from './patch.js';
import type { ScratchCopy } from './scratch.js';
import type { FixCheck } from '../report/fix-report.js';
import type { FixCandidate } from './types.js';

export type Check = FixCheck;

export interface Proof {
  verified: boolean;
  checks: Check[];
  /** Runner processes this candidate's proof started. */
  trials: number;
}

export interface ProofSubject {
  victim: string;
  /** The polluters, in run order. */
  culprits: readonly string[];
  /** The tests before the victim in the order that failed (the search's), without the victim. */
  order: readonly string[];
  /** The tests listed in the copy, in run order: every test, or those of the scope's files. */
  collected: readonly string[];
  /** The files the listing was limited to (the order's), when it was: the whole suite is then listed when a check needs it. */
  scope?: ListScope | undefined;
}

export interface ProofSettings {
  repeat: number;
  /** Also run the whole suite for local fixes (project-wide ones always are). */
  full: boolean;
  timeoutSeconds: number;
  signal?: AbortSignal | undefined;
  progress: (line: string) => void;
}

const FAILED: ReadonlySet<TestOutcome> = new Set(['failed', 'error']);

/**
 * Proves candidate fixes in the scratch copy, with the runner pointed at it. Each run is one fresh process, as in a
 * search; files a run leaves in the copy are removed before the next one. The unpatched runs it compares with are
 * made once, when first needed.
 */
export class Prover {
  private readonly baselines = new Map<string, TrialRun>();
  private suite: readonly string[] | undefined;
  trials = 0;

  constructor(
    private readonly runner: Runner,
    private readonly scratch: ScratchCopy,
    private readonly subject: ProofSubject,
    private readonly settings: ProofSettings,
  ) {}

  /** Whether the victim fails after its polluters in the unpatched copy: without that, no fix can be proven. */
  async reproduces(): Promise<boolean> {
    const run = await this.baseline('pair', [...this.subject.culprits, this.subject.victim]);
    return FAILED.has(run.outcomes.get(this.subject.victim) ?? 'not-run');
  }

  /** The checks of a candidate on this victim; `suite: false` leaves out the whole-suite run (made on another victim). */
  async prove(candidate: FixCandidate, { suite: suiteCheck = true }: { suite?: boolean } = {}): Promise<Proof> {
    const started = this.trials;
    const checks: Check[] = [];
    const done = (verified: boolean): Proof => ({ verified, checks, trials: this.trials - started });
    const { victim, culprits, order, collected } = this.subject;

    const weakening = weakeningLines(unifiedDiff(candidate.edits));
    checks.push({
      name: 'no test weakened',
      passed: weakening.length === 0,
      detail:
        weakening.length === 0
          ? 'adds no skip, xfail, .only or .todo; removes no assertion'
          : `the diff has ${weakening.join(' | ')}`,
    });
    if (weakening.length > 0) return done(false);

    // The unpatched runs to compare with come first: the copy is patched from here on.
    const pair = await this.baseline('pair', [...culprits, victim]);
    const orderIds = order.length > culprits.length ? [...order, victim] : undefined;
    const orderBefore = orderIds && (await this.baseline('order', orderIds));
    const wholeSuite = suiteCheck && (this.settings.full || candidate.scope === 'project-wide');
    const suite = wholeSuite ? await this.wholeSuite() : undefined;
    const suiteBefore = suite && (await this.baseline('suite', suite));

    await this.scratch.apply(candidate.edits);
    const files = await ProjectFiles.snapshot(this.scratch.dir);
    try {
      const run = async (ids: readonly string[]) => {
        const trial = await this.runner.run(ids, {
          timeoutSeconds: this.settings.timeoutSeconds,
          signal: this.settings.signal,
        });
        this.trials++;
        await files.sweep();
        return trial;
      };
      const check = (name: string, passed: boolean, detail: string) => {
        checks.push({ name, passed, detail });
        this.settings.progress(`  ${passed ? 'passed' : 'FAILED'}: ${name}: ${detail}`);
        return passed;
      };

      // Listed again (not the listing kept): the patch must leave the same tests collected. Their order may move: jest
      // orders files by size when it has no timings cached, and a hook added to a file makes it bigger.
      const listed = await this.runner.list(this.subject.scope, { fresh: true });
      this.trials++;
      const { missing, added } = collectionChange(collected, listed);
      const sameTests = missing.length === 0 && added.length === 0;
      if (
        !check(
          'collection',
          sameTests,
          sameTests
            ? `the same ${collected.length} tests are collected`
            : `${listed.length} tests collected instead of ${collected.length}${namedIds('no longer', missing)}${namedIds('new', added)}`,
        )
      )
        return done(false);

      for (let round = 1; round <= this.settings.repeat; round++) {
        const trial = await run([...culprits, victim]);
        const broken = newFailures(pair, trial, culprits);
        const outcome = trial.outcomes.get(victim) ?? 'not-run';
        const passed = outcome === 'passed' && broken.length === 0;
        const detail = passed
          ? `the victim passes after its polluters (run ${round} of ${this.settings.repeat})`
          : outcome !== 'passed'
            ? `the victim ${outcome} after its polluters (run ${round})`
            : `${broken.join(', ')} now fails`;
        if (!check('after the polluters', passed, detail)) return done(false);
      }

      const alone = await run(culprits);
      const brokenAlone = newFailures(pair, alone, culprits);
      if (
        !check(
          'polluters alone',
          brokenAlone.length === 0,
          brokenAlone.length === 0 ? 'the polluters pass alone as before' : `${brokenAlone.join(', ')} now fails alone`,
        )
      )
        return done(false);
      const victimAlone = (await run([victim])).outcomes.get(victim) ?? 'not-run';
      if (
        !check(
          'victim alone',
          victimAlone === 'passed',
          `the victim ${victimAlone === 'passed' ? 'passes' : victimAlone} alone`,
        )
      )
        return done(false);

      if (orderIds && orderBefore) {
        const [before, after] = [orderBefore, await run(orderIds)];
        const outcome = after.outcomes.get(victim) ?? 'not-run';
        const broken = newFailures(before, after, order);
        const detail =
          outcome !== 'passed'
            ? `the victim ${outcome} in the failing order`
            : broken.length > 0
              ? `${broken.join(', ')} now fails in it`
              : `the failing order (${order.length} tests before the victim) passes`;
        if (!check('failing order', outcome === 'passed' && broken.length === 0, detail)) return done(false);
      }

      if (suite && suiteBefore) {
        const [before, after] = [suiteBefore, await run(suite)];
        const broken = newFailures(before, after, suite);
        const ran = (trial: TrialRun) => [...trial.outcomes.values()].filter((outcome) => outcome !== 'not-run').length;
        const detail =
          broken.length > 0
            ? `${broken.length} test(s) now fail: ${broken.slice(0, 5).join(', ')}`
            : ran(after) < ran(before)
              ? `${ran(after)} tests ran instead of ${ran(before)}`
              : `the whole suite (${ran(after)} tests) has no new failure`;
        if (!check('whole suite', broken.length === 0 && ran(after) >= ran(before), detail)) return done(false);
      }
      return done(true);
    } finally {
      await this.scratch.revert();
    }
  }

  /** Every test of the unpatched copy: the listing made, or, when it was limited to the order's files, one of the whole suite (made once). */
  private async wholeSuite(): Promise<readonly string[]> {
    if (this.subject.scope === undefined) return this.subject.collected;
    if (this.suite === undefined) {
      this.settings.progress('collecting every test of the scratch copy for the whole-suite check');
      await this.scratch.revert();
      this.suite = await this.runner.list();
      this.trials++;
    }
    return this.suite;
  }

  /** The diagnostic run of the polluters and the victim (unpatched): how these caches were filled. */
  async cacheFills(caches: readonly string[]): Promise<CacheFill[]> {
    const trial = await this.baseline('causes', [...this.subject.culprits, this.subject.victim], caches);
    return trial.cacheFills ?? [];
  }

  /** An unpatched run of these tests in the copy, made once. */
  private async baseline(name: string, ids: readonly string[], causes?: readonly string[]): Promise<TrialRun> {
    const known = this.baselines.get(name);
    if (known) return known;
    await this.scratch.revert();
    const files = await ProjectFiles.snapshot(this.scratch.dir);
    const trial = await this.runner.run(ids, {
      timeoutSeconds: this.settings.timeoutSeconds,
      signal: this.settings.signal,
      causes,
    });
    this.trials++;
    await files.sweep();
    this.baselines.set(name, trial);
    return trial;
  }
}

/** Tests among `ids` that did not fail before and fail (or no longer run) now. */
function newFailures(before: TrialRun, after: TrialRun, ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const [was, is] = [before.outcomes.get(id) ?? 'not-run', after.outcomes.get(id) ?? 'not-run'];
    return was === 'passed' && is !== 'passed' && is !== 'skipped';
  });
}

/** The tests one listing has and the other has not, whatever their order. */
function collectionChange(before: readonly string[], after: readonly string[]) {
  const was = new Set(before);
  const is = new Set(after);
  return { missing: before.filter((id) => !is.has(id)), added: after.filter((id) => !was.has(id)) };
}

/** `; no longer: a, b, c (and 2 more)`, or nothing when there are none. */
function namedIds(label: string, ids: readonly string[]): string {
  if (ids.length === 0) return '';
  const more = ids.length > 3 ? ` (and ${ids.length - 3} more)` : '';
  return `; ${label}: ${ids.slice(0, 3).join(', ')}${more}`;
}
