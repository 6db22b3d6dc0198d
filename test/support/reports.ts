// Reports as find and detect write them, for the tests of the output formats.
import type { DetectReport } from '../../src/report/detect-report.ts';
import type { FindReport } from '../../src/report/find-report.ts';

export function findReport(overrides: Partial<FindReport> = {}): FindReport {
  return {
    victim: 'tests/test_b.py::test_victim',
    runner: 'pytest',
    verdict: 'polluted',
    polluters: ['tests/test_a.py::test_polluter'],
    stateSetters: [],
    allPolluters: [['tests/test_a.py::test_polluter']],
    allStateSetters: [],
    order: 'collected order',
    reproduce: "python3 -m pytest 'tests/test_a.py::test_polluter' 'tests/test_b.py::test_victim'",
    passingCommand: null,
    excluded: [],
    confidence: { agreed: 2, runs: 2 },
    reason: 'the polluter made the victim fail in 2 of 2 re-runs',
    leaks: [],
    leftovers: { removed: [], modified: [] },
    trials: 9,
    resumed: 0,
    contradictions: 0,
    cleaners: [],
    seconds: 3.4,
    warnings: [],
    ...overrides,
  };
}

export const brittle = findReport({
  victim: 'tests/test_c.py::test_needs_db',
  verdict: 'brittle',
  polluters: [],
  allPolluters: [],
  stateSetters: ['tests/test_c.py::test_opens_db'],
  allStateSetters: [['tests/test_c.py::test_opens_db']],
  reproduce: "python3 -m pytest 'tests/test_c.py::test_needs_db'",
  passingCommand: "python3 -m pytest 'tests/test_c.py::test_opens_db' 'tests/test_c.py::test_needs_db'",
  seconds: 2.5,
});
export const flaky = findReport({
  victim: 'tests/test_d.py::test_jitter',
  verdict: 'flaky',
  polluters: [],
  allPolluters: [],
  reason: 'the victim failed 1 of 2 runs alone',
  seconds: 1,
});
export const notReproduced = findReport({
  victim: 'tests/test_e.py::test_x',
  verdict: 'not-reproduced',
  polluters: [],
  allPolluters: [],
  reason: 'no order made the victim fail',
  seconds: 1,
});

export function detectReport(victims: FindReport[]): DetectReport {
  return {
    kind: 'detect',
    runner: 'pytest',
    rounds: [{ round: 1, seed: 7, tests: 40, failed: victims.map((victim) => victim.victim), seconds: 5 }],
    victims,
    failures: [
      { id: 'tests/test_f.py::test_broken', kind: 'fails-alone', runs: 3, failures: 3 },
      { id: 'tests/test_g.py::test_sometimes', kind: 'flaky', runs: 3, failures: 1 },
    ],
    shard: null,
    shards: 1,
    trials: 60,
    reused: 0,
    seconds: 42.5,
    warnings: [],
  } as DetectReport;
}

/** A detect report's victims as a sample's expected.json gives them: the verdict, the polluters, what leaked and by whom. */
export function victimsAsAnswer(report: DetectReport) {
  return report.victims.map(({ victim, verdict, polluters, leaks }) => ({
    victim,
    verdict,
    polluters,
    leaks: leaks.map(({ kind, name, by }) => ({ kind, name, by })),
  }));
}
