// The databases' pure parts: which databases the options and the environment name (nothing is connected to), and
// how two measures become the leaks' wording. The real server is driven by test/e2e/postgres.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { watchedDatabases } from '../../src/project/databases/index.ts';
import { stateChanges, type DatabaseState, type MeasuredThing } from '../../src/project/databases/types.ts';

const watch = (urls: string[], env: NodeJS.ProcessEnv, on = true) =>
  watchedDatabases({ urls, watch: on, env, tempDir: '/tmp/polluter-x' });

describe('the databases polluter watches', () => {
  it('takes DATABASE_URL and the PG* server from the environment, and says where each came from', () => {
    const databases = watch([], {
      DATABASE_URL: 'postgresql://app:secret@db.local:5433/app_test',
      PGHOST: '/run/pg',
      PGUSER: 'ci',
    });
    assert.ok(databases.any);
    const line = databases.describe();
    assert.match(
      line,
      /^watching postgresql app@db\.local:5433\/app_test \(from DATABASE_URL\) \(no database yet; and those the trials create\); postgresql ci@\/run\/pg \(from PGHOST, PGUSER\)/,
    );
    assert.doesNotMatch(line, /secret/, 'no password in the progress line');
    assert.match(line, /restored before every trial \(--no-database to turn off\)$/);
  });

  it('watches nothing with --no-database, without a database in the environment, or for a DATABASE_URL of another kind', () => {
    assert.equal(watch([], { DATABASE_URL: 'postgresql://a@b/c' }, false).any, false);
    assert.equal(watch([], { PATH: '/usr/bin' }).any, false);
    assert.equal(watch([], { DATABASE_URL: 'mysql://app@db/app' }).any, false);
  });

  it('takes --database instead of the environment: a SQLite path, absolute, in both spellings', () => {
    assert.equal(
      watch(['sqlite:///srv/app.db'], { DATABASE_URL: 'postgresql://a@b/c', PGHOST: 'x' }).describe().split('; ')
        .length,
      1,
    );
    assert.match(watch(['sqlite:///srv/app.db'], {}).describe(), /^watching sqlite \/srv\/app\.db \(absent now/);
    assert.match(watch(['sqlite:////srv/app.db'], {}).describe(), /^watching sqlite \/srv\/app\.db /);
  });

  it('refuses a URL it cannot watch, in one line', () => {
    for (const url of ['mysql://app@db/app', 'app.db', 'sqlite://relative.db']) {
      assert.throws(
        () => watch([url], {}),
        (error: unknown) =>
          error instanceof UsageError &&
          error.message === `--database: expected a postgresql://… or sqlite:///path URL, got '${url}'`,
      );
    }
  });
});

describe('what two measures of the databases differ in', () => {
  const rows = (name: string, value: number, keys?: string[]): [string, MeasuredThing] => [
    `rows ${name}`,
    { kind: 'database-rows', name, value, keys },
  ];
  const sequence = (name: string, value: number | null): [string, MeasuredThing] => [
    `seq ${name}`,
    { kind: 'database-sequence', name, value },
  ];

  it('names rows left and deleted by key, sequences moved, tables created and dropped; nothing for what stayed', () => {
    const before: DatabaseState = new Map([
      rows('orders (shop)', 1, ['id=1']),
      rows('products (shop)', 2, ['sku=A', 'sku=B']),
      rows('tmp (shop)', 4),
      sequence('orders_id_seq (shop)', null),
    ]);
    const after: DatabaseState = new Map([
      rows('orders (shop)', 5, ['id=1', 'id=2', 'id=3', 'id=4', 'id=5']),
      rows('products (shop)', 1, ['sku=B']),
      rows('imports (shop)', 3),
      sequence('orders_id_seq (shop)', 5),
    ]);
    assert.deepEqual(stateChanges(before, after), [
      {
        kind: 'database-rows',
        name: 'orders (shop)',
        before: '1 row',
        after: '5 rows (left: id=2, id=3, id=4, … (4))',
      },
      { kind: 'database-rows', name: 'products (shop)', before: '2 rows', after: '1 row (deleted: sku=A)' },
      { kind: 'database-table', name: 'tmp (shop)', before: '4 rows', after: null },
      { kind: 'database-sequence', name: 'orders_id_seq (shop)', before: 'not used', after: 'last value 5' },
      { kind: 'database-table', name: 'imports (shop)', before: null, after: '3 rows' },
    ]);
    assert.deepEqual(stateChanges(after, after), []);
  });

  it('names a table without keys by its count, and a row changed in place not at all (counts and keys are equal)', () => {
    assert.deepEqual(stateChanges(new Map([rows('log (shop)', 0)]), new Map([rows('log (shop)', 2)])), [
      { kind: 'database-rows', name: 'log (shop)', before: '0 rows', after: '2 rows' },
    ]);
    assert.deepEqual(
      stateChanges(new Map([rows('users (shop)', 1, ['id=1'])]), new Map([rows('users (shop)', 1, ['id=1'])])),
      [],
    );
  });
});
