import { stripVTControlCharacters } from 'node:util';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { renderJunit } from '../../src/report/junit.ts';
import { codeBlock, codeCell, codeSpan, htmlText, oneLine, plainText } from '../../src/report/markdown-escape.ts';
import { culpritGroups } from '../../src/report/detect-report.ts';
import { renderDetectText } from '../../src/report/detect-text.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { brittle, detectReport, findReport, flaky, notReproduced } from '../support/reports.ts';

/**
 * CommonMark 0.31 §6.1, for text that must be one code span and nothing else: the opening backtick run, the first
 * later run of exactly its length closes it, line endings become spaces, and one space is stripped from each end
 * when both ends have one and not everything is a space. Undefined when the text is not exactly one span.
 */
function parseCodeSpan(markdown: string): string | undefined {
  const open = /^`+/.exec(markdown)?.[0];
  if (open === undefined) return undefined;
  const runs = /`+/g;
  runs.lastIndex = open.length;
  for (let run = runs.exec(markdown); run !== null; run = runs.exec(markdown)) {
    if (run[0].length !== open.length) continue;
    if (run.index + run[0].length !== markdown.length) return undefined; // text after the span would be live
    let content = markdown.slice(open.length, run.index).replace(/\r\n|\r|\n/g, ' ');
    if (content.startsWith(' ') && content.endsWith(' ') && !/^ +$/.test(content)) content = content.slice(1, -1);
    return content;
  }
  return undefined;
}

/** Each ASCII punctuation character comes right after a backslash that escapes it (CommonMark §2.4). */
function everyPunctuationEscaped(text: string): boolean {
  const punctuation = /^[!-/:-@[-`{-~]$/;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\') {
      if (!punctuation.test(text[index + 1] ?? '')) return false;
      index++;
    } else if (punctuation.test(text[index]!)) return false;
  }
  return true;
}

/** A line with its code spans taken out: a backtick run opens one that the next run of the same length closes. */
function withoutCodeSpans(line: string): string {
  let rest = '';
  let index = 0;
  while (index < line.length) {
    const open = /`+/g;
    open.lastIndex = index;
    const run = open.exec(line);
    if (run === null) return rest + line.slice(index);
    rest += line.slice(index, run.index);
    const close = /`+/g;
    close.lastIndex = run.index + run[0].length;
    let end = -1;
    for (let next = close.exec(line); next !== null; next = close.exec(line)) {
      if (next[0].length === run[0].length) {
        end = next.index + next[0].length;
        break;
      }
    }
    if (end === -1) {
      rest += run[0];
      index = run.index + run[0].length;
    } else index = end;
  }
  return rest;
}

/** Strings made of what breaks Markdown most often, mixed with any unicode. */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '`',
      ' ',
      '\n',
      '\r',
      '|',
      '<',
      '>',
      '@',
      '\\',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '&',
      '#',
      '~',
      'a',
      '!',
    ),
    minLength: 1,
  }),
  fc.string({ unit: 'grapheme', minLength: 1 }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '@org/team',
    '[x](https://evil.example)',
    '``',
    ' ` ',
    '   ',
    'a | b',
    '\n\n# title',
    '</details>',
  ),
);

