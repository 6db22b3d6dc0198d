import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonOf } from '../../src/report/reasons.ts';
import type { SearchEvidence } from '../../src/search/types.ts';

// The report's `reason` is part of the JSON contract: each kind of evidence, worded as it always was.
function reason(evidence: SearchEvidence, confidence = { agreed: 0, runs: 0 }, contradictions = 0): string {
  return reasonOf({ evidence, confidence, contradictions });
}

describe('reasons', () => {
  it('words each kind of evidence as the report has always said it', () => {
    assert.equal(reason({ kind: 'alone-disagreed', failures: 1, runs: 2 }), 'the victim failed 1 of 2 runs alone');
    assert.equal(
      reason({ kind: 'order-disagreed', target: 'fail' }),
      'the same order gave both outcomes: the victim failed on a re-run',
    );
    assert.equal(
      reason({ kind: 'order-disagreed', target: 'pass' }),
      'the same order gave both outcomes: the victim passed on a re-run',
    );
    assert.equal(
      reason({ kind: 'nothing-reproduced', brittle: false, tried: ['collected order', 'all others'] }),
      'the victim passed after every order tried (collected order, all others, and chunks of them)',
    );
    assert.equal(
      reason({ kind: 'nothing-reproduced', brittle: true, tried: ['collected order'] }),
      'the victim fails alone and no order made it pass (tried: collected order, and chunks of them)',
    );
    assert.equal(
      reason({ kind: 'set-disagreed', target: 'fail', flippedAlone: { flipped: 0, runs: 0 } }, { agreed: 1, runs: 2 }),
      'the minimal set reproduced in only 1 of 2 re-runs',
    );
    assert.equal(
      reason({ kind: 'set-disagreed', target: 'fail', flippedAlone: { flipped: 2, runs: 3 } }, { agreed: 4, runs: 5 }),
      'the minimal set reproduced in only 4 of 5 re-runs, and the victim failed alone in 2 of 3 more runs alone',
    );
    assert.equal(
      reason({ kind: 'changed-alone', brittle: false }),
      'the victim failed alone on the final re-check (flaky, or state persisted outside the process)',
    );
    assert.equal(
      reason({ kind: 'changed-alone', brittle: true }),
      'the victim passed alone on the final re-check (flaky, or state persisted outside the process)',
    );
  });

  it('names one polluter, several together, and state-setters, with the confidence and any contradictions', () => {
    assert.equal(
      reason({ kind: 'verified', brittle: false, size: 1 }, { agreed: 2, runs: 2 }),
      'the polluter made the victim fail in 2 of 2 re-runs, and the victim passed alone again',
    );
    assert.equal(
      reason({ kind: 'verified', brittle: true, size: 2 }, { agreed: 3, runs: 3 }),
      'the 2 state-setters together made the victim pass in 3 of 3 re-runs, and the victim failed alone again',
    );
    assert.equal(
      reason({ kind: 'verified', brittle: false, size: 1 }, { agreed: 4, runs: 5 }, 2),
      'the polluter made the victim fail in 4 of 5 re-runs, and the victim passed alone again' +
        ' (2 outcome(s) contradicted earlier ones on a re-run: the effect is intermittent)',
    );
  });
});
