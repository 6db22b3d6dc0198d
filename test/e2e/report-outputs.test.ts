// find's report formats through the built CLI: several outputs from one run, the step summary, bad paths.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { FindReport } from '../../src/report/find-report.ts';
import { expected, polluter, samplePath } from '../support/cli.ts';

const sample = samplePath('pytest', 'cached-config');
const answer = expected(sample);

describe('find --format/--output', () => {
  it('writes JUnit and Markdown files, prints JSON, and appends Markdown to the step summary, in one run', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'polluter-outputs-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const [xmlFile, mdFile, summary] = [join(dir, 'r.xml'), join(dir, 'r.md'), join(dir, 'summary.md')];
    writeFileSync(summary, '# an earlier step\n');
    const args = [
      'find',
      answer.victim,
      '--project',
      sample,
      '--format',
      'junit',
      '--output',
      xmlFile,
      '--format',
      'markdown',
      '--output',
      mdFile,
      '--format',
      'json',
    ];
    const result = await polluter(args, undefined, { GITHUB_STEP_SUMMARY: summary });
    assert.equal(result.exitCode, 0, result.stderr);

    const report = JSON.parse(result.stdout) as FindReport;
    assert.equal(report.verdict, 'polluted');
    assert.deepEqual(report.polluters, answer.polluters);

    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const junit = parser.parse(readFileSync(xmlFile, 'utf8')) as {
      testsuites: {
        testsuite: Record<'name' | 'time' | 'tests' | 'failures' | 'skipped', string> & {
          testcase: { classname: string; name: string; failure: { message: string; '#text': string } };
        };
      };
    };
    const suite = junit.testsuites.testsuite;
    assert.equal(suite.name, 'polluter');
    assert.equal(Number(suite.time), report.seconds);
    assert.deepEqual([suite.tests, suite.failures, suite.skipped], ['1', '1', '0']);
    assert.equal(suite.testcase.classname, 'pytest');
    assert.equal(suite.testcase.name, answer.victim);
    assert.equal(suite.testcase.failure.message, `polluted by ${answer.polluters[0]}`);
    assert.ok(suite.testcase.failure['#text'].includes(report.reproduce), suite.testcase.failure['#text']);

    const markdown = readFileSync(mdFile, 'utf8');
    assert.match(markdown, /^## polluter find: polluted\n/);
    assert.ok(markdown.includes(`- **Victim:** \`${answer.victim}\``), markdown);
    assert.ok(markdown.includes(`- **Polluter:** \`${answer.polluters[0]}\``), markdown);
    assert.ok(markdown.includes(`\`\`\`sh\n${report.reproduce}\n\`\`\``), markdown);
    assert.ok(
      markdown.includes(`- **Trials:** ${report.trials} pytest processes in ${report.seconds.toFixed(1)} s`),
      markdown,
    );

    assert.equal(readFileSync(summary, 'utf8'), `# an earlier step\n${markdown}\n`);
    assert.deepEqual(readdirSync(dir).sort(), ['r.md', 'r.xml', 'summary.md'], 'no temp file left beside the reports');
  });

  const dir = mkdtempSync(join(tmpdir(), 'polluter-bad-outputs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'a-directory'));
  const refused: [string, string[], RegExp][] = [
    [
      'a missing directory',
      ['--format', 'junit', '--output', join(dir, 'missing', 'r.xml')],
      /--output .*r\.xml: no such directory/,
    ],
    ['a directory as the file', ['--format', 'json', '--output', join(dir, 'a-directory')], /is a directory/],
    ['an extension of no format', ['--output', join(dir, 'r.html')], /cannot tell the format from the extension/],
    ['two formats on stdout', ['--format', 'json', '--format', 'markdown'], /would all go to stdout/],
    ['an unknown format', ['--format', 'html'], /Invalid values/],
  ];
  for (const [what, extra, message] of refused) {
    it(`refuses ${what} with status 2 before any test runs`, async () => {
      const summary = join(dir, 'summary.md');
      const result = await polluter(['find', answer.victim, '--project', sample, ...extra], undefined, {
        GITHUB_STEP_SUMMARY: summary,
      });
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /collecting|trial/, 'nothing ran');
      assert.equal(result.stdout, '');
      assert.ok(!existsSync(summary), 'nothing written');
      assert.deepEqual(readdirSync(dir), ['a-directory']);
    });
  }
});