describe('markdown escaping', () => {
  it('renders any string as one code span that shows exactly the string (line breaks as ⏎)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const span = codeSpan(text);
        assert.equal(parseCodeSpan(span), oneLine(text), span);
        assert.doesNotMatch(span, /[\r\n]/);
      }),
      { numRuns: 3000 },
    );
  });

  it('knows what a code span is (the checker itself)', () => {
    assert.equal(parseCodeSpan('`a`'), 'a');
    assert.equal(parseCodeSpan('`` ` ``'), '`');
    assert.equal(parseCodeSpan('` a `'), 'a');
    assert.equal(parseCodeSpan('`  `'), '  ');
    assert.equal(parseCodeSpan('`a` <img>'), undefined, 'markup after the span');
    assert.equal(parseCodeSpan('`a``'), undefined, 'unclosed');
    assert.equal(parseCodeSpan('``a`b``'), 'a`b');
  });

  it('keeps table cells whole: no pipe, no line break, still one span', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const cell = codeCell(text);
        assert.doesNotMatch(cell, /[|\r\n]/);
        assert.equal(parseCodeSpan(cell), oneLine(text).replaceAll('|', '¦'));
      }),
      { numRuns: 1000 },
    );
  });

  it('fences a block so that no line inside can close it', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const block = codeBlock(text, 'sh').split('\n');
        const fence = block[0]!.replace(/sh$/, '');
        assert.match(fence, /^`{3,}$/);
        assert.equal(block.at(-1), fence);
        const inside = block.slice(1, -1);
        assert.deepEqual(inside.join('\n'), text.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
        // CommonMark §4.5: a closing fence is a backtick run at least as long as the opening one (up to 3 spaces in).
        for (const line of inside) assert.ok(!((/^ {0,3}(`+)\s*$/.exec(line)?.[1]?.length ?? 0) >= fence.length), line);
      }),
      { numRuns: 1000 },
    );
  });

  it('escapes HTML text so that no tag or entity is live', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const html = htmlText(text);
        assert.doesNotMatch(html, /[<>"'\r\n]|&(?!amp;|lt;|gt;|quot;|#39;)/);
        const decoded = html.replace(
          /&(amp|lt|gt|quot|#39);/g,
          (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
        );
        assert.equal(decoded, oneLine(text));
      }),
    );
  });

  it('escapes every ASCII punctuation character of prose and breaks mentions', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const prose = plainText(text);
        assert.doesNotMatch(prose, /[\r\n]/);
        assert.ok(everyPunctuationEscaped(prose), prose);
        assert.doesNotMatch(prose, /@(?!\u200B)/);
        assert.equal(prose.replace(/\\(.)/gu, '$1').replaceAll('@\u200B', '@'), oneLine(text));
      }),
    );
  });
});

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testcase', 'property'].includes(name),
});

interface Case {
  classname: string;
  name: string;
  time?: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: unknown;
  'system-out'?: string;
  properties: { property: { name: string; value: string }[] };
}

function parseJunit(text: string) {
  const parsed = xml.parse(text) as {
    testsuites: {
      testsuite: { name: string; time: string; tests: string; failures: string; skipped: string; testcase: Case[] };
    };
  };
  return parsed.testsuites.testsuite;
}

