import type { Leak } from '../report/leaks.js';
import { strategiesFor } from './strategies/index.js';
import { FileSet, type FixCandidate, type FixContext, type FixScope, type Strategy } from './types.js';

/**
 * The patches to try, best first: for the project-wide scope, then the local one, the most telling leak fixed by
 * each strategy that answers it, then every leak with its best strategy. Leaks no strategy answers are left out.
 */
export async function fixCandidates(
  leaks: readonly Leak[],
  context: FixContext,
): Promise<{ candidates: FixCandidate[]; unanswered: Leak[] }> {
  const answered = leaks.map((leak) => ({ leak, strategies: strategiesFor(context.runner, leak) }));
  const fixable = answered.filter((entry) => entry.strategies.length > 0);
  const unanswered = answered.filter((entry) => entry.strategies.length === 0).map((entry) => entry.leak);
  const plans: { leak: Leak; strategy: Strategy }[][] = [];
  const first = fixable[0];
  if (first) for (const strategy of first.strategies) plans.push([{ leak: first.leak, strategy }]);
  if (fixable.length > 1) plans.push(fixable.map((entry) => ({ leak: entry.leak, strategy: entry.strategies[0]! })));

  const candidates: FixCandidate[] = [];
  const seen = new Set<string>();
  for (const scope of ['project-wide', 'local'] as FixScope[]) {
    for (const plan of plans) {
      const candidate = await candidateOf(plan, scope, context);
      const key = JSON.stringify(candidate?.edits);
      if (candidate === undefined || candidate.edits.length === 0 || seen.has(key)) continue;
      seen.add(key);
      candidates.push(candidate);
    }
  }
  return { candidates, unanswered };
}

async function candidateOf(
  plan: { leak: Leak; strategy: Strategy }[],
  scope: FixScope,
  context: FixContext,
): Promise<FixCandidate | undefined> {
  const files = new FileSet(context.readFile);
  const explanations: string[] = [];
  // Leaks answered by the same strategy share its fixture's file and one explanation.
  const byStrategy = new Map<Strategy, Leak[]>();
  for (const { leak, strategy } of plan) byStrategy.set(strategy, [...(byStrategy.get(strategy) ?? []), leak]);
  for (const [strategy, leaks] of byStrategy) {
    const explanation = await strategy.edit(leaks, scope, context, files);
    if (explanation === undefined) return undefined;
    explanations.push(explanation);
  }
  const strategies = [...byStrategy.keys()];
  return {
    kind: strategies.map((strategy) => strategy.kind).join('+'),
    strategy: strategies.map((strategy) => strategy.describe(scope)).join('; '),
    scope,
    explanation: explanations.join(' '),
    edits: files.edits(),
  };
}
