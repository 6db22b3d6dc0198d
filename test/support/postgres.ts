// A throwaway PostgreSQL server for the e2e tests: Debian's package (or any initdb on the machine), one data dir
// and one socket dir in a fresh temp dir, no TCP. `.ci/run` installs the package; without it, starting throws.
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** What a client needs to reach the server through libpq's environment: the socket dir, the port, the role. */
export interface PostgresEnv {
  PGHOST: string;
  PGPORT: string;
  PGUSER: string;
}

export interface PostgresServer {
  /** For clients logging in as the role the server was started with. */
  env: PostgresEnv;
  /** Runs SQL (psql's script syntax) as the superuser; the rows, one a line, fields split by `|`. */
  psql(script: string, database?: string): Promise<string[]>;
  /** Stops the server at once and removes its dir; safe to call twice or after a failed start. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PORT = '5432'; // only names the socket file: the socket dir is the server's own, so no other server clashes

/** Starts a server with a role that may log in and create databases (for suites that create their own). */
export async function startPostgres(role: string): Promise<PostgresServer> {
  const bin = await postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'polluter-pg-'));
  const data = join(dir, 'data');
  const server: PostgresServer = {
    env: { PGHOST: dir, PGPORT: PORT, PGUSER: role },
    async psql(script, database = 'postgres') {
      const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', PORT, '-U', SUPERUSER, '-d', database];
      const result = await execa(join(bin, 'psql'), args, { input: script });
      return result.stdout.split('\n').filter(Boolean);
    },
    async stop() {
      if (existsSync(join(data, 'postmaster.pid'))) await asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await giveToServerUser(dir);
    await asServerUser(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    // Settings in the file, not on pg_ctl's -o (which goes through a shell). Durability is not wanted here.
    const settings = { listen_addresses: '', unix_socket_directories: dir, port: PORT, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
    appendFileSync(join(data, 'postgresql.conf'), Object.entries(settings).map(([name, value]) => `${name} = '${value}'\n`).join(''));
    await asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    await server.psql(`CREATE ROLE "${role}" LOGIN CREATEDB`);
    return server;
  }
  catch (error) {
    const log = join(dir, 'server.log');
    const serverLog = existsSync(log) ? `\nserver log:\n${readFileSync(log, 'utf8')}` : '';
    await server.stop();
    throw new Error(`could not set up a PostgreSQL server with ${bin}: ${(error as Error).message}${serverLog}`, { cause: error });
  }
}

/** `pg_config --bindir` when it has initdb (Debian's, Homebrew's), else the newest `/usr/lib/postgresql/N/bin`. */
async function postgresBinDir(): Promise<string> {
  const configured = await execa('pg_config', ['--bindir'], { reject: false });
  const candidates = configured.exitCode === 0 ? [configured.stdout.trim()] : [];
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found === undefined) {
    throw new Error('PostgreSQL is not installed: no initdb in `pg_config --bindir` nor in /usr/lib/postgresql/*/bin (apt-get install postgresql; .ci/run does)');
  }
  return found;
}

// initdb and postgres refuse to run as root: as root, they run as the `postgres` user Debian's package creates.
const isRoot = () => process.getuid?.() === 0;

async function asServerUser(file: string, args: readonly string[]): Promise<void> {
  if (isRoot()) await execa('runuser', ['-u', SUPERUSER, '--', file, ...args]);
  else await execa(file, args);
}

async function giveToServerUser(dir: string): Promise<void> {
  if (!isRoot()) return;
  const id = async (flag: string) => Number((await execa('id', [flag, SUPERUSER])).stdout);
  chownSync(dir, await id('-u'), await id('-g'));
}
