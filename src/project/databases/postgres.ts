// A PostgreSQL server's databases, watched through `pg`: each database the suite's role owns (and the one it names)
// is cloned into a template before the first trial (CREATE DATABASE … TEMPLATE, a file copy on the server, no dump),
// and put back from it before every trial; databases the trials create (per-worker `app_gw0`) are dropped.
import { createRequire } from 'node:module';
import type pg from 'pg';
import { cannotSnapshot } from '../../errors.js';
import type { DatabaseState, RestoreScope, WatchedDatabases } from './types.js';

// Loaded on first use: most searches watch no database, and every one would pay ~0.05 s for loading `pg`.
const postgres = () => createRequire(import.meta.url)('pg') as typeof pg;

/** Where the server is and who the suite logs in as; fields left out come from libpq's PG* variables, as for libpq. */
export interface PostgresConnection {
  host?: string | undefined;
  port?: number | undefined;
  user?: string | undefined;
  password?: string | undefined;
  /** The database the suite names (its URL's, PGDATABASE, or the role's name). */
  database?: string | undefined;
  ssl?: pg.ClientConfig['ssl'];
}

interface KeptDatabase {
  name: string;
  owner: string;
  snapshot: string;
}

// Larger databases take long to clone before every trial: a reset script (--before-trial) does better there.
const MAX_SNAPSHOT_BYTES = 2 * 1024 ** 3;
// Tables with more rows are counted, not listed by key.
const MAX_LISTED_ROWS = 1000;
const SNAPSHOT_PREFIX = 'polluter_snapshot_';

export class PostgresDatabases implements WatchedDatabases {
  private kept: KeptDatabase[] = [];
  /** Every database on the server before the first trial: one not among them was created by a trial. */
  private existing = new Set<string>();
  private role = '';

  constructor(
    private readonly connection: PostgresConnection,
    private readonly label: string,
  ) {}

  describe(): string {
    const names = this.kept.map((database) => database.name);
    return `${this.label} (${names.length > 0 ? names.join(', ') : 'no database yet'}; and those the trials create)`;
  }

  async snapshot(): Promise<void> {
    const fail = (reason: string) => cannotSnapshot(this.label, reason);
    const admin = await this.admin().catch((error: unknown) => {
      throw fail(`cannot connect (${(error as Error).message})`);
    });
    try {
      const version = Number((await admin.query('SHOW server_version_num')).rows[0].server_version_num);
      if (version < 130000) throw fail('PostgreSQL 13 or later is needed (DROP DATABASE … WITH (FORCE))');
      this.role = (await admin.query('SELECT current_user AS role')).rows[0].role as string;
      const databases = await admin.query<{ name: string; owner: string; template: boolean; bytes: string | null }>(
        `SELECT datname AS name, pg_get_userbyid(datdba) AS owner, datistemplate AS template,
                CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END AS bytes
         FROM pg_database ORDER BY datname`,
      );
      this.existing = new Set(databases.rows.map((row) => row.name));
      const watched = databases.rows.filter(
        (row) =>
          !row.template &&
          row.name !== 'postgres' &&
          !row.name.startsWith(SNAPSHOT_PREFIX) &&
          (row.name === this.connection.database || row.owner === this.role),
      );
      const bytes = watched.reduce((sum, row) => sum + Number(row.bytes ?? 0), 0);
      if (bytes > MAX_SNAPSHOT_BYTES)
        throw fail(
          `${watched.length} database(s) of ${Math.round(bytes / 1024 ** 2)} MB are too large to clone before every trial`,
        );
      for (const [index, row] of watched.entries()) {
        const snapshot = `${SNAPSHOT_PREFIX}${process.pid}_${index}`;
        try {
          await admin.query(`CREATE DATABASE ${ident(snapshot)} TEMPLATE ${ident(row.name)}`);
        } catch (error) {
          throw fail(await whyNotCloned(admin, row.name, error));
        }
        this.kept.push({ name: row.name, owner: row.owner, snapshot });
      }
    } catch (error) {
      await this.dropSnapshots(admin).catch(() => undefined);
      throw error;
    } finally {
      await admin.end();
    }
  }

