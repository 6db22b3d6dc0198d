// `polluter find --failed` on the JUnit report of a CI run: two victims (one id with a space, a quote and brackets),
// a plain failure and a flaky test; then the report through merge, comment and the renderers.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DetectReport } from '../../src/report/detect-report.ts';
import { polluter, samplePath, snapshotTree, type CliResult } from '../support/cli.ts';

const sample = samplePath('pytest', 'ci-failures');
const junit = join(sample, 'ci-run', 'junit.xml');
const answer = JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as {
  victims: { victim: string; verdict: string; polluters: string[] }[];
  failures: { id: string; kind: string }[];
};
const spaced = answer.victims.find((victim) => victim.victim.includes(' '))!.victim;

describe('polluter find --failed', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'polluter-find-failed-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  let result: CliResult;
  let report: DetectReport;

  before(async () => {
    const untouched = snapshotTree(sample);
    // A fresh quota service: the flaky test's runs alone fail, pass, fail.
    result = await polluter(
      [
        'find',
        '--failed',
        '--from-junit',
        junit,
        '--project',
        sample,
        '--format',
        'markdown',
        '--output',
        join(scratch, 'report.md'),
        '--format',
        'json',
      ],
      undefined,
      { QUOTA_SERVICE_STATE: join(scratch, 'quota') },
    );
    assert.deepEqual(snapshotTree(sample), untouched, 'the project tree is as before the run');
    report = JSON.parse(result.stdout) as DetectReport;
  });

  it('reports exactly the two victims with their polluters, the plain failure and the flaky test', () => {
    assert.equal(result.exitCode, 1, `failures in the run: exit 1, like detect\n${result.stderr}`);
    assert.equal(report.kind, 'detect');
    assert.deepEqual(
      report.victims.map(({ victim, verdict, polluters }) => ({ victim, verdict, polluters })),
      answer.victims,
    );
    assert.deepEqual(
      report.failures.map(({ id, kind }) => ({ id, kind })),
      answer.failures,
    );
    assert.deepEqual(
      [...report.rounds[0]!.failed].sort(),
      [...answer.victims.map((victim) => victim.victim), ...answer.failures.map((failure) => failure.id)].sort(),
    );
    assert.equal(report.rounds[0]!.artifact, 'junit.xml');
    assert.equal(report.victims[0]!.order, 'order of junit.xml');
    assert.deepEqual(report.warnings, []);
  });

  it('prints a reproduce command for the id with a space, a quote and brackets that fails when pasted into a shell', async () => {
    const victim = report.victims.find((entry) => entry.victim === spaced)!;
    const pasted = await execa('sh', ['-c', victim.reproduce], {
      cwd: sample,
      reject: false,
      env: { PYTHONDONTWRITEBYTECODE: '1', PYTEST_ADDOPTS: '-p no:cacheprovider' },
    });
    assert.equal(pasted.exitCode, 1, pasted.stdout);
    assert.match(pasted.stdout, /1 failed, 1 passed/);
  });

  it('writes Markdown that names every failure, and its JSON goes through merge and comment as detect reports do', async () => {
    const markdown = readFileSync(join(scratch, 'report.md'), 'utf8');
    assert.match(markdown, /^## polluter find --failed/);
    for (const id of [
      ...answer.victims.map((victim) => victim.victim),
      ...answer.failures.map((failure) => failure.id),
    ]) {
      assert.ok(markdown.includes(`| \`${id}\` |`), `${id} in a table of the Markdown`);
    }
    const json = join(scratch, 'report.json');
    writeFileSync(json, result.stdout);
    const merged = await polluter(['merge', json, '--format', 'json']);
    assert.equal(merged.exitCode, 1, merged.stderr);
    assert.deepEqual(
      (JSON.parse(merged.stdout) as DetectReport).victims.map((victim) => victim.polluters),
      answer.victims.map((victim) => victim.polluters),
    );
    const comment = await polluter(['comment', '--report', json, '--dry-run', '--repo', 'acme/shop', '--pr', '7']);
    assert.equal(comment.exitCode, 0, comment.stderr);
    assert.match(comment.stdout, /polluter find --failed/);
  });

  it('rejects a victim beside --failed, --failed without an artifact, and --shard without --failed', async () => {
    const both = await polluter(['find', spaced, '--failed', '--from-junit', junit, '--project', sample]);
    assert.equal(both.exitCode, 2);
    assert.match(both.stderr, /pass one or the other/);
    const none = await polluter(['find', '--failed', '--project', sample]);
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /--failed needs the CI artifact/);
    const stray = await polluter(['find', spaced, '--shard', '1/2', '--project', sample]);
    assert.equal(stray.exitCode, 2);
    assert.match(stray.stderr, /--shard goes with --failed/);
  });
});
