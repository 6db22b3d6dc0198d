// `polluter comment` through the built CLI, against a local server that answers like GitHub's REST API.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { expected, polluter, samplePath, type CliResult } from '../support/cli.ts';
import { FakeGitHub, TOKEN, type Comment } from '../support/fake-github.ts';

const MARKER = '<!-- polluter-report -->';

const github = new FakeGitHub();
const dir = mkdtempSync(join(tmpdir(), 'polluter-comment-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const reportFile = join(dir, 'report.json');
const notAReport = join(dir, 'not-a-report.json');
writeFileSync(notAReport, JSON.stringify({ pull_request: { number: 7 } }));
const everything: CliResult[] = [];

/** The CLI with a clean GitHub Actions environment plus `env`; every result is kept to check for the token. */
async function comment(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const clean = {
    GITHUB_TOKEN: undefined,
    GITHUB_REPOSITORY: undefined,
    GITHUB_EVENT_PATH: undefined,
    GITHUB_API_URL: undefined,
    GITHUB_STEP_SUMMARY: undefined,
  };
  const report = args.includes('--report') ? [] : ['--report', reportFile];
  const result = await polluter(['comment', ...report, ...args], undefined, { ...clean, ...env });
  everything.push(result);
  return result;
}

const withToken = { GITHUB_TOKEN: TOKEN };
const target = ['--repo', 'acme/shop', '--pr', '7'];

describe('polluter comment', () => {
  before(async () => {
    // A real report: find on a sample, saved as JSON.
    const sample = samplePath('pytest', 'cached-config');
    const found = await polluter(
      ['find', expected(sample).victim, '--project', sample, '--format', 'json', '--output', reportFile],
      undefined,
      { GITHUB_STEP_SUMMARY: undefined },
    );
    assert.equal(found.exitCode, 0, found.stderr);
    await github.start();
  });
  after(() => github.stop());
  beforeEach(() => github.reset(130));

  it('posts the report once, then updates the same comment, finding it on the second page', async () => {
    const first = await comment([...target, '--api-url', github.url], withToken);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(first.stderr, /posted comment 1000 on acme\/shop#7/);
    assert.equal(github.comments.length, 131);
    const posted = github.comments.at(-1)!;
    assert.ok(posted.body.startsWith(`${MARKER}\n## polluter find: polluted\n`), posted.body);
    assert.ok(posted.body.includes('```sh\n'), posted.body);
    const post = github.seen.find((request) => request.method === 'POST')!;
    assert.equal(post.url, '/repos/acme/shop/issues/7/comments');
    assert.equal(post.headers['x-github-api-version'], '2022-11-28');

    github.seen = [];
    const second = await comment([...target, '--api-url', github.url], withToken);
    assert.equal(second.exitCode, 0, second.stderr);
    assert.match(second.stderr, /updated comment 1000 on acme\/shop#7/);
    assert.equal(github.comments.length, 131, 'no second comment');
    assert.deepEqual(
      github.seen.map((request) => `${request.method} ${request.url}`),
      [
        'GET /repos/acme/shop/issues/7/comments?per_page=100',
        'GET /repos/acme/shop/issues/7/comments?per_page=100&page=2',
        'PATCH /repos/acme/shop/issues/comments/1000',
      ],
    );
    assert.equal((github.seen[2]!.body as Comment).body, posted.body);
  });

  it('keeps one comment per --marker', async () => {
    assert.equal((await comment([...target, '--api-url', github.url], withToken)).exitCode, 0);
    const named = await comment([...target, '--api-url', github.url, '--marker', 'nightly'], withToken);
    assert.equal(named.exitCode, 0, named.stderr);
    assert.equal(github.comments.length, 132);
    assert.ok(github.comments.at(-1)!.body.startsWith('<!-- polluter-report:nightly -->\n'));
    assert.equal((await comment([...target, '--api-url', github.url, '--marker', 'nightly'], withToken)).exitCode, 0);
    assert.equal(github.comments.length, 132);
  });

  it('takes repository, pull request and API from the GitHub Actions environment', async () => {
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }));
    const result = await comment([], {
      ...withToken,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: github.url,
    });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stderr, /posted comment \d+ on acme\/shop#7/);
    writeFileSync(event, JSON.stringify({ action: 'created', issue: { number: 7, pull_request: {} } }));
    const again = await comment([], {
      ...withToken,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: github.url,
    });
    assert.match(again.stderr, /updated comment/);
  });

  const reset = String(Math.floor(Date.now() / 1000) + 1800);
  const failures: [string, { status: number; headers?: Record<string, string>; body: unknown }, RegExp][] = [
    [
      'a bad token (401)',
      { status: 401, body: { message: 'Bad credentials' } },
      /GitHub rejected the token \(401 Bad credentials\): check GITHUB_TOKEN/,
    ],
    [
      'an unknown repository (404)',
      { status: 404, body: { message: 'Not Found' } },
      /GitHub found no pull request #7 in acme\/shop \(404 on GET \/repos\/acme\/shop\/issues\/7\/comments\)/,
    ],
    [
      'a refused comment (422), with what GitHub said',
      { status: 422, body: { message: 'Validation Failed', errors: [{ message: 'body is too long' }] } },
      /GitHub refused the comment \(422 on GET .*\): Validation Failed; body is too long/,
    ],
    [
      'a used-up rate limit (403), with when it resets',
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: { message: 'API rate limit exceeded' },
      },
      new RegExp(
        `rate limit .* used up .*; it resets at ${new Date(Number(reset) * 1000).toISOString().replace(/[.]/g, '\\.')} \\(in (29|30) min\\)`,
      ),
    ],
    [
      'too many requests (429)',
      { status: 429, headers: { 'retry-after': '60' }, body: { message: 'You have exceeded a secondary rate limit' } },
      /secondary rate limit stopped GET .*; try again in 60 s/,
    ],
    [
      'a missing permission (403)',
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      /refused .*Resource not accessible by integration.*needs pull-requests: write/,
    ],
  ];
  for (const [what, answer, message] of failures) {
    it(`says what went wrong for ${what}, exit status 4`, async () => {
      github.failure = answer;
      const result = await comment([...target, '--api-url', github.url], withToken);
      assert.equal(result.exitCode, 4, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
      assert.equal(github.comments.length, 130, 'nothing posted');
    });
  }

  it('never shows the token, even when an answer repeats it', async () => {
    github.failure = { status: 500, body: { message: `upstream said: Bearer ${TOKEN}` } };
    const result = await comment([...target, '--api-url', github.url], withToken);
    assert.equal(result.exitCode, 4);
    assert.match(result.stderr, /GitHub answered 500 to GET .*: upstream said: Bearer \*\*\*/);
  });

  it('says so when GitHub cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await comment([...target, '--api-url', `http://127.0.0.1:${port}`], withToken);
    assert.equal(result.exitCode, 4, result.stderr);
    assert.match(result.stderr, /cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(GET .*\): ECONNREFUSED/);
  });

  const refused: [string, string[], Record<string, string | undefined>, RegExp][] = [
    ['no token', [...target], {}, /GITHUB_TOKEN is not set/],
    ['no repository', ['--pr', '7'], withToken, /which repository\? pass --repo owner\/name/],
    ['no pull request', ['--repo', 'acme/shop'], withToken, /which pull request\? pass --pr N/],
    ['a bad --repo', ['--repo', 'acme', '--pr', '7'], withToken, /--repo takes owner\/name, not acme/],
    [
      '--report twice',
      ['--report', reportFile, '--report', reportFile, ...target],
      withToken,
      /--report is given more than once/,
    ],
    ['a bad --marker', [...target, '--marker', 'x -->'], withToken, /--marker takes letters/],
    ['a report that is not one', ['--report', notAReport, ...target], withToken, /is not a polluter report/],
  ];
  for (const [what, args, env, message] of refused) {
    it(`refuses ${what} with status 2 and calls nothing`, async () => {
      const result = await comment([...args, '--api-url', github.url], env);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.deepEqual(github.seen, []);
    });
  }

  it('--dry-run prints the Markdown and what it would do, without a token or a call', async () => {
    const result = await comment([...target, '--api-url', github.url, '--dry-run']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(result.stdout.startsWith(`${MARKER}\n## polluter find: polluted`), result.stdout);
    assert.match(
      result.stderr,
      /dry run: would update the comment marked <!-- polluter-report --> on acme\/shop#7 through http:\/\/127\.0\.0\.1:\d+, or post one/,
    );
    assert.deepEqual(github.seen, []);
  });

  it('printed the token in none of its runs', () => {
    assert.ok(everything.length >= 15, `${everything.length} runs`);
    for (const result of everything) assert.ok(!`${result.stdout}\n${result.stderr}`.includes(TOKEN), result.stderr);
  });
});
