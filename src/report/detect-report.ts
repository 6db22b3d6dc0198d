import type { RunnerName } from '../runners/runner.js';
import type { FindReport } from './find-report.js';
import type { FixSection, TriedFix } from './fix-report.js';

/** One run of the whole suite by `polluter detect`. */
export interface DetectRound {
  round: number;
  /** The shuffle seed (`--shuffle`), or null for the suite's own order. */
  seed: number | null;
  tests: number;
  /** Tests that failed (or errored) in this round, in run order. */
  failed: string[];
  seconds: number;
  /** `find --failed`: the CI artifact (its file name) whose run this round stands for; polluter did not run it. */
  artifact?: string | undefined;
}

/** A failure of the suite run that was not order-dependent. */
export interface PlainFailure {
  id: string;
  /** `fails-alone`: it failed each time it ran alone too; `flaky`: alone, it passed some runs and failed others. */
  kind: 'fails-alone' | 'flaky';
  /** Runs alone, and how many of them failed. */
  runs: number;
  failures: number;
}

/** The answer of `polluter detect` (and of `polluter merge` over shards), exactly as `--format json` prints it. */
export interface DetectReport {
  kind: 'detect';
  runner: RunnerName;
  rounds: DetectRound[];
  /** Failures of the suite that passed alone: each with the answer of `find` (its verdict says whether it was found). */
  victims: FindReport[];
  /** Failures that failed alone too, or were flaky alone: not searched. */
  failures: PlainFailure[];
  /** `--shard i/n`: which share of the victims this report searched; null when unsharded or merged. */
  shard: { index: number; count: number } | null;
  /** Shards merged into this report (`polluter merge`), 1 otherwise. */
  shards: number;
  /** Runner processes started: the listing, the rounds, the runs alone and every search's trials. */
  trials: number;
  /** Trials of the searches answered by runs already made (a round's run answers any prefix of its order). */
  reused: number;
  seconds: number;
  warnings: string[];
  /** `detect --fix`: one entry per set of polluters, with the fix that repairs its victims (absent without --fix). */
  fixes?: DetectFix[] | undefined;
}

/** `detect --fix`: the victims of one set of polluters, and the one fix proposed and proven for them all. */
export interface DetectFix {
  polluters: string[];
  /** The polluted victims of these polluters. */
  victims: string[];
  /** The fix, as `polluter fix --format json` gives it, with the victims it repairs; null when none was proven. */
  fix: (FixSection & { repairs: string[] }) | null;
  /** Candidates tried before the one offered (all of them when none was proven), each with the victim it failed on. */
  fixTried: TriedFix[];
  /** Why there is no fix, or which leaks no strategy answers. */
  fixNotes: string[];
}

/** What every output format renders: the answer of one `find`, or a whole `detect` run. */
export type Report = FindReport | DetectReport;

export function isDetectReport(report: Report): report is DetectReport {
  return (report as DetectReport).kind === 'detect';
}

/** The victims a report answers for: one for `find`, every one searched for `detect`. */
export function victimsOf(report: Report): FindReport[] {
  return isDetectReport(report) ? report.victims : [report];
}

/** Victims whose polluters (state-setters for brittle ones) are the same set: one fix may answer them all. */
export interface CulpritGroup {
  culprits: string[];
  victims: string[];
}

/** The found victims grouped by their culprits, biggest group first; victims without an answer are left out. */
export function culpritGroups(report: DetectReport): CulpritGroup[] {
  const groups = new Map<string, CulpritGroup>();
  for (const victim of report.victims) {
    const culprits =
      victim.verdict === 'brittle' ? victim.stateSetters : victim.verdict === 'polluted' ? victim.polluters : [];
    if (culprits.length === 0) continue;
    const key = JSON.stringify([...culprits].sort());
    const group = groups.get(key) ?? { culprits, victims: [] };
    group.victims.push(victim.victim);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.victims.length - a.victims.length);
}
