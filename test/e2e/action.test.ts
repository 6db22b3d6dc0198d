// The GitHub Action's steps, as action.yml writes them, on the ci-failures sample: GITHUB_* files in a temp dir and a
// local server in GitHub's place. First the pull_request job (find --failed, comment), then the workflow_run job of a
// fork's pull request (command: comment, from the uploaded report), which must update the same comment.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DetectReport } from '../../src/report/detect-report.ts';
import { runAction } from '../support/action.ts';
import { samplePath, snapshotTree } from '../support/cli.ts';
import { FakeGitHub, TOKEN } from '../support/fake-github.ts';

const sample = samplePath('pytest', 'ci-failures');
const answer = JSON.parse(readFileSync(join(sample, 'expected.json'), 'utf8')) as {
  victims: { victim: string; polluters: string[] }[];
};
const scratch = mkdtempSync(join(tmpdir(), 'polluter-action-'));
const github = new FakeGitHub();

/** The outputs a step wrote to $GITHUB_OUTPUT (`name<<delimiter` … `delimiter`). */
function outputsOf(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([\w-]+)<<(.+)$/.exec(lines[index]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, index + 1);
    outputs[match[1]!] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}

describe('the GitHub Action', () => {
  const reportDir = join(scratch, 'polluter-report');
  const pullRequestEvent = join(scratch, 'pull_request.json');
  writeFileSync(pullRequestEvent, JSON.stringify({ pull_request: { number: 7, head: { sha: 'c0ffee' } } }));
  let result: Awaited<ReturnType<typeof runAction>>;
  const githubEnv = () => ({
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: github.url,
    GITHUB_OUTPUT: join(scratch, 'output'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary.md'),
    QUOTA_SERVICE_STATE: join(scratch, 'quota'),
  });

  before(async () => {
    await github.start();
    github.reset(3);
    const untouched = snapshotTree(sample);
    result = await runAction(
      { artifact: 'ci-run/junit.xml', 'output-dir': reportDir, 'github-token': TOKEN, args: '--jobs 2' },
      { ...githubEnv(), GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent },
      sample,
    );
    assert.deepEqual(snapshotTree(sample), untouched, 'the project tree is as before the run');
  });
  after(async () => {
    await github.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs find --failed on the artifact and writes the reports, the outputs and the job summary', () => {
    assert.equal(result.exitCode, 1, `failures in the run: the step fails\n${result.stderr}`);
    assert.match(result.stderr, /polluter find --failed --from-junit ci-run\/junit\.xml --project \. /);
    const outputs = outputsOf(join(scratch, 'output'));
    assert.deepEqual(outputs, {
      verdict: 'polluted',
      victims: '2',
      failures: '4',
      'report-json': join(reportDir, 'polluter.json'),
      'report-markdown': join(reportDir, 'polluter.md'),
      'report-junit': join(reportDir, 'polluter.xml'),
      'exit-code': '1',
    });
    const report = JSON.parse(readFileSync(outputs['report-json']!, 'utf8')) as DetectReport;
    assert.deepEqual(
      report.victims.map((victim) => victim.polluters),
      answer.victims.map((victim) => victim.polluters),
    );
    assert.match(readFileSync(outputs['report-junit']!, 'utf8'), /<testsuite name="polluter"/);
    const summary = readFileSync(join(scratch, 'summary.md'), 'utf8');
    assert.equal(summary.match(/^## polluter find --failed$/gm)?.length, 1, 'the summary has the report once');
    assert.deepEqual(JSON.parse(readFileSync(join(reportDir, 'pull-request.json'), 'utf8')), {
      number: 7,
      headSha: 'c0ffee',
    });
  });

  it('annotates each victim on its test file, the id with a space and a quote escaped for the workflow command', () => {
    const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::error '));
    assert.equal(annotations.length, 2, result.stdout);
    assert.ok(
      annotations[0]!.startsWith(
        '::error file=tests/test_exports.py,title=polluter%3A polluted::tests/test_exports.py::test_export_rows_as_csv fails after ',
      ),
    );
    assert.ok(
      annotations[1]!.startsWith(
        "::error file=tests/test_settings.py,title=polluter%3A polluted::tests/test_settings.py::test_default_region_is_eu[new customer's [eu] cart] fails after",
      ),
    );
    assert.ok(annotations.every((line) => line.includes('%0AReproduce: python3 -m pytest')));
  });

  it('posts one comment with the hidden marker, and the workflow_run job of a fork updates that same comment', async () => {
    assert.equal(github.comments.length, 4, "three comments of reviewers, and polluter's");
    const ours = github.comments.at(-1)!;
    assert.ok(ours.body.startsWith('<!-- polluter-report -->\n## polluter find --failed\n'), ours.body);
    assert.ok(ours.body.includes("`tests/test_settings.py::test_default_region_is_eu[new customer's [eu] cart]`"));

    // The base repository's job: the report and pull-request.json come from the fork's uploaded artifact.
    const workflowRun = join(scratch, 'workflow_run.json');
    writeFileSync(workflowRun, JSON.stringify({ workflow_run: { head_sha: 'c0ffee', pull_requests: [] } }));
    const commented = await runAction(
      { command: 'comment', 'output-dir': reportDir, 'github-token': TOKEN, 'comment-mode': 'always' },
      { ...githubEnv(), GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: workflowRun },
      scratch,
    );
    assert.equal(commented.exitCode, 0, commented.stderr);
    assert.match(commented.stderr, /updated comment 1000 on acme\/shop#7/);
    assert.equal(github.comments.length, 4, 'no second comment');
    assert.ok(
      !`${result.stdout}${result.stderr}${commented.stdout}${commented.stderr}`.includes(TOKEN),
      'the token is never printed',
    );

    // An artifact of another commit does not name this run's pull request.
    writeFileSync(workflowRun, JSON.stringify({ workflow_run: { head_sha: 'beef', pull_requests: [] } }));
    const other = await runAction(
      { command: 'comment', 'output-dir': reportDir, 'github-token': TOKEN, 'comment-mode': 'always' },
      { ...githubEnv(), GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: workflowRun },
      scratch,
    );
    assert.equal(other.exitCode, 2);
    assert.match(other.stderr, /expected the pull request of commit beef/);
  });

  it('refuses bad inputs in one line, expected and got', async () => {
    const bad = await runAction(
      { artifact: 'ci-run/junit.xml', 'comment-mode': 'sometimes' },
      { GITHUB_OUTPUT: join(scratch, 'bad-output') },
      sample,
    );
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /^polluter action: input comment-mode: expected always, failures, off; got sometimes$/m);
    assert.match(bad.stdout, /^::error title=polluter action::input comment-mode/m);
    const none = await runAction({}, { GITHUB_OUTPUT: join(scratch, 'bad-output') }, sample);
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /input artifact: expected the CI artifact/);
  });
});
