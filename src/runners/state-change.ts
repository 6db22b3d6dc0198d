import type { StateChange } from './runner.js';

/**
 * The kinds of state the helpers fingerprint around each test: the first four in every runner; then those of
 * polluter_state.py (pytest); then those of state.cjs and footprints.cjs (jest, vitest).
 */
export const STATE_KINDS = [
  ...['env', 'global', 'cwd', 'file'],
  ...['cache', 'sys.path', 'modules', 'logging', 'warnings', 'signal', 'threads', 'timezone', 'locale'],
  ...['spy', 'mock', 'timers', 'listener', 'core-module'],
] as const;

/** What polluter measures itself around trials, never a helper's row (project/databases/). */
export const DATABASE_KINDS = ['database-rows', 'database-sequence', 'database-table', 'database-file'] as const;

export type StateKind = (typeof STATE_KINDS)[number] | (typeof DATABASE_KINDS)[number];

/**
 * A state change as the helpers write it, one JSON array per change; `identity` names the object a global changed
 * inside (pytest), so that one object imported into several modules is one leak (see StateChange).
 */
export type ChangeRow = [kind: string, name: string, before: string | null, after: string | null, identity?: string];

const KNOWN: ReadonlySet<string> = new Set(STATE_KINDS);

/** The helpers' rows as state changes, in one place for every runner; a row of a kind not listed above is left out. */
export function changesFromRows(rows: readonly ChangeRow[]): StateChange[] {
  return rows.flatMap(([kind, name, before, after, identity]) => {
    if (!isStateKind(kind)) return [];
    return [identity === undefined ? { kind, name, before, after } : { kind, name, before, after, identity }];
  });
}

function isStateKind(kind: string): kind is (typeof STATE_KINDS)[number] {
  return KNOWN.has(kind);
}

/** One thing that can change, whoever changes it: `env PATH`, `global app.settings.MODE`. */
export function changeKey(change: StateChange): string {
  return `${change.kind}\u0000${change.name}`;
}
