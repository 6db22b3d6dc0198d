// Databases that DATABASE_URL names: one PostgreSQL database the user created (the server started here, stopped
// after), and a SQLite file outside the project. polluter snapshots each before the first trial and puts it back
// before every trial and at the end: found with no --before-trial, and every row (every byte) as it was.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { expected, findJson, polluter, samplePath, snapshotTree } from '../support/cli.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

// The suite's environment names no server by libpq's variables here: DATABASE_URL alone.
const NO_LIBPQ = {
  PGHOST: undefined,
  PGPORT: undefined,
  PGUSER: undefined,
  PGDATABASE: undefined,
  PYTHONDONTWRITEBYTECODE: '1',
};

describe('a PostgreSQL database that DATABASE_URL names', () => {
  const sample = samplePath('pytest', 'postgres-url');
  const answer = expected(sample);
  let server: PostgresServer | undefined;
  let env: Record<string, string | undefined>;
  let tree: Map<string, string>;

  before(async () => {
    tree = snapshotTree(sample);
    server = await startPostgres('shop');
    await server.query('CREATE DATABASE shop OWNER shop');
    env = {
      ...NO_LIBPQ,
      DATABASE_URL: `postgresql://shop@/shop?host=${encodeURIComponent(server.env.PGHOST)}&port=${server.env.PGPORT}`,
    };
    await execa('python3', ['-m', 'app.db'], { cwd: sample, env });
    await server.query("INSERT INTO orders (customer, placed_on) VALUES ('zoe', current_date - 3)", 'shop');
  });
  after(async () => {
    await server?.stop();
  });

  it('answers polluted with no --before-trial, names the rows, and leaves the database as it was', async () => {
    const rows = await server!.contents('shop');
    const { report, result } = await findJson(sample, answer.victim, [], env);
    assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.match(
      result.stderr,
      /watching postgresql shop@[^ ]*:5432\/shop \(from DATABASE_URL\) \(shop; and those the trials create\)/,
    );
    assert.match(result.stderr, /restores before trials, \d+ ms each/);
    assert.deepEqual(
      report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      answer.leaks,
    );
    assert.equal(report.leaks.find((leak) => leak.name === 'orders (shop)')?.after, '2 rows (left: id=2)');
    assert.equal(await server!.databases(), 'shop', 'no snapshot left behind');
    assert.deepEqual(await server!.contents('shop'), rows);
  });

  it('takes a database from --database instead of the environment, and refuses a URL of another kind', async () => {
    const url = env.DATABASE_URL!;
    const bad = await polluter(
      ['find', answer.victim, '--project', sample, '--database', 'mysql://shop@localhost/shop'],
      sample,
      env,
    );
    assert.equal(bad.exitCode, 2);
    assert.equal(
      bad.stderr.trim(),
      "polluter: --database: expected a postgresql://… or sqlite:///path URL, got 'mysql://shop@localhost/shop'",
    );
    const both = await polluter(
      ['find', answer.victim, '--project', sample, '--database', url, '--no-database'],
      sample,
      env,
    );
    assert.equal(both.exitCode, 2);
    assert.match(both.stderr, /--database and --no-database contradict each other/);
    const rows = await server!.contents('shop');
    const given = await polluter(['run', answer.polluters[0]!, '--project', sample, '--database', url], sample, {
      ...env,
      DATABASE_URL: undefined,
      SHOP_URL: url,
    });
    // The sample reads DATABASE_URL: without it, the run fails; --database still watched (and restored) the database.
    assert.match(given.stderr, /watching postgresql shop@[^ ]*:5432\/shop \(shop;/);
    assert.deepEqual(await server!.contents('shop'), rows);
  });

  it('leaves the sample project as it was', () => {
    assert.deepEqual(snapshotTree(sample), tree);
  });
});

describe('a SQLite file outside the project that DATABASE_URL names', () => {
  const sample = samplePath('pytest', 'sqlite-url');
  const answer = expected(sample);
  let dir: string;
  let env: Record<string, string | undefined>;
  const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polluter-sqlite-'));
    env = { ...NO_LIBPQ, DATABASE_URL: `sqlite:///${join(dir, 'notes.db')}` };
    await execa('python3', ['-m', 'app.db'], { cwd: sample, env });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers polluted with no --before-trial and puts back every byte of the file', async () => {
    const file = join(dir, 'notes.db');
    const bytes = fingerprint(file);
    const tree = snapshotTree(sample);
    const { report, result } = await findJson(sample, answer.victim, [], env);
    assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.match(result.stderr, new RegExp(`watching sqlite ${file}: restored before every trial`));
    assert.deepEqual(
      report.leaks.filter((leak) => leak.kind.startsWith('database')).map(({ kind, name, by }) => ({ kind, name, by })),
      [{ kind: 'database-file', name: 'notes.db (sqlite)', by: answer.polluters[0] }],
    );
    assert.equal(fingerprint(file), bytes, 'the file holds exactly the bytes it held before');
    assert.ok(!existsSync(`${file}-journal`) && !existsSync(`${file}-wal`));
    assert.deepEqual(snapshotTree(sample), tree);
  });

  it('with --no-database the note stays and the victim fails alone', async () => {
    const { report } = await findJson(sample, answer.victim, ['--no-database', '--jobs', '1'], env);
    assert.equal(report.verdict, 'fails-alone', report.reason);
    const rows = await execa(
      'python3',
      ['-c', 'from app.db import connect; print(connect().execute("SELECT count(*) FROM notes").fetchone()[0])'],
      { cwd: sample, env },
    );
    assert.ok(Number(rows.stdout) > 0, 'unwatched, the committed note is still in the file');
  });
});
