// The chain of causes behind a leak, where a diagnostic run saw it: what a cache kept, and under which env vars.
import type { CacheFill } from '../runners/runner.js';
import type { Leak } from './leaks.js';

/** Why a cache leaked, as the JSON report gives it (`leaks[].cause`). */
export interface LeakCause {
  /** A short repr of the value the cache kept; null when it cannot be read (a function that takes arguments). */
  kept: string | null;
  entries: number;
  /** Env vars that differed while the culprit filled the cache, and whether its teardown put them back. */
  computedWhile: { name: string; value: string | null; before: string | null; restored: boolean }[];
  /** The chain in one sentence. */
  explanation: string;
}

/** The leaks, each cache among them with the cause a diagnostic run saw (the culprit's fill, or any culprit's). */
export function withCauses(leaks: readonly Leak[], fills: readonly CacheFill[]): Leak[] {
  return leaks.map((leak) => {
    if (leak.kind !== 'cache') return leak;
    const fill =
      fills.findLast((candidate) => candidate.cache === leak.name && candidate.by === leak.by) ??
      fills.findLast((candidate) => candidate.cache === leak.name);
    return fill ? { ...leak, cause: cacheCause(leak, fill) } : leak;
  });
}

function cacheCause(leak: Leak, fill: CacheFill): LeakCause {
  const kept = fill.value ?? `${fill.entries} ${fill.entries === 1 ? 'entry' : 'entries'}`;
  const shown = (value: string | null) => (value === null ? '(unset)' : `'${value}'`);
  let explanation: string;
  if (fill.env.length === 0) {
    explanation = `${leak.name} kept ${kept}, computed in ${fill.by} (no env var differed from its start while it filled the cache; the cache was not cleared)`;
  } else {
    const vars = fill.env.map((env) => `${env.name}=${shown(env.value)}`).join(', ');
    const restored = fill.env.every((env) => env.restored);
    const after = restored
      ? 'restored at its teardown'
      : `still ${fill.env
          .filter((env) => !env.restored)
          .map((env) => env.name)
          .join(', ')} after it`;
    explanation = `${leak.name} kept ${kept}, computed while ${vars} (set in ${fill.by} and ${after}; the cache was not cleared)`;
  }
  return { kept: fill.value, entries: fill.entries, computedWhile: fill.env, explanation };
}
