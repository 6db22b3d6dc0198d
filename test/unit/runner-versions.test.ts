// A runner too old to drive is refused in one line naming its version, before any process starts: jest 26 would
// otherwise "fail to load" every test file (it resolves no `node:` import in polluter's modules).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { createJestRunner } from '../../src/runners/jest/index.ts';
import { createVitestRunner } from '../../src/runners/vitest/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-versions-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose node_modules has this version of the runner's package.json (nothing of it is ever run). */
function projectWith(name: string, version: string): string {
  const dir = join(scratch, `${name}-${version}`);
  mkdirSync(join(dir, 'node_modules', name), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
  writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  return dir;
}

describe('runner versions', () => {
  it('refuses jest 26, naming its version and the ones polluter drives', () => {
    const projectDir = projectWith('jest', '26.6.3');
    assert.throws(
      () => createJestRunner({ projectDir, tempDir: scratch, jestArgs: [] }),
      (error: unknown) =>
        error instanceof UsageError &&
        error.message === 'jest 26.6.3 is too old: polluter drives jest 27 and later (29 and 30 are tested)',
    );
  });

  it('accepts jest 27', () => {
    const projectDir = projectWith('jest', '27.5.1');
    assert.equal(createJestRunner({ projectDir, tempDir: scratch, jestArgs: [] }).name, 'jest');
  });

  it('refuses vitest 2', () => {
    const projectDir = projectWith('vitest', '2.1.9');
    assert.throws(
      () => createVitestRunner({ projectDir, tempDir: scratch, vitestArgs: [] }),
      (error: unknown) =>
        error instanceof UsageError && error.message === 'vitest 2.1.9 is too old: polluter drives vitest 3 and later',
    );
  });
});
