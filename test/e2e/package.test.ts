// polluter installed as users install a dev tool: the packed tarball, and the git repository, in a fresh project.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FindReport } from '../../src/report/find-report.ts';
import { expected, ROOT, samplePath } from '../support/cli.ts';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const npmQuiet = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** A project with nothing but a package.json, as `npm init` leaves it. */
function freshProject(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  return dir;
}

describe('the package', () => {
  let temp: string;
  let tarball: string;
  let files: string[];

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'polluter-package-'));
    const packed = await execa('npm', ['pack', '--json', '--pack-destination', temp, '--loglevel=error'], {
      cwd: ROOT,
    });
    const [entry] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(temp, entry!.filename);
    files = entry!.files.map((file) => file.path);
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('carries the LICENSE, the built CLI, the runner helpers and the Action, and no sources, tests or samples', () => {
    for (const needed of [
      'LICENSE',
      'README.md',
      'package.json',
      'action.yml',
      'bin/polluter.js',
      'dist/cli.js',
      'dist/runners/pytest/polluter_plugin.py',
    ]) {
      assert.ok(
        files.includes(needed),
        `${needed} is in the tarball: ${files.filter((file) => !file.startsWith('dist/')).join(', ')}`,
      );
    }
    const extra = files.filter(
      (file) => /^(src|test|samples|bench|scripts)\//.test(file) || file.endsWith('.map') || file.endsWith('.ts'),
    );
    assert.deepEqual(extra, []);
    assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
  });

  it('installs from the tarball with npm i -D: npx polluter --version, and find on a copied sample', async () => {
    const project = freshProject(temp, 'from-tarball');
    await execa('npm', ['install', '--save-dev', ...npmQuiet, tarball], { cwd: project });
    const shown = await execa('npx', ['--no-install', 'polluter', '--version'], { cwd: project, reject: false });
    assert.equal(shown.stdout.trim(), version, shown.stderr);

    const sample = join(project, 'sample');
    cpSync(samplePath('pytest', 'cached-config'), sample, { recursive: true });
    const answer = expected(samplePath('pytest', 'cached-config'));
    const found = await execa(
      'npx',
      ['--no-install', 'polluter', 'find', answer.victim, '--project', 'sample', '--format', 'json'],
      {
        cwd: project,
        reject: false,
        env: { NO_COLOR: '1' },
      },
    );
    assert.equal(found.exitCode, 0, found.stderr);
    const report = JSON.parse(found.stdout) as FindReport;
    assert.equal(report.verdict, 'polluted');
    assert.deepEqual(report.polluters, answer.polluters);

    // The demo's project is bundled in the package.
    const demo = await execa('npx', ['--no-install', 'polluter', 'demo'], {
      cwd: project,
      reject: false,
      env: { NO_COLOR: '1' },
    });
    assert.equal(demo.exitCode, 0, demo.stderr);
    assert.match(demo.stdout, /^Polluter +tests\/test_link_utils\.py::test_ann_vchord$/m);
  });

  it("runs the README's demo command in a clean clone: npm ci && npm run demo", async (t) => {
    const head = await execa('git', ['rev-parse', 'HEAD'], { cwd: ROOT, reject: false });
    if (head.exitCode !== 0) return t.skip('not a git checkout');
    const clone = join(temp, 'clone');
    await execa('git', ['clone', '--quiet', ROOT, clone]);
    await execa('git', ['checkout', '--quiet', head.stdout.trim()], { cwd: clone });
    // As typed in the README; npm ci's prepare builds dist/ (it is not in git).
    const typed = await execa(
      'sh',
      ['-c', 'npm ci --no-audit --no-fund --prefer-offline --loglevel=error && npm run demo'],
      { cwd: clone, reject: false, env: { NO_COLOR: '1' } },
    );
    assert.equal(typed.exitCode, 0, typed.stderr);
    assert.match(typed.stdout, /^Polluter +tests\/test_link_utils\.py::test_ann_vchord$/m);
  });

  it('installs from the git repository with npm i -D git+file://…: prepare builds dist/', async (t) => {
    const head = await execa('git', ['rev-parse', 'HEAD'], { cwd: ROOT, reject: false });
    if (head.exitCode !== 0) return t.skip('not a git checkout');
    const project = freshProject(temp, 'from-git');
    // The committed HEAD: dist/ is not in git, so only the prepare script can have built it.
    await execa('npm', ['install', '--save-dev', ...npmQuiet, `git+file://${ROOT}#${head.stdout.trim()}`], {
      cwd: project,
    });
    const shown = await execa('npx', ['--no-install', 'polluter', '--version'], { cwd: project, reject: false });
    assert.equal(shown.stdout.trim(), version, shown.stderr);
  });
});