  async restore(scope: RestoreScope): Promise<void> {
    const admin = await this.admin();
    try {
      const mine = (name: string) => scope.all || ofWorker(name, scope.worker.index);
      for (const database of this.kept.filter((kept) => mine(kept.name))) {
        // FORCE: a session a killed trial left (a pool) would otherwise keep the database from being dropped.
        await admin.query(`DROP DATABASE IF EXISTS ${ident(database.name)} WITH (FORCE)`);
        await admin.query(
          `CREATE DATABASE ${ident(database.name)} TEMPLATE ${ident(database.snapshot)} OWNER ${ident(database.owner)}`,
        );
      }
      for (const name of (await this.created(admin)).filter(mine))
        await admin.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }

  async measure(): Promise<DatabaseState> {
    const admin = await this.admin();
    let names: string[];
    try {
      names = [...this.kept.map((kept) => kept.name), ...(await this.created(admin))];
    } finally {
      await admin.end();
    }
    const state: DatabaseState = new Map();
    for (const name of names) {
      const client = new (postgres().Client)({ ...this.settings(), database: name });
      await client.connect();
      try {
        await measureDatabase(client, name, state);
      } finally {
        await client.end();
      }
    }
    return state;
  }

  async close(): Promise<void> {
    if (this.kept.length === 0 && this.existing.size === 0) return;
    await this.restore({ all: true });
    const admin = await this.admin();
    try {
      await this.dropSnapshots(admin);
    } finally {
      await admin.end();
    }
  }

  private async dropSnapshots(admin: pg.Client): Promise<void> {
    for (const { snapshot } of this.kept) await admin.query(`DROP DATABASE IF EXISTS ${ident(snapshot)} WITH (FORCE)`);
    this.kept = [];
  }

  /** Databases of the suite's role that were not there before the first trial. */
  private async created(admin: pg.Client): Promise<string[]> {
    const rows = await admin.query<{ name: string }>(
      'SELECT datname AS name FROM pg_database WHERE NOT datistemplate AND pg_get_userbyid(datdba) = current_user ORDER BY datname',
    );
    return rows.rows
      .map((row) => row.name)
      .filter((name) => !this.existing.has(name) && !name.startsWith(SNAPSHOT_PREFIX));
  }

  private settings(): pg.ClientConfig {
    const { host, port, user, password, ssl } = this.connection;
    return { host, port, user, password, ssl, application_name: 'polluter' };
  }

  /** A connection to a database no trial uses, for CREATE and DROP DATABASE (not allowed on the one connected to). */
  private async admin(): Promise<pg.Client> {
    for (const database of ['postgres', 'template1']) {
      const client = new (postgres().Client)({ ...this.settings(), database });
      try {
        await client.connect();
        return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        if ((error as { code?: string }).code !== '3D000' || database === 'template1') throw error; // 3D000: no such database
      }
    }
    throw new Error('unreachable');
  }
}

/** Whether a database belongs to the worker `gw<index>` (pytest-xdist's names: `app_gw0`, `gw1_app`). */
function ofWorker(name: string, index: number): boolean {
  return new RegExp(`(^|[^a-z0-9])gw${index}($|[^0-9])`, 'i').test(name);
}

/** The reason a clone failed, in the user's terms: who is connected, which permission is missing. */
async function whyNotCloned(admin: pg.Client, name: string, error: unknown): Promise<string> {
  const code = (error as { code?: string }).code;
  if (code === '55006') {
    const sessions = await admin.query<{ who: string }>(
      `SELECT coalesce(nullif(application_name, ''), usename, 'a session') || ' (pid ' || pid || ')' AS who FROM pg_stat_activity WHERE datname = $1`,
      [name],
    );
    const who = sessions.rows.map((row) => row.who);
    return `${who.length || 'other'} other session(s) are connected to ${name}${who.length > 0 ? `: ${who.slice(0, 3).join(', ')}` : ''} (a clone needs none)`;
  }
  if (code === '42501') return `the role may not create databases (it needs CREATEDB, and to own ${name})`;
  return `cloning ${name} failed: ${(error as Error).message}`;
}

/** Each table's rows (and keys, when few) and each sequence's last value in one database, added to `state`. */
async function measureDatabase(client: pg.Client, database: string, state: DatabaseState): Promise<void> {
  const tables = await client.query<{ schema: string; table: string; keys: string[] | null }>(
    `SELECT n.nspname AS schema, c.relname AS table,
            (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
               FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
              WHERE i.indrelid = c.oid AND i.indisprimary) AS keys
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        AND has_table_privilege(c.oid, 'SELECT')
      ORDER BY 1, 2`,
  );
  const named = (schema: string, thing: string) => `${schema === 'public' ? '' : `${schema}.`}${thing} (${database})`;
  for (const { schema, table, keys } of tables.rows) {
    const relation = `${ident(schema)}.${ident(table)}`;
    const count = Number((await client.query(`SELECT count(*) AS n FROM ${relation}`)).rows[0].n);
    let listed: string[] | undefined;
    if (keys !== null && keys.length > 0 && count <= MAX_LISTED_ROWS) {
      const columns = keys.map(ident).join(', ');
      const rows = await client.query({
        text: `SELECT ${columns} FROM ${relation} ORDER BY ${columns}`,
        rowMode: 'array',
      });
      listed = (rows.rows as unknown[][]).map((row) =>
        row.map((value, index) => `${keys[index]}=${String(value)}`).join(','),
      );
    }
    state.set(`rows\u0000${named(schema, table)}`, {
      kind: 'database-rows',
      name: named(schema, table),
      value: count,
      keys: listed,
    });
  }
  const sequences = await client.query<{ schema: string; sequence: string; last: string | null }>(
    "SELECT schemaname AS schema, sequencename AS sequence, last_value AS last FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
  );
  for (const { schema, sequence, last } of sequences.rows) {
    state.set(`sequence\u0000${named(schema, sequence)}`, {
      kind: 'database-sequence',
      name: named(schema, sequence),
      value: last === null ? null : Number(last),
    });
  }
}

const ident = (name: string) => postgres().escapeIdentifier(name);
