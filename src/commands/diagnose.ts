import { withCauses } from '../report/causes.js';
import type { Leak } from '../report/leaks.js';
import type { Runner } from '../runners/runner.js';
import type { CommandIo } from './io.js';

// A diagnostic run is one plain run of the culprits and the victim: as long as a trial may take.
const DIAGNOSTIC_TIMEOUT_SECONDS = 600;

/**
 * For a pytest cache among the leaks, one diagnostic run of the culprits and the victim tells what the cache kept and
 * which env vars differed while a culprit filled it (never in the cheap fingerprints of the search's trials).
 * Returns the leaks with their causes, and whether a run was made.
 */
export async function diagnoseLeaks(
  runner: Runner,
  {
    culprits,
    victim,
    leaks,
    timeoutSeconds,
    io,
  }: { culprits: readonly string[]; victim: string; leaks: Leak[]; timeoutSeconds?: number | undefined; io: CommandIo },
): Promise<{ leaks: Leak[]; ran: boolean }> {
  const caches = leaks.filter((leak) => leak.kind === 'cache' && !leak.cause).map((leak) => leak.name);
  if (runner.name !== 'pytest' || caches.length === 0 || culprits.length === 0) return { leaks, ran: false };
  io.progress(
    `a diagnostic run of the polluters and the victim: what ${caches.join(', ')} kept, and under which env vars`,
  );
  const trial = await runner.run([...culprits, victim], {
    timeoutSeconds: timeoutSeconds ?? DIAGNOSTIC_TIMEOUT_SECONDS,
    signal: io.signal,
    causes: caches,
  });
  const explained = withCauses(leaks, trial.cacheFills ?? []);
  for (const leak of explained) if (leak.cause) io.progress(`cause: ${leak.cause.explanation}`);
  return { leaks: explained, ran: true };
}
