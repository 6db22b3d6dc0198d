import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { outputsFrom } from '../../src/commands/output-options.ts';
import { UsageError } from '../../src/errors.ts';
import { writeReports } from '../../src/report/outputs.ts';
import { findReport } from '../support/reports.ts';

const dir = mkdtempSync(join(tmpdir(), 'polluter-outputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const none = {};

describe('--format / --output', () => {
  it('prints text on stdout when nothing is asked', () => {
    assert.deepEqual(outputsFrom({}, none), [{ format: 'text' }]);
  });

  it('pairs the n-th --format with the n-th --output, and sends the one left over to stdout', () => {
    assert.deepEqual(outputsFrom({ format: ['junit', 'markdown', 'json'], output: [at('r.xml'), at('r.md')] }, none), [
      { format: 'junit', file: at('r.xml') },
      { format: 'markdown', file: at('r.md') },
      { format: 'json' },
    ]);
    assert.deepEqual(outputsFrom({ format: 'json' }, none), [{ format: 'json' }]);
  });

  it('takes the format of an --output without one from its extension, and keeps text on stdout then', () => {
    assert.deepEqual(outputsFrom({ output: [at('a.json'), at('b.XML'), at('c.md')] }, none), [
      { format: 'json', file: at('a.json') },
      { format: 'junit', file: at('b.XML') },
      { format: 'markdown', file: at('c.md') },
      { format: 'text' },
    ]);
  });

  const refused: [string, Parameters<typeof outputsFrom>[0], RegExp][] = [
    ['an unknown extension', { output: at('report.html') }, /cannot tell the format from the extension/],
    ['two formats on stdout', { format: ['json', 'markdown'] }, /--format json and markdown would all go to stdout/],
    [
      'an extension of another format',
      { format: ['json', 'junit'], output: at('r.xml') },
      /looks like junit but is paired with --format json/,
    ],
    [
      'the same file twice',
      { format: ['json', 'json'], output: [at('r.json'), join(dir, '.', 'r.json')] },
      /is given twice/,
    ],
    ['a missing directory', { output: join(dir, 'missing', 'r.json') }, /no such directory/],
    ['a directory', { format: 'json', output: dir }, /is a directory/],
  ];
  for (const [what, argv, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => outputsFrom(argv, none),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    });
  }

  it('adds the Markdown report to $GITHUB_STEP_SUMMARY', () => {
    assert.deepEqual(outputsFrom({ format: 'json' }, { GITHUB_STEP_SUMMARY: at('summary.md') }), [
      { format: 'json' },
      { format: 'markdown', file: at('summary.md'), append: true },
    ]);
  });
});

describe('writeReports', () => {
  it('replaces report files whole, leaves no temp file, and appends to the step summary', async () => {
    writeFileSync(at('old.json'), 'old content that is longer than nothing');
    writeFileSync(at('summary.md'), '# earlier step\n');
    const printed: string[] = [];
    const io = { stdout: (text: string) => void printed.push(text), progress: () => {} };
    const outputs = outputsFrom(
      { format: ['json', 'markdown'], output: [at('old.json')] },
      { GITHUB_STEP_SUMMARY: at('summary.md') },
    );
    await writeReports(findReport(), outputs, io);
    await writeReports(findReport(), outputs, io);
    assert.deepEqual(JSON.parse(readFileSync(at('old.json'), 'utf8')), findReport());
    assert.equal(printed.length, 2);
    assert.match(printed[0]!, /^## polluter find: polluted/);
    const summary = readFileSync(at('summary.md'), 'utf8');
    assert.ok(summary.startsWith('# earlier step\n## polluter find: polluted'), summary);
    assert.equal(summary.split('## polluter find').length, 3, 'appended once per run');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });
});