describe('JUnit XML', () => {
  it('fails a polluted victim, naming its polluters, with the reproduce command in the body', () => {
    const suite = parseJunit(renderJunit(findReport()));
    assert.equal(suite.name, 'polluter');
    assert.equal(Number(suite.time), 3.4);
    assert.equal(suite.testcase.length, 1);
    const [victim] = suite.testcase;
    assert.equal(victim!.classname, 'pytest');
    assert.equal(victim!.name, 'tests/test_b.py::test_victim');
    assert.equal(victim!.failure!.message, 'polluted by tests/test_a.py::test_polluter');
    assert.equal(victim!.failure!.type, 'polluted');
    assert.ok(victim!.failure!['#text'].includes(findReport().reproduce));
    assert.deepEqual(victim!.properties.property, [{ name: 'verdict', value: 'polluted' }]);
  });

  it('fails a brittle victim naming its state-setters, and skips what it cannot blame on another test', () => {
    const suite = parseJunit(renderJunit(detectReport([findReport(), brittle, flaky, notReproduced])));
    assert.equal(Number(suite.time), 42.5);
    assert.deepEqual(
      suite.testcase.map((test) => [
        test.name,
        test.failure ? 'failed' : test.skipped !== undefined ? 'skipped' : 'passed',
      ]),
      [
        ['tests/test_b.py::test_victim', 'failed'],
        ['tests/test_c.py::test_needs_db', 'failed'],
        ['tests/test_d.py::test_jitter', 'skipped'],
        ['tests/test_e.py::test_x', 'skipped'],
        ['tests/test_f.py::test_broken', 'skipped'],
        ['tests/test_g.py::test_sometimes', 'skipped'],
      ],
    );
    assert.equal(
      suite.testcase[1]!.failure!.message,
      'brittle: fails alone, passes after tests/test_c.py::test_opens_db',
    );
    assert.ok(suite.testcase[1]!.failure!['#text'].includes(brittle.passingCommand!));
    assert.match(suite.testcase[2]!['system-out']!, /^flaky: the victim failed 1 of 2 runs alone/);
    assert.match(suite.testcase[4]!['system-out']!, /^fails alone: 3 of 3 runs alone failed/);
    assert.deepEqual([suite.tests, suite.failures, suite.skipped], ['6', '2', '4']);
  });

  it('keeps names that look like XML exactly', () => {
    const victim = 'a"<b>&\']]>c';
    const polluter = '<![CDATA[ x ]]>';
    const reproduce = `run '${victim}' ']]>'`;
    const suite = parseJunit(renderJunit(findReport({ victim, polluters: [polluter], reproduce })));
    assert.equal(suite.testcase[0]!.name, victim);
    assert.equal(suite.testcase[0]!.failure!.message, `polluted by ${polluter}`);
    assert.ok(suite.testcase[0]!.failure!['#text'].includes(reproduce), suite.testcase[0]!.failure!['#text']);
  });

  it('keeps any name and command exactly, through attributes and CDATA', () => {
    const exact = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      trimValues: false,
      parseTagValue: false,
      htmlEntities: true,
    });
    // XML 1.0 cannot carry control characters; the report leaves them out.
    const xmlText = fc.string({
      unit: fc.oneof(
        fc.constantFrom(']', '>', '<', '&', '"', "'", ' ', '\n', 'a', '['),
        fc
          .string({ unit: 'binary', minLength: 1, maxLength: 1 })
          .filter((c) => !/[\u0000-\u001f\ufffe\uffff]/u.test(c)),
      ),
    });
    fc.assert(
      fc.property(xmlText, xmlText, (victim, polluter) => {
        const reproduce = `run ${polluter} ${victim}`;
        const parsed = exact.parse(
          renderJunit(findReport({ victim: `v${victim}`, polluters: [polluter], reproduce })),
        ) as { testsuites: { testsuite: { testcase: Case } } };
        const testCase = parsed.testsuites.testsuite.testcase;
        assert.equal(testCase.name, `v${victim}`);
        assert.equal(testCase.failure!.message, `polluted by ${polluter}`);
        assert.ok(testCase.failure!['#text'].includes(`\n  ${reproduce}\n`), testCase.failure!['#text']);
      }),
      { numRuns: 300 },
    );
  });

  it('shares nothing between reports', () => {
    renderJunit(findReport());
    assert.equal(parseJunit(renderJunit(findReport({ victim: 'other' }))).testcase.length, 1);
  });
});

