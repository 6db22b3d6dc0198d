import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { importFrom, readJsCleaner, topLevelNames, withImports } from '../../src/fix/js-cleaner.ts';

const FILE = [
  "'use strict';",
  '',
  "const { enqueue, pending, purge } = require('../src/outbox');",
  "import { reset } from './support/reset';",
  "import type { Message } from '../src/types';",
  'const LIMIT = 3;',
  '',
  "describe('purge', () => {",
  "  test('empties the outbox', async () => {",
  "    enqueue('mail', 'stale');",
  '    expect(pending().length).toBeGreaterThan(0);',
  '    await expect(reset()).resolves.toBe(true);',
  '    purge();',
  '    for (let i = 0; i < LIMIT; i++) {',
  '      purge();',
  '    }',
  '    expect(pending()).toEqual([]);',
  '  });',
  "  it('other', () => {",
  '    purge();',
  '  });',
  '});',
  '',
].join('\n');

describe('readJsCleaner', () => {
  it('reads the statements of the test the titles name, expect statements left out but the calls in them kept', () => {
    const body = readJsCleaner(ts, FILE, 'tests/purge.test.ts', ['purge', 'empties the outbox'])!;
    assert.equal(body.async, true);
    assert.deepEqual(body.statements, [
      { source: "enqueue('mail', 'stale');", fromAssert: false },
      { source: 'pending()', fromAssert: true },
      { source: 'reset()', fromAssert: true },
      { source: 'purge();', fromAssert: false },
      { source: 'for (let i = 0; i < LIMIT; i++) {\n  purge();\n}', fromAssert: false },
      { source: 'pending()', fromAssert: true },
    ]);
    // The require and the import that bind a used name; the type-only import binds nothing; LIMIT is the file's own.
    assert.deepEqual(
      body.imports.map((entry) => [entry.source, entry.specifier]),
      [
        ["const { enqueue, pending, purge } = require('../src/outbox');", '../src/outbox'],
        ["import { reset } from './support/reset';", './support/reset'],
      ],
    );
    assert.deepEqual(body.defined, ['LIMIT']);
  });

  it('finds a test by it(), and answers undefined for a title that is not there or a test with a done callback', () => {
    assert.deepEqual(readJsCleaner(ts, FILE, 'a.test.js', ['purge', 'other'])!.statements, [
      { source: 'purge();', fromAssert: false },
    ]);
    assert.equal(readJsCleaner(ts, FILE, 'a.test.js', ['purge', 'missing']), undefined);
    assert.equal(readJsCleaner(ts, FILE, 'a.test.js', ['empties the outbox']), undefined);
    const done = "test('x', (done) => {\n  purge();\n  done();\n});\n";
    assert.equal(readJsCleaner(ts, done, 'a.test.js', ['x']), undefined);
  });
});

describe('the imports the polluter file needs', () => {
  it("takes a relative path from the polluter's folder, and leaves a package's as it is", () => {
    const entry = { source: "const x = require('../src/outbox');", names: ['x'], specifier: '../src/outbox' };
    // tests/admin/../src is tests/src: from tests/, ./src.
    assert.equal(
      importFrom(entry, 'tests/admin/purge.test.js', 'tests/a.test.js'),
      "const x = require('./src/outbox');",
    );
    assert.equal(
      importFrom(entry, 'tests/purge.test.js', 'tests/deep/a.test.js'),
      "const x = require('../../src/outbox');",
    );
    assert.equal(importFrom(entry, 'tests/purge.test.js', 'tests/a.test.js'), "const x = require('../src/outbox');");
    const pkg = { source: "import fs from 'node:fs';", names: ['fs'], specifier: 'node:fs' };
    assert.equal(importFrom(pkg, 'tests/purge.test.js', 'other/a.test.js'), "import fs from 'node:fs';");
  });

  it('are written after the last top-level import or require, and the names a file binds are known', () => {
    const text = "'use strict';\n\nconst a = require('a');\nconst b = 1;\n\ntest('t', () => {});\n";
    assert.equal(
      withImports(ts, text, 'a.test.js', ["const c = require('c');"]),
      "'use strict';\n\nconst a = require('a');\nconst c = require('c');\nconst b = 1;\n\ntest('t', () => {});\n",
    );
    assert.equal(
      withImports(ts, "test('t', () => {});\n", 'a.test.js', ["import c from 'c';"]),
      "import c from 'c';\ntest('t', () => {});\n",
    );
    assert.equal(withImports(ts, text, 'a.test.js', []), text);
    assert.deepEqual([...topLevelNames(ts, text, 'a.test.js')], ['a', 'b']);
  });
});
