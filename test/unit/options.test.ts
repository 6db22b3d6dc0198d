import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectCommand, detectOptions } from '../../src/commands/options/detect.ts';
import { findInvocation } from '../../src/commands/options/find.ts';
import { searchTable } from '../../src/commands/options/groups.ts';
import { defaultsOf, normalise } from '../../src/commands/options/table.ts';
import { UsageError } from '../../src/errors.ts';

const project = process.cwd();

describe('option tables', () => {
  it('give every search option its default once, named as the flag in camelCase (or renamed)', () => {
    assert.deepEqual(defaultsOf(searchTable('')), {
      jobs: undefined,
      all: false,
      repeat: 2,
      cleaners: false,
      reruns: 3,
      timeoutSeconds: undefined,
      chunkTrials: 64,
      beforeTrial: undefined,
      shell: false,
      wait: true,
    });
  });

  it('refuse a repeated option and a value out of range, in the "takes X, not Y" wording', () => {
    assert.throws(
      () => normalise(searchTable(''), { repeat: [1, 2] }),
      /--repeat is given more than once \('1', '2'\): expected it once/,
    );
    assert.throws(
      () => normalise(searchTable(''), { ...defaultRaw(), jobs: 0 }),
      /--jobs takes a whole number of at least 1, not 0/,
    );
  });

  it("turn find --failed into the artifact to read, and refuse what names one victim's order beside it", () => {
    const failed = findInvocation({ project, failed: true, 'from-junit': 'j.xml', ...defaultRaw() });
    assert.equal(failed.failed, true);
    assert.deepEqual(failed.failed && [failed.options.artifact, failed.options.aloneRuns], [
      { format: 'junit', file: 'j.xml' },
      3,
    ]);
    assert.throws(() => findInvocation({ project, failed: true, 'order-file': 'o.txt', ...defaultRaw() }), UsageError);
    assert.throws(
      () => findInvocation({ project, victim: 'v', shard: '1/2', ...defaultRaw() }),
      /--shard goes with --failed/,
    );
  });

  it("take detect's --shuffle-seed for polluter's shuffle, --seed as its alias, and refuse it without --shuffle", () => {
    const base = { project, rounds: 1, 'alone-runs': 3, ...defaultRaw() };
    assert.equal(detectOptions({ ...base, shuffle: true, 'shuffle-seed': 7 }).seed, 7);
    assert.equal(
      detectCommand.table['shuffle-seed'].yargs.alias,
      'seed',
      'the old spelling is an alias, not an option of its own',
    );
    assert.throws(
      () => detectOptions({ ...base, 'shuffle-seed': 7 }),
      /--shuffle-seed seeds --shuffle; pass --shuffle too/,
    );
    assert.throws(
      () => detectOptions({ ...base, shuffle: true, 'shuffle-seed': [1, 2] }),
      /--shuffle-seed is given more than once/,
    );
  });
});

/** What yargs hands over for the search options when none is given. */
function defaultRaw(): Record<string, unknown> {
  return {
    all: false,
    repeat: 2,
    cleaners: false,
    reruns: 3,
    'chunk-trials': 64,
    shell: false,
    wait: true,
    resume: false,
  };
}
