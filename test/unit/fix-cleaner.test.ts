import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addCleanerFixture, minimiseStatements, nodeName, quoted, unusableBody } from '../../src/fix/cleaner.ts';
import { FileSet } from '../../src/fix/types.ts';
import type { CleanerBody } from '../../src/runners/pytest/cleaner-body.ts';

const body = (overrides: Partial<CleanerBody> = {}): CleanerBody => ({
  async: false,
  parameters: [],
  variadic: false,
  decorators: [],
  statements: [
    { source: 'outbox.enqueue("mail", "stale")', fromAssert: false },
    { source: 'outbox.pending()', fromAssert: true },
    { source: 'outbox.purge()', fromAssert: false },
  ],
  imports: ['from app import outbox'],
  defined: [],
  ...overrides,
});

describe('minimiseStatements', () => {
  it('drops every statement the proof does not need, one at a time, and counts the proofs', async () => {
    const asked: number[][] = [];
    const result = await minimiseStatements(
      4,
      async (kept) => {
        asked.push([...kept]);
        return kept.includes(2);
      },
      8,
    );
    assert.deepEqual(result, { kept: [2], tries: 4, exhausted: false });
    assert.deepEqual(asked, [[1, 2, 3], [2, 3], [3], [2]]);
  });

  it('keeps statements that are needed together', async () => {
    const result = await minimiseStatements(3, async (kept) => kept.includes(0) && kept.includes(2), 8);
    assert.deepEqual(result, { kept: [0, 2], tries: 3, exhausted: false });
  });

  it('stops when the budget of proofs runs out, and says so', async () => {
    const result = await minimiseStatements(5, async () => false, 2);
    assert.deepEqual(result, { kept: [0, 1, 2, 3, 4], tries: 2, exhausted: true });
  });

  it('never tries a fixture with no statement', async () => {
    const result = await minimiseStatements(1, async () => assert.fail('no proof for one statement'), 8);
    assert.deepEqual(result, { kept: [0], tries: 0, exhausted: false });
  });
});

describe('the cleaner fixture', () => {
  it('runs the kept statements, with the imports the cleaner needs, after the polluters of the module only', async () => {
    const files = new FileSet(async () => 'from app.signup import signup\n\n\ndef test_signup():\n    signup("a@b")\n');
    await addCleanerFixture(files, 'tests/test_a.py', {
      cleaner: 'tests/test_purge.py::test_purge',
      body: body({ parameters: ['tmp_path'] }),
      polluters: ['tests/test_a.py::test_signup'],
      kept: [2],
      sameModule: false,
    });
    const [edit] = files.edits();
    assert.equal(
      edit!.after,
      [
        'from app.signup import signup',
        'import pytest',
        '',
        '',
        'def test_signup():',
        '    signup("a@b")',
        '',
        '',
        '@pytest.fixture(autouse=True)',
        'def _clean_like_test_purge(request, tmp_path):',
        '    """After tests/test_a.py::test_signup: what the cleaner test tests/test_purge.py::test_purge does (its asserts left out)."""',
        '    yield',
        '    if request.node.name in ("test_signup",):',
        '        from app import outbox',
        '        outbox.purge()',
        '',
      ].join('\n'),
    );
  });

  it("in the cleaner's own module, leaves its imports out and indents multi-line statements", async () => {
    const files = new FileSet(async () => 'import pytest\n');
    await addCleanerFixture(files, 'tests/test_a.py', {
      cleaner: 'tests/test_a.py::test_reset[x]',
      body: body({ statements: [{ source: 'with lock:\n    cache.clear()', fromAssert: false }] }),
      polluters: ['tests/test_a.py::test_one', 'tests/test_a.py::test_two[1]'],
      kept: [0],
      sameModule: true,
    });
    const after = files.edits()[0]!.after;
    assert.match(after, /def _clean_like_test_reset_x\(request\):/);
    assert.match(
      after,
      / {4}if request\.node\.name in \("test_one", "test_two\[1\]"\):\n {8}with lock:\n {12}cache\.clear\(\)\n$/,
    );
    assert.doesNotMatch(after, /from app import outbox/);
  });

  it('quotes the kept statements for the explanation', () => {
    assert.equal(quoted(body(), [0, 2]), '`outbox.enqueue("mail", "stale")`; `outbox.purge()`');
    assert.equal(nodeName('tests/test_a.py::TestA::test_x[1]'), 'test_x[1]');
  });

  it('refuses bodies it cannot copy, saying why', () => {
    assert.equal(unusableBody(body(), false), undefined);
    assert.match(unusableBody(body({ async: true }), true)!, /async def/);
    assert.match(unusableBody(body({ decorators: ['pytest.mark.parametrize("x", [1])'] }), true)!, /parametrize/);
    assert.match(unusableBody(body({ defined: ['_helper'] }), false)!, /uses _helper, defined in its own module/);
    assert.equal(unusableBody(body({ defined: ['_helper'] }), true), undefined);
    assert.match(unusableBody(body({ statements: [] }), true)!, /no statement but its asserts/);
  });
});