describe('Markdown report', () => {
  it('groups the victims that share their polluters, in the text and the Markdown of a detect report', () => {
    const second = findReport({ victim: 'tests/test_z.py::test_other[a b]' });
    const report = detectReport([findReport(), brittle, flaky, second]);
    assert.deepEqual(culpritGroups(report), [
      {
        culprits: ['tests/test_a.py::test_polluter'],
        victims: ['tests/test_b.py::test_victim', 'tests/test_z.py::test_other[a b]'],
      },
      { culprits: ['tests/test_c.py::test_opens_db'], victims: ['tests/test_c.py::test_needs_db'] },
    ]);
    const markdown = renderMarkdown(report);
    assert.ok(
      markdown.includes(
        '| shared polluters / state-setters | victims |\n|---|---:|\n| `tests/test_a.py::test_polluter` | 2 |\n\n',
      ),
      markdown,
    );
    const rows = markdown
      .split('\n')
      .filter((line) => line.startsWith('| `tests/'))
      .map((line) => line.split(' | ')[0]);
    assert.deepEqual(
      rows.slice(0, 4),
      [
        '| `tests/test_b.py::test_victim`',
        '| `tests/test_z.py::test_other[a b]`',
        '| `tests/test_c.py::test_needs_db`',
        '| `tests/test_d.py::test_jitter`',
      ],
      "one group's victims side by side",
    );
    const text = stripVTControlCharacters(renderDetectText(report)); // CI=true turns colours on
    assert.match(
      text,
      /^Shared +tests\/test_a\.py::test_polluter → 2 victims: tests\/test_b\.py::test_victim, tests\/test_z\.py::test_other\[a b\]$/m,
    );
    assert.equal(text.match(/^Shared/gm)?.length, 1, 'a victim alone with its polluters is no group');
  });

  it('names the CI artifact of a find --failed report instead of suite rounds', () => {
    const report = {
      ...detectReport([findReport()]),
      rounds: [
        {
          round: 1,
          seed: null,
          tests: 11,
          failed: ['tests/test_b.py::test_victim'],
          seconds: 0,
          artifact: 'junit.xml',
        },
      ],
    };
    assert.match(
      renderMarkdown(report),
      /^## polluter find --failed\n[^]*The failures of `junit\.xml`, 60 pytest processes/,
    );
    assert.match(stripVTControlCharacters(renderDetectText(report)), /^CI run +11 tests in junit\.xml, 1 failed$/m);
  });

  it('shows the verdict, polluters, trials and the reproduce command in a fenced block', () => {
    const text = renderMarkdown(findReport());
    assert.match(text, /^## polluter find: polluted\n/);
    assert.ok(text.includes('- **Polluter:** `tests/test_a.py::test_polluter`'));
    assert.ok(text.includes('- **Trials:** 9 pytest processes in 3.4 s'));
    assert.ok(text.includes(`\`\`\`sh\n${findReport().reproduce}\n\`\`\``));
  });

  it('names state-setters and the passing command for a brittle victim', () => {
    const text = renderMarkdown(brittle);
    assert.ok(text.includes('- **State-setter:** `tests/test_c.py::test_opens_db`'));
    assert.ok(text.includes(`Passes after its state-setters:\n\n\`\`\`sh\n${brittle.passingCommand}\n\`\`\``));
  });

  it('starts a detect report with the counts, and folds victims into <details> when there are many', () => {
    const few = renderMarkdown(detectReport([findReport(), brittle]));
    assert.ok(
      few.includes(
        '| victims found | not reproduced | plain failures | flaky |\n|---:|---:|---:|---:|\n| 2 | 0 | 1 | 1 |',
      ),
      few,
    );
    assert.ok(few.indexOf('| victims found') < few.indexOf('### '));
    assert.doesNotMatch(few, /<details>/);
    const many = renderMarkdown(detectReport([findReport(), brittle, flaky, notReproduced]));
    assert.ok(many.includes('| 2 | 1 | 1 | 2 |'), many);
    assert.equal(many.match(/<details><summary>/g)?.length, 4);
    assert.equal(many.match(/<\/details>/g)?.length, 4);
  });

  it('never lets a test name add markup, mentions, links or table cells', () => {
    fc.assert(
      fc.property(hostile, hostile, (victim, polluter) => {
        const report = detectReport([
          findReport({ victim, polluters: [polluter], allPolluters: [[polluter]] }),
          brittle,
          flaky,
          notReproduced,
        ]);
        const text = renderMarkdown(report);
        // Every row of a table has as many cells as its header.
        for (const table of text
          .split(/\n(?!\|)/)
          .map((block) => block.split('\n').filter((line) => line.startsWith('|')))) {
          const pipes = table.map((row) => row.split('|').length);
          assert.ok(
            pipes.every((count) => count === pipes[0]),
            table.join('\n'),
          );
        }
        // The hostile names are inside code only: a span, a fenced block, or escaped text in <code>.
        const outside = text
          .replace(/^(`{3,})sh\n[^]*?\n\1$/gm, '')
          .replace(/<code>[^<]*<\/code>/g, '')
          .split('\n')
          .map(withoutCodeSpans)
          .join('\n');
        assert.doesNotMatch(outside, /<(?!\/?(details|summary|br)>)/, outside);
        assert.doesNotMatch(outside, /@|\]\(/, outside);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves victims out, with a note, past the length asked for', () => {
    const report = detectReport(
      Array.from({ length: 50 }, (_, index) => findReport({ victim: `tests/test_${index}.py::test_victim` })),
    );
    const text = renderMarkdown(report, { maxChars: 5000 });
    assert.ok(text.length <= 5000 + 100, `${text.length}`);
    assert.match(text, /\d+ more victim\(s\) left out here for length/);
  });
});
