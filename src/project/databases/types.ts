import type { StateChange } from '../../runners/runner.js';
import type { TrialWorker } from '../../runners/worker-env.js';

/** Which databases a restore puts back: all of them, or one worker's only (a trial starts beside others, `--jobs`). */
export type RestoreScope = { all: true } | { all: false; worker: TrialWorker };

/**
 * One watched database, or one server's worth of them: snapshotted before the first trial, put back before every
 * trial and once at the end, so every trial starts from the rows the user had.
 */
export interface WatchedDatabases {
  /** For the line saying what is watched: `postgresql://shop@/tmp/pg (shop, shop_gw0)`, `sqlite /home/me/app.db`. */
  describe(): string;
  /** Takes the snapshot; throws `cannotSnapshot` when it cannot (then nothing of it is left behind). */
  snapshot(): Promise<void>;
  restore(scope: RestoreScope): Promise<void>;
  /** What the tables hold now, for the leaks of the diagnostic run: one entry per table and sequence. */
  measure(): Promise<DatabaseState>;
  /** Restores everything one last time and removes the snapshot. */
  close(): Promise<void>;
}

/** Per thing (a table's rows, a sequence), keyed by kind and name: what it held. */
export type DatabaseState = Map<string, MeasuredThing>;

export interface MeasuredThing {
  kind: 'database-rows' | 'database-sequence' | 'database-file';
  /** `orders (shop_gw0)`: the table or sequence and its database. */
  name: string;
  /** Rows, the sequence's last value (null before its first nextval), or the file's bytes. */
  value: number | null;
  /** A file's content digest: a file can change and keep its size. */
  digest?: string | undefined;
  /** The table's primary keys (`id=1`), when it has one and few enough rows to list them. */
  keys?: string[] | undefined;
}

/** The changes between two measures, as leaks name them: rows added or removed, sequences moved, tables made. */
export function stateChanges(before: DatabaseState, after: DatabaseState): StateChange[] {
  const changes: StateChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(key), after.get(key)];
    const thing = (is ?? was)!;
    if (thing.kind === 'database-file') {
      if (was?.digest !== is?.digest)
        changes.push({ kind: thing.kind, name: thing.name, before: fileValue(was), after: fileValue(is) });
    } else if (thing.kind === 'database-sequence') {
      if (was?.value !== is?.value)
        changes.push({ kind: thing.kind, name: thing.name, before: sequenceValue(was), after: sequenceValue(is) });
    } else if (was === undefined || is === undefined) {
      changes.push({
        kind: 'database-table',
        name: thing.name,
        before: was === undefined ? null : rows(was.value),
        after: is === undefined ? null : rows(is.value),
      });
    } else if (was.value !== is.value || String(was.keys) !== String(is.keys)) {
      changes.push({
        kind: thing.kind,
        name: thing.name,
        before: rows(was.value),
        after: `${rows(is.value)}${keyChange(was.keys, is.keys)}`,
      });
    }
  }
  return changes;
}

const fileValue = (thing: MeasuredThing | undefined) =>
  thing === undefined ? null : `${thing.value} bytes, sha256 ${thing.digest}`;
const rows = (count: number | null) => (count === 1 ? '1 row' : `${count ?? 0} rows`);
const sequenceValue = (thing: MeasuredThing | undefined) =>
  thing === undefined ? null : thing.value === null ? 'not used' : `last value ${thing.value}`;

// Keys shown at most per table: the first few tell which rows; the count says the rest.
const SHOWN_KEYS = 3;

function keyChange(before: string[] | undefined, after: string[] | undefined): string {
  if (before === undefined || after === undefined) return '';
  const had = new Set(before);
  const has = new Set(after);
  const added = after.filter((key) => !had.has(key));
  const removed = before.filter((key) => !has.has(key));
  const list = (keys: string[]) =>
    keys.slice(0, SHOWN_KEYS).join(', ') + (keys.length > SHOWN_KEYS ? `, … (${keys.length})` : '');
  const parts = [
    added.length > 0 ? `left: ${list(added)}` : '',
    removed.length > 0 ? `deleted: ${list(removed)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
