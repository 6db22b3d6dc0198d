// Bad input and `polluter list`, through the built CLI with the real pytest: one line on stderr, exit 2, nothing written.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expected, polluter, samplePath, snapshotTree } from '../support/cli.ts';

const sample = samplePath('pytest', 'cached-config');
const victim = expected(sample).victim;
const scratch = mkdtempSync(join(tmpdir(), 'polluter-input-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function rejected(args: string[]) {
  const before = snapshotTree(sample);
  const result = await polluter(args);
  assert.equal(result.exitCode, 2, result.stderr);
  assert.equal(result.stdout, '', 'nothing on stdout');
  assert.deepEqual(snapshotTree(sample), before);
  return result.stderr;
}

describe('bad input', () => {
  it('suggests the closest ids for an unknown test id', async () => {
    const stderr = await rejected(['find', 'tests/test_search.py::test_default_extensio', '--project', sample]);
    assert.match(
      stderr,
      /unknown test id 'tests\/test_search\.py::test_default_extensio'; closest: 'tests\/test_search\.py::test_default_extension'/,
    );
    assert.equal(
      stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('polluter: collecting')).length,
      1,
    );
  });

  it('refuses a missing order file', async () => {
    const stderr = await rejected(['find', victim, '--project', sample, '--order-file', join(scratch, 'nope.txt')]);
    assert.match(stderr, /^polluter: cannot read the order file .*nope\.txt: no such file$/m);
  });

  it('refuses an order file without the victim', async () => {
    const orderFile = join(scratch, 'order.txt');
    writeFileSync(orderFile, 'tests/test_config.py::test_defaults\n');
    const stderr = await rejected(['find', victim, '--project', sample, '--order-file', orderFile]);
    assert.match(stderr, /the victim 'tests\/test_search\.py::test_default_extension' is not in the order file/);
  });

  it('refuses an empty order file', async () => {
    const orderFile = join(scratch, 'empty.txt');
    writeFileSync(orderFile, '\n\n');
    assert.match(await rejected(['find', victim, '--project', sample, '--order-file', orderFile]), /has no test ids/);
  });

  it('names the interpreter that cannot import pytest', async () => {
    const venv = join(scratch, 'venv-without-pytest');
    await execa('python3', ['-m', 'venv', '--without-pip', venv]);
    const python = join(venv, 'bin', 'python');
    const stderr = await rejected(['find', victim, '--project', sample, '--python', python]);
    assert.match(
      stderr,
      new RegExp(`pytest is not importable by ${python} \\(ModuleNotFoundError: No module named 'pytest'\\)`),
    );
  });

  it("shows pytest's own message when the project does not collect", async () => {
    const project = join(scratch, 'broken');
    mkdirSync(join(project, 'tests'), { recursive: true });
    writeFileSync(join(project, 'pytest.ini'), '[pytest]\n');
    writeFileSync(join(project, 'tests', 'test_broken.py'), 'def test_x(:\n    pass\n');
    const result = await polluter(['find', 'tests/test_broken.py::test_x', '--project', project]);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /pytest could not collect the project's tests:/);
    assert.match(result.stderr, /SyntaxError/);
  });

  it('says how to choose a runner when the project shows none', async () => {
    const project = join(scratch, 'plain');
    mkdirSync(project, { recursive: true });
    const stderr = await rejected(['find', 'x', '--project', project]);
    assert.match(stderr, /cannot tell which test runner .* pass --runner pytest/);
  });

  it('names the two runners when a project is set up for both alike', async () => {
    const project = join(scratch, 'both');
    mkdirSync(join(project, 'tests'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ devDependencies: { jest: '^29' } }));
    writeFileSync(join(project, 'tests', 'conftest.py'), '');
    const stderr = await rejected(['find', 'x', '--project', project]);
    assert.match(
      stderr,
      /is set up for jest and pytest alike: say which to use with --runner jest or --runner pytest$/,
    );
  });

  it('rejects options out of range and unknown options', async () => {
    assert.match(
      await rejected(['find', victim, '--project', sample, '--repeat', '0']),
      /--repeat takes a whole number of at least 1, not 0/,
    );
    assert.match(
      await rejected(['find', victim, '--project', sample, '--timeout', '-3']),
      /--timeout takes a number of seconds above 0/,
    );
    assert.match(
      await rejected(['find', victim, '--project', join(scratch, 'missing')]),
      /--project .*missing: no such directory/,
    );
    assert.match(await rejected(['find', victim, '--bogus']), /Unknown argument: bogus/);
    assert.match(
      await rejected(['find']),
      /name the victim \(a test id as polluter list prints it\), or pass --failed with a CI artifact/,
    );
  });
});

describe('list', () => {
  it('prints the ids exactly as pytest --collect-only -q does, in run order', async () => {
    const project = samplePath('pytest', 'module-global');
    const result = await polluter(['list', '--project', project]);
    assert.equal(result.exitCode, 0, result.stderr);
    const pytest = await execa(
      'python3',
      ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:randomly', '-p', 'no:cacheprovider'],
      {
        cwd: project,
        env: { PYTHONDONTWRITEBYTECODE: '1' },
      },
    );
    const collected = pytest.stdout.split('\n').filter((line) => line.includes('::'));
    assert.ok(collected.length > 5);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), collected);
    assert.ok(
      collected.some((id) => id.includes('[\\xfcn\\xefcode, v2]')),
      'escaped unicode and spaces in parametrized ids',
    );
  });
});

/**
 * A read-only copy of a sample: a read-only bind mount as root (root writes through file modes), the write bits
 * taken away otherwise. Undone by the returned function.
 */
async function readOnlyCopy(name: string): Promise<{ dir: string; undo: () => Promise<void> }> {
  const dir = join(mkdtempSync(join(scratch, 'ro-')), name);
  cpSync(samplePath('pytest', name), dir, { recursive: true });
  if (process.getuid?.() === 0) {
    await execa('mount', ['--bind', dir, dir]);
    await execa('mount', ['-o', 'remount,bind,ro', dir]);
    return { dir, undo: async () => void (await execa('umount', [dir])) };
  }
  await execa('chmod', ['-R', 'a-w', dir]);
  return { dir, undo: async () => void (await execa('chmod', ['-R', 'u+w', dir])) };
}

describe('a read-only project directory', () => {
  it('is searched as usual, since polluter writes nothing into it; --output into it is refused before any trial', async () => {
    const { dir, undo } = await readOnlyCopy('module-global');
    try {
      assert.throws(() => writeFileSync(join(dir, 'probe'), ''), /EROFS|EACCES/, 'the copy really is read-only');
      const answer = expected(dir);
      const found = await polluter(['find', answer.victim, '--project', dir, '--format', 'json']);
      assert.equal(found.exitCode, 0, found.stderr);
      assert.deepEqual(JSON.parse(found.stdout).polluters, answer.polluters);

      const refused = await polluter([
        'find',
        answer.victim,
        '--project',
        dir,
        '--format',
        'json',
        '--output',
        join(dir, 'report.json'),
      ]);
      assert.equal(refused.exitCode, 2);
      assert.equal(
        refused.stderr.trim(),
        `polluter: --output ${join(dir, 'report.json')}: the directory ${dir} is not writable`,
      );
      assert.equal(refused.stdout, '');
    } finally {
      await undo();
    }
  });
});
