// `polluter detect --fix` through the built CLI, with the real pytest and jest: two victims of one polluter get one fix,
// proven on both, and the project is never written.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DetectReport } from '../../src/report/detect-report.ts';
import { runAction } from '../support/action.ts';
import { polluter, ROOT, samplePath, snapshotTree } from '../support/cli.ts';
import { FakeGitHub, TOKEN } from '../support/fake-github.ts';
import { pytestAlone, PYTEST_ENV } from '../support/pytest-alone.ts';
import { victimsAsAnswer } from '../support/reports.ts';

const sample = samplePath('pytest', 'shared-polluter');
const answer = JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as {
  victims: {
    victim: string;
    verdict: string;
    polluters: string[];
    leaks: { kind: string; name: string; by: string }[];
  }[];
};

describe('polluter detect --fix', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'polluter-detect-fix-test-'));
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('shared-polluter: one fix for the two victims of one polluter, proven on each, the project untouched; git apply of its diff makes pytest pass every test', async () => {
    const tree = snapshotTree(sample);
    const markdownFile = join(temp, 'detect.md');
    const result = await polluter(
      ['detect', '--fix', '--project', sample, '--format', 'markdown', '--output', markdownFile, '--format', 'json'],
      ROOT,
      { TMPDIR: temp },
    );
    assert.deepEqual(snapshotTree(sample), tree, 'the project tree is as before the run');
    assert.deepEqual(
      readdirSync(temp).filter((entry) => entry.startsWith('polluter-')),
      [],
      'the scratch copy is removed',
    );
    assert.equal(result.exitCode, 1, `victims found: exit 1 as detect without --fix; stderr:\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as DetectReport;
    assert.deepEqual(victimsAsAnswer(report), answer.victims);
    const victims = answer.victims.map((victim) => victim.victim);
    const polluters = answer.victims[0]!.polluters;

    // One entry for the one polluter, one fix for both victims.
    assert.equal(report.fixes?.length, 1, JSON.stringify(report.fixes));
    const [entry] = report.fixes!;
    assert.deepEqual(entry!.polluters, polluters);
    assert.deepEqual(entry!.victims, victims);
    const fix = entry!.fix!;
    assert.ok(fix, `no fix: ${JSON.stringify(entry!.fixTried)} ${entry!.fixNotes.join('; ')}`);
    assert.deepEqual(fix.repairs, victims);
    assert.equal(fix.verified, true);
    assert.equal(fix.kind, 'global');
    assert.deepEqual(fix.files, ['tests/conftest.py']);
    assert.match(fix.diff, /^diff --git a\/tests\/conftest\.py b\/tests\/conftest\.py\nnew file mode 100644\n/);
    // The proof ran on each victim: its own runs after the polluter, alone and in its failing order; the suite once.
    for (const victim of victims) {
      const mine = fix.checks.filter((check) => check.victim === victim).map((check) => check.name);
      assert.deepEqual(
        mine.filter((name) => name === 'after the polluters').length,
        2,
        `${victim}: ${mine.join(', ')}`,
      );
      assert.ok(
        mine.includes('victim alone') && mine.includes('polluters alone') && mine.includes('failing order'),
        `${victim}: ${mine.join(', ')}`,
      );
    }
    assert.equal(fix.checks.filter((check) => check.name === 'whole suite').length, 1);
    assert.ok(fix.checks.every((check) => check.passed));
    assert.ok(fix.trials >= 12, `${fix.trials} proof runs`);
    assert.ok(report.trials > fix.trials, "the proofs count among the report's processes");

    // The pull-request comment (the Action's too) shows the diff.
    writeFileSync(join(temp, 'detect.json'), result.stdout);
    const comment = await polluter(['comment', '--report', join(temp, 'detect.json'), '--dry-run'], ROOT, {
      GITHUB_TOKEN: '',
    });
    assert.equal(comment.exitCode, 0, comment.stderr);
    assert.ok(comment.stdout.includes(`\`\`\`diff\n${fix.diff}\`\`\``), comment.stdout);

    // The Markdown report shows the diff once, and says how many victims it repairs.
    const markdown = readFileSync(markdownFile, 'utf8');
    assert.equal(markdown.match(/```diff\n/g)?.length, 1);
    assert.ok(markdown.includes(`\`\`\`diff\n${fix.diff}\`\`\``));
    assert.match(
      markdown,
      /\*\*: repairs 2 victims of `tests\/test_admin\.py::test_admin_can_turn_on_express_checkout`/,
    );

    // A fresh copy: the suite fails two tests without the patch; with it, pytest alone passes every test, as many.
    const copy = (name: string) => {
      const dir = join(temp, name);
      cpSync(sample, dir, { recursive: true, filter: (source) => !/__pycache__|\.pytest_cache/.test(source) });
      return dir;
    };
    const unpatched = await pytestAlone(copy('unpatched'));
    assert.deepEqual([unpatched.exitCode, unpatched.failed], [1, 2], unpatched.output);
    const patched = copy('patched');
    writeFileSync(join(temp, 'fix.diff'), fix.diff);
    const applied = await execa('git', ['apply', join(temp, 'fix.diff')], { cwd: patched, reject: false });
    assert.equal(applied.exitCode, 0, applied.stderr);
    const suite = await pytestAlone(patched);
    assert.equal(suite.exitCode, 0, suite.output);
    assert.equal(suite.failed, 0);
    assert.equal(suite.passed, unpatched.passed + unpatched.failed, 'the same number of tests as before');
  });

  it('find --failed --fix: the failures of a JUnit report get the same one fix for both victims', async () => {
    // CI's run: pytest on a copy of the sample writes the JUnit report.
    const ci = join(temp, 'ci-run');
    cpSync(sample, ci, { recursive: true, filter: (source) => !/__pycache__|\.pytest_cache/.test(source) });
    const junit = join(temp, 'junit.xml');
    const run = await execa(
      'python3',
      ['-m', 'pytest', '-p', 'no:randomly', '-p', 'no:cacheprovider', '-q', `--junitxml=${junit}`],
      { cwd: ci, reject: false, env: PYTEST_ENV },
    );
    assert.equal(run.exitCode, 1, run.stdout);
    const tree = snapshotTree(sample);
    const result = await polluter(
      ['find', '--failed', '--from-junit', junit, '--fix', '--project', sample, '--format', 'json'],
      ROOT,
      { TMPDIR: temp },
    );
    assert.deepEqual(snapshotTree(sample), tree, 'the project tree is as before the run');
    assert.equal(result.exitCode, 1, result.stderr);
    const report = JSON.parse(result.stdout) as DetectReport;
    const victims = answer.victims.map((victim) => victim.victim);
    assert.deepEqual(
      report.victims.map((victim) => [victim.victim, victim.verdict]),
      victims.map((victim) => [victim, 'polluted']),
    );
    assert.equal(report.fixes?.length, 1, JSON.stringify(report.fixes));
    const fix = report.fixes![0]!.fix!;
    assert.ok(fix, JSON.stringify(report.fixes));
    assert.deepEqual(fix.repairs, victims);
    assert.ok(fix.verified && fix.checks.every((check) => check.passed));
    assert.deepEqual(fix.files, ['tests/conftest.py']);
  });

  it('the Action with fix: true: detect --fix, the diff in the job summary and in the pull-request comment', async () => {
    const github = new FakeGitHub();
    await github.start();
    try {
      github.reset(0);
      const event = join(temp, 'pull_request.json');
      writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'c0ffee' } } }));
      const summary = join(temp, 'summary.md');
      const tree = snapshotTree(sample);
      const result = await runAction(
        { command: 'detect', fix: 'true', 'output-dir': join(temp, 'action-report'), 'github-token': TOKEN },
        {
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_API_URL: github.url,
          GITHUB_OUTPUT: join(temp, 'output'),
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          TMPDIR: temp,
        },
        sample,
      );
      assert.deepEqual(snapshotTree(sample), tree, 'the checkout is as before the run');
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(result.stderr, /polluter detect --project \. --fix --format json /);
      const report = JSON.parse(readFileSync(join(temp, 'action-report', 'polluter.json'), 'utf8')) as DetectReport;
      const diff = report.fixes![0]!.fix!.diff;
      assert.ok(readFileSync(summary, 'utf8').includes(`### Fixes`));
      assert.ok(readFileSync(summary, 'utf8').includes(`\`\`\`diff\n${diff}\`\`\``));
      assert.equal(github.comments.length, 1);
      assert.ok(github.comments[0]!.body.includes(`\`\`\`diff\n${diff}\`\`\``), github.comments[0]!.body);
      assert.match(github.comments[0]!.body, /\*\*: repairs 2 victims of /);
    } finally {
      await github.stop();
    }
  });

  it('jest/shared-spy: one restoreMocks fix for the two victims of one spy, proven on each; git apply of its diff makes jest alone pass every test', async () => {
    const jestSample = samplePath('jest', 'shared-spy');
    const jestAnswer = JSON.parse(readFileSync(join(jestSample, 'expected.json'), 'utf8')) as typeof answer;
    const tree = snapshotTree(jestSample);
    const result = await polluter(['detect', '--fix', '--project', jestSample, '--format', 'json'], ROOT, {
      TMPDIR: temp,
    });
    assert.deepEqual(snapshotTree(jestSample), tree, 'the project tree is as before the run');
    assert.equal(result.exitCode, 1, result.stderr);
    const report = JSON.parse(result.stdout) as DetectReport;
    assert.deepEqual(victimsAsAnswer(report), jestAnswer.victims);
    const victims = jestAnswer.victims.map((victim) => victim.victim);
    assert.equal(report.fixes?.length, 1, JSON.stringify(report.fixes));
    const fix = report.fixes![0]!.fix!;
    assert.ok(fix, JSON.stringify(report.fixes));
    assert.deepEqual(fix.repairs, victims);
    assert.deepEqual([fix.kind, fix.scope, fix.files], ['spy', 'project-wide', ['jest.config.js']]);
    assert.match(fix.diff, /\n\+ {2}restoreMocks: true,\n/);
    for (const victim of victims)
      assert.ok(
        fix.checks.some((check) => check.victim === victim && check.name === 'after the polluters' && check.passed),
        victim,
      );

    // Fresh copies beside a link to the samples' shared node_modules: jest alone fails two tests, then passes all.
    const parent = join(temp, 'jest');
    mkdirSync(parent);
    symlinkSync(join(jestSample, '..', 'node_modules'), join(parent, 'node_modules'), 'dir');
    const jestAlone = async (dir: string) => {
      const out = join(parent, 'result.json');
      const run = await execa(join(parent, 'node_modules', '.bin', 'jest'), ['--ci', '--json', `--outputFile=${out}`], {
        cwd: dir,
        reject: false,
      });
      const counts = JSON.parse(readFileSync(out, 'utf8')) as {
        numTotalTests: number;
        numPassedTests: number;
        numFailedTests: number;
      };
      return { exitCode: run.exitCode, ...counts, output: run.stderr };
    };
    const copyInto = (name: string) => {
      const dir = join(parent, name);
      cpSync(jestSample, dir, { recursive: true });
      return dir;
    };
    const unpatched = await jestAlone(copyInto('unpatched'));
    assert.equal(unpatched.numFailedTests, 2, unpatched.output);
    const patched = copyInto('patched');
    writeFileSync(join(temp, 'jest.diff'), fix.diff);
    const applied = await execa('git', ['apply', join(temp, 'jest.diff')], { cwd: patched, reject: false });
    assert.equal(applied.exitCode, 0, applied.stderr);
    const suite = await jestAlone(patched);
    assert.equal(suite.exitCode, 0, suite.output);
    assert.equal(suite.numFailedTests, 0);
    assert.equal(suite.numPassedTests, unpatched.numTotalTests, 'the same number of tests as before, all passing');
  });

  it('bad input: --fix without --failed on find, and --apply on detect, are exit 2 with one line', async () => {
    const find = await polluter(['find', answer.victims[0]!.victim, '--fix', '--project', sample]);
    assert.equal(find.exitCode, 2);
    assert.equal(
      find.stderr.trim(),
      'polluter: --fix goes with --failed (every victim of a CI artifact); for one victim, run polluter fix VICTIM',
    );
    const apply = await polluter(['detect', '--fix', '--apply', '--project', sample]);
    assert.equal(apply.exitCode, 2);
    assert.equal(apply.stderr.trim(), 'polluter: Unknown argument: apply (see polluter --help)');
  });
});
