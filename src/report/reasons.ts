import type { SearchResult } from '../search/types.js';

/** One sentence on how the search reached its verdict: the report's `reason`. */
export function reasonOf(result: Pick<SearchResult<unknown>, 'evidence' | 'confidence' | 'contradictions'>): string {
  const { evidence, confidence } = result;
  switch (evidence.kind) {
    case 'alone-disagreed':
      return `the victim failed ${evidence.failures} of ${evidence.runs} runs alone`;
    case 'order-disagreed':
      return `the same order gave both outcomes: the victim ${pastTense(evidence.target)} on a re-run`;
    case 'nothing-reproduced': {
      const tried = evidence.tried.join(', ');
      return evidence.brittle
        ? `the victim fails alone and no order made it pass (tried: ${tried}, and chunks of them)`
        : `the victim passed after every order tried (${tried}, and chunks of them)`;
    }
    case 'set-disagreed': {
      const { flipped, runs } = evidence.flippedAlone;
      const alone =
        flipped > 0
          ? `, and the victim ${pastTense(evidence.target)} alone in ${flipped} of ${runs} more runs alone`
          : '';
      return `the minimal set reproduced in only ${confidence.agreed} of ${confidence.runs} re-runs${alone}`;
    }
    case 'changed-alone':
      return `the victim ${evidence.brittle ? 'passed' : 'failed'} alone on the final re-check (flaky, or state persisted outside the process)`;
    case 'verified': {
      const target = evidence.brittle ? 'pass' : 'fail';
      return `${describeSet(evidence.size, evidence.brittle)} made the victim ${target} in ${confidence.agreed} of ${
        confidence.runs
      } re-runs, and the victim ${evidence.brittle ? 'failed' : 'passed'} alone again${contradicted(result.contradictions)}`;
    }
  }
}

function pastTense(outcome: 'fail' | 'pass' | 'unknown'): string {
  return outcome === 'fail' ? 'failed' : 'passed';
}

function contradicted(contradictions: number): string {
  if (contradictions === 0) return '';
  return ` (${contradictions} outcome(s) contradicted earlier ones on a re-run: the effect is intermittent)`;
}

function describeSet(size: number, brittle: boolean): string {
  const noun = brittle ? 'state-setter' : 'polluter';
  return size === 1 ? `the ${noun}` : `the ${size} ${noun}s together`;
}
