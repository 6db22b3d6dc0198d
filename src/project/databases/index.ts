// The databases polluter watches: the ones given with --database, else those the suite's environment names
// (DATABASE_URL, libpq's PG* variables). Every trial starts from the rows they held before the first one.
import { isAbsolute, join } from 'node:path';
import { parse } from 'pg-connection-string';
import { badDatabaseUrl } from '../../errors.js';
import type { TrialWorker } from '../../runners/worker-env.js';
import { PostgresDatabases, type PostgresConnection } from './postgres.js';
import { SqliteDatabase } from './sqlite.js';
import type { DatabaseState, WatchedDatabases } from './types.js';

export { stateChanges, type DatabaseState } from './types.js';

export interface DatabaseOptions {
  /** `--database URL`, repeatable; left out, the environment's. */
  urls: readonly string[];
  /** False with `--no-database`. */
  watch: boolean;
  /** The environment the suite runs in. */
  env: NodeJS.ProcessEnv;
  /** polluter's temp dir: where file snapshots go. */
  tempDir: string;
}

const LIBPQ_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGSERVICE'];

/** The databases to watch, checked (a bad URL is a usage error) but not yet touched. */
export function watchedDatabases(options: DatabaseOptions): Databases {
  if (!options.watch) return new Databases([]);
  const { env } = options;
  const urls = [...options.urls];
  const fromEnv = urls.length === 0;
  if (fromEnv && env.DATABASE_URL && /^(postgres(ql)?|sqlite):/i.test(env.DATABASE_URL)) urls.push(env.DATABASE_URL);
  const watched = urls.map((url, index) =>
    fromUrl(url, join(options.tempDir, `database-${index + 1}`), fromEnv ? 'DATABASE_URL' : undefined),
  );
  if (fromEnv && LIBPQ_VARIABLES.some((name) => env[name])) {
    const user = env.PGUSER;
    const connection: PostgresConnection = { database: env.PGDATABASE ?? user };
    const where = [env.PGHOST ?? 'localhost', env.PGPORT].filter(Boolean).join(':');
    watched.push(
      new PostgresDatabases(
        connection,
        `postgresql ${user ?? ''}@${where} (from ${LIBPQ_VARIABLES.filter((name) => env[name]).join(', ')})`,
      ),
    );
  }
  return new Databases(watched);
}

function fromUrl(url: string, snapshotDir: string, source: string | undefined): WatchedDatabases {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase();
  const from = source === undefined ? '' : ` (from ${source})`;
  if (scheme === 'sqlite') {
    // sqlite:///abs/path, and SQLAlchemy's sqlite:////abs/path.
    const file = decodeURIComponent(url.slice('sqlite://'.length)).replace(/^\/\/+/, '/');
    if (!isAbsolute(file)) throw badDatabaseUrl(url);
    return new SqliteDatabase(file, snapshotDir);
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(url);
    } catch {
      throw badDatabaseUrl(url);
    }
    const connection: PostgresConnection = {
      host: parsed.host ?? undefined,
      port: parsed.port ? Number(parsed.port) : undefined,
      user: parsed.user,
      password: parsed.password,
      database: parsed.database ?? parsed.user ?? undefined,
      ssl: typeof parsed.ssl === 'boolean' ? parsed.ssl : undefined,
    };
    // Shown without its password.
    const where = [connection.host ?? 'localhost', connection.port].filter(Boolean).join(':');
    return new PostgresDatabases(
      connection,
      `postgresql ${connection.user ?? ''}@${where}/${connection.database ?? ''}${from}`,
    );
  }
  throw badDatabaseUrl(url);
}

/** The watched databases together; restores one at a time, so that trials starting side by side never interleave. */
export class Databases {
  private queue: Promise<unknown> = Promise.resolve();
  /** Restores before trials, and the milliseconds they took in all (the cost per trial, in the last progress line). */
  restores = 0;
  restoreMs = 0;

  constructor(private readonly watched: readonly WatchedDatabases[]) {}

  get any(): boolean {
    return this.watched.length > 0;
  }

  /** One line: what is watched, and how to turn it off. */
  describe(): string {
    return `watching ${this.watched.map((database) => database.describe()).join('; ')}: restored before every trial (--no-database to turn off)`;
  }

  /** Snapshots each; on failure, those already taken are dropped and the error (cannotSnapshot) is thrown. */
  async snapshot(): Promise<number> {
    const started = performance.now();
    const done: WatchedDatabases[] = [];
    try {
      for (const database of this.watched) {
        await database.snapshot();
        done.push(database);
      }
    } catch (error) {
      for (const database of done) await database.close().catch(() => undefined);
      throw error;
    }
    return performance.now() - started;
  }

  /**
   * Before a trial: every database when no other trial runs, else only the databases of this trial's worker (its
   * `app_gw1`), which no trial beside it uses. Returns the milliseconds it took.
   */
  restore(worker: TrialWorker | undefined, alone: boolean): Promise<number> {
    const scope = alone || worker === undefined ? { all: true as const } : { all: false as const, worker };
    return this.serial(async () => {
      const started = performance.now();
      for (const database of this.watched) await database.restore(scope);
      const took = performance.now() - started;
      this.restores += 1;
      this.restoreMs += took;
      return took;
    });
  }

  /** What every watched database holds now (for the diagnostic run's leaks). */
  measure(): Promise<DatabaseState> {
    return this.serial(async () => {
      const state: DatabaseState = new Map();
      for (const database of this.watched) for (const [key, thing] of await database.measure()) state.set(key, thing);
      return state;
    });
  }

  /** The last restore, and the snapshots removed; every database is tried even when one fails. */
  close(): Promise<void> {
    return this.serial(async () => {
      const failures: unknown[] = [];
      for (const database of this.watched) await database.close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** What a command's options say to watch, in the suite's environment (polluter's own). */
export function databaseWatch(
  options: { databases?: readonly string[] | undefined; watchDatabases?: boolean | undefined },
  io: { progress: (line: string) => void },
  tempDir: string,
): DatabaseOptions & { progress: (line: string) => void } {
  return {
    urls: options.databases ?? [],
    watch: options.watchDatabases ?? true,
    env: process.env,
    tempDir,
    progress: io.progress,
  };
}

/**
 * Runs `work` with the watched databases snapshotted, and puts them back afterwards whatever happens (an error,
 * Ctrl-C): after polluter, every database holds the rows it held before, and one a trial created is gone.
 */
export async function withDatabases<T>(
  options: DatabaseOptions & { progress: (line: string) => void },
  work: (databases: Databases) => Promise<T>,
): Promise<T> {
  const databases = watchedDatabases(options);
  if (!databases.any) return work(databases);
  const took = await databases.snapshot();
  options.progress(`${databases.describe()}; snapshot in ${Math.round(took)} ms`);
  try {
    return await work(databases);
  } finally {
    const started = performance.now();
    await databases.close();
    const perTrial =
      databases.restores === 0
        ? ''
        : `; ${databases.restores} restores before trials, ${Math.round(databases.restoreMs / databases.restores)} ms each`;
    options.progress(`databases restored as they were (${Math.round(performance.now() - started)} ms${perTrial})`);
  }
}
