// A row committed to a real PostgreSQL server outlives every trial's process: found with --before-trial recreating
// the database, one database per worker with --jobs 2. The server is started here and stopped after, even on failure.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { execa } from 'execa';
import { expected, findJson, samplePath, snapshotTree } from '../support/cli.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

const sample = samplePath('pytest', 'postgres');
const answer = expected(sample) as ReturnType<typeof expected> & { beforeTrial: string };

describe('a row committed to PostgreSQL, one database per worker', () => {
  let server: PostgresServer | undefined;
  let env: Record<string, string>;
  let tree: Map<string, string>;
  // The sample's databases, by name, as the server lists them.
  const databases = async () => (await server!.query("SELECT datname FROM pg_database WHERE datname LIKE 'shop\\_%' ORDER BY 1")).join(' ');
  const orders = async (database: string) => Number((await server!.query('SELECT count(*) FROM orders', database))[0]);

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
    for (const name of await databases().then((names) => names.split(' ').filter(Boolean))) await server!.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  });

  it('does not blame a test for the committed row that every later trial sees', async () => {
    // One job: trials side by side would each get a database of their own (see the --jobs 2 case).
    const { report, result } = await findJson(sample, answer.victim, ['--jobs', '1'], env);
    // The first trial (the collected order) commits the row; from then on the victim fails alone too.
    assert.equal(report.verdict, 'fails-alone', report.reason);
    assert.match(report.reason, /the victim fails alone/);
    assert.ok(report.warnings.some((warning) => /after the first run of the order: .* left state outside the process .* --before-trial/.test(warning)), report.warnings.join('\n'));
    assert.deepEqual(report.polluters, []);
    assert.deepEqual(report.stateSetters, []);
    assert.equal(result.exitCode, 1);
    assert.equal(await databases(), 'shop_main', 'one job: no worker identity, the suite default shop_main');
    assert.ok(await orders('shop_main') > 0, 'the committed order is still in the database');
  });

  it('finds the polluter with --before-trial recreating the database, and the printed command fails the victim', async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--before-trial', answer.beforeTrial], env);
    assert.equal(report.verdict, answer.verdict, report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.stateSetters, answer.stateSetters);
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
    assert.equal(result.exitCode, 0);
    // A row in a database is not process state; the pool's threads are there when the victim starts alone too.
    assert.deepEqual(report.leaks.map(({ kind, name, by }) => ({ kind, name, by })), answer.leaks);
    assert.equal(await databases(), 'shop_main');

    // As a user would: reset the database, then paste the printed command into a shell.
    await execa('python3', ['reset_db.py'], { cwd: sample, env });
    assert.equal(await orders('shop_main'), 0, 'reset_db.py empties the database');
    const pasted = await execa('sh', ['-c', report.reproduce], { cwd: sample, reject: false, env: { ...env, PYTEST_ADDOPTS: '-p no:cacheprovider' } });
    assert.equal(pasted.exitCode, 1, `${report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`);
    assert.match(pasted.stdout, /1 failed, 1 passed/);
    assert.ok(pasted.stdout.includes(`FAILED ${answer.victim}`), pasted.stdout);
  });

  it('with --jobs 2 runs trials side by side as gw0 and gw1, each on its own database', async () => {
    const { report, result } = await findJson(sample, answer.victim, ['--before-trial', answer.beforeTrial, '--jobs', '2'], env);
    assert.equal(report.verdict, answer.verdict, report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
    assert.doesNotMatch(result.stderr, /→ unknown/);
    assert.equal(await databases(), 'shop_gw0 shop_gw1', 'every trial had a worker identity, and both were used');
  });

  it('leaves the sample project as it was', () => {
    assert.deepEqual(snapshotTree(sample), tree);
  });
});
