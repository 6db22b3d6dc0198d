// `detect --fix` without a runner: the victims grouped by their polluters, the group's report entry, and how the text
// and Markdown reports show it. (The proof runs the real pytest: test/e2e/detect-fix.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { detectFixOf, withFixes } from '../../src/commands/detect-fix.ts';
import type { Databases } from '../../src/project/databases/index.ts';
import { fixGroups } from '../../src/fix/groups.ts';
import type { FixAttempt } from '../../src/fix/propose.ts';
import type { Leak } from '../../src/report/leaks.ts';
import { renderReport } from '../../src/report/outputs.ts';
import { brittle, detectReport, findReport, flaky } from '../support/reports.ts';

const A = 'tests/test_a.py::test_polluter';
const B = 'tests/test_b.py::test_other_polluter';
const leak = (name: string, by = A): Leak => ({ kind: 'global', name, before: 'False', after: 'True', by });

describe('detect --fix: victims grouped by their polluters', () => {
  it('puts victims of the same polluter set together, in any order of the polluters, and keeps each leak once', () => {
    const victims = [
      findReport({ victim: 'tests/test_v.py::test_one', polluters: [A], leaks: [leak('app.flags.FLAGS')] }),
      findReport({ victim: 'tests/test_v.py::test_two', polluters: [B], leaks: [leak('app.cache', B)] }),
      findReport({
        victim: 'tests/test_w.py::test_three',
        polluters: [A],
        leaks: [leak('app.other'), leak('app.flags.FLAGS')],
      }),
      findReport({ victim: 'tests/test_w.py::test_four', polluters: [B, A], leaks: [] }),
      findReport({ victim: 'tests/test_x.py::test_five', polluters: [A, B], leaks: [] }),
    ];
    const groups = fixGroups(victims);
    assert.deepEqual(
      groups.map((group) => ({
        polluters: group.polluters,
        victims: group.victims.map((victim) => victim.victim),
        leaks: group.leaks.map((each) => each.name),
      })),
      [
        {
          polluters: [A],
          victims: ['tests/test_v.py::test_one', 'tests/test_w.py::test_three'],
          leaks: ['app.flags.FLAGS', 'app.other'],
        },
        { polluters: [B], victims: ['tests/test_v.py::test_two'], leaks: ['app.cache'] },
        { polluters: [B, A], victims: ['tests/test_w.py::test_four', 'tests/test_x.py::test_five'], leaks: [] },
      ],
    );
  });

  it('leaves out victims that are not polluted: brittle, flaky, or with no polluter', () => {
    const victims = [
      brittle,
      flaky,
      findReport({ victim: 'tests/test_z.py::test_y', polluters: [] }),
      findReport({ polluters: [A] }),
    ];
    assert.deepEqual(
      fixGroups(victims).map((group) => group.victims.map((victim) => victim.victim)),
      [['tests/test_b.py::test_victim']],
    );
  });
});

const diff =
  'diff --git a/tests/conftest.py b/tests/conftest.py\nnew file mode 100644\n--- /dev/null\n+++ b/tests/conftest.py\n@@ -0,0 +1 @@\n+import pytest\n';
const candidate = {
  kind: 'global',
  strategy: 'module global restored by a save-and-restore autouse fixture (conftest.py)',
  scope: 'project-wide' as const,
  explanation: 'The polluter changes FLAGS.',
  edits: [{ file: 'tests/conftest.py', before: null, after: 'import pytest\n' }],
};
const passed = (name: string, detail: string) => ({ name, passed: true, detail });
const [one, two] = ['tests/test_v.py::test_one', 'tests/test_w.py::test_two'];
const group = {
  polluters: [A],
  victims: [findReport({ victim: one }), findReport({ victim: two })],
  leaks: [leak('app.flags.FLAGS')],
};

describe('detect --fix: the report', () => {
  const attempt: FixAttempt = {
    leaks: group.leaks,
    proven: {
      candidate,
      proofs: [
        {
          victim: one,
          proof: {
            verified: true,
            checks: [passed('victim alone', 'the victim passes alone'), passed('whole suite', 'no new failure')],
            trials: 7,
          },
        },
        {
          victim: two,
          proof: { verified: true, checks: [passed('victim alone', 'the victim passes alone')], trials: 4 },
        },
      ],
    },
    tried: [],
    notes: [],
    trials: 14,
  };

  it('one fix for the group: the diff as polluter fix gives it, the victims it repairs, every check named by its victim', () => {
    const entry = detectFixOf(group, attempt);
    assert.deepEqual(entry.victims, [one, two]);
    assert.deepEqual(entry.polluters, [A]);
    const fix = entry.fix!;
    assert.equal(fix.diff, diff);
    assert.deepEqual(fix.repairs, [one, two]);
    assert.deepEqual(
      [fix.kind, fix.scope, fix.verified, fix.trials, fix.files],
      ['global', 'project-wide', true, 11, ['tests/conftest.py']],
    );
    assert.deepEqual(
      fix.checks.map((check) => [check.victim, check.name]),
      [
        [one, 'victim alone'],
        [one, 'whole suite'],
        [two, 'victim alone'],
      ],
    );
  });

  it('text and Markdown show the fix once, how many victims it repairs, and the diff', () => {
    const report = { ...detectReport(group.victims), fixes: [detectFixOf(group, attempt)] };
    const text = stripVTControlCharacters(renderReport(report, 'text'));
    assert.match(
      text,
      /\nFix {8}module global restored by a save-and-restore autouse fixture \(conftest\.py\): repairs 2 victims \(tests\/test_v\.py::test_one, tests\/test_w\.py::test_two\) of tests\/test_a\.py::test_polluter\n/,
    );
    assert.match(text, /\nProof {6}3 checks passed on 2 victims \(11 runs\): victim alone, whole suite\n/);
    assert.ok(text.includes(`\n${diff.trimEnd()}\n`), text);
    const markdown = renderReport(report, 'markdown');
    assert.equal(markdown.match(/```diff\n/g)?.length, 1, 'one diff for the two victims');
    assert.ok(markdown.includes(`\`\`\`diff\n${diff}\`\`\``), markdown);
    assert.match(
      markdown,
      /### Fixes\n\n\*\*module global restored .*\*\*: repairs 2 victims of `tests\/test_a\.py::test_polluter`: `tests\/test_v\.py::test_one`, `tests\/test_w\.py::test_two`\n/,
    );
    // The fixes come before the victims' details, which a long comment loses first.
    assert.ok(markdown.indexOf('### Fixes') < markdown.indexOf('### `tests/test_v.py::test_one`'));
  });

  it('no fix proven: each candidate tried with the check it failed and where, and the notes', () => {
    const failed = {
      name: 'after the polluters',
      passed: false,
      detail: 'the victim failed after its polluters (run 1)',
    };
    const entry = detectFixOf(group, {
      leaks: group.leaks,
      tried: [
        {
          kind: 'global',
          strategy: 'module global restored (local)',
          scope: 'local',
          files: ['tests/test_a.py'],
          failed,
          victim: two,
        },
      ],
      notes: ['no strategy answers the threads leak threads yet'],
      trials: 5,
    });
    assert.equal(entry.fix, null);
    assert.equal(entry.fixTried[0]!.victim, two);
    const report = { ...detectReport(group.victims), fixes: [entry] };
    const text = stripVTControlCharacters(renderReport(report, 'text'));
    assert.match(text, /\nFix {8}none proven for tests\/test_a\.py::test_polluter → 2 victims: /);
    assert.match(
      text,
      /\nWhy not {4}tried module global restored \(local\): failed after the polluters \(the victim failed after its polluters \(run 1\)\) on tests\/test_w\.py::test_two\n/,
    );
    assert.match(text, /\nWhy not {4}no strategy answers the threads leak threads yet\n/);
    const markdown = renderReport(report, 'markdown');
    assert.match(markdown, /\*\*No fix proven\*\* for the 2 victims of `tests\/test_a\.py::test_polluter`/);
    assert.doesNotMatch(markdown, /```diff/);
  });

  it('without --fix the reports have no fixes at all', () => {
    const report = detectReport(group.victims);
    assert.doesNotMatch(renderReport(report, 'markdown'), /Fixes|No fix/);
    assert.doesNotMatch(stripVTControlCharacters(renderReport(report, 'text')), /\nFix /);
  });
});

describe('detect --fix: when the fixes cannot be made', () => {
  const io = { stdout: () => undefined, progress: () => undefined };
  const work = (projectDir: string) => ({
    settings: { projectDir, passThrough: [], repeat: 2 },
    failing: new Map(),
    databases: { any: false } as Databases,
    io,
  });

  it('no polluted victim: an empty fixes list, nothing copied', async () => {
    const report = await withFixes(detectReport([brittle, flaky]), work('/nonexistent/project'));
    assert.deepEqual(report.fixes, []);
    assert.deepEqual(report.warnings, []);
  });

  it("a failure of the fix step keeps the searches' report: each set of polluters gets a note, the report a warning", async () => {
    const searched = detectReport(group.victims);
    const report = await withFixes(searched, work('/nonexistent/project'));
    assert.deepEqual(report.victims, searched.victims);
    assert.equal(report.fixes?.length, 1);
    assert.equal(report.fixes![0]!.fix, null);
    assert.deepEqual(report.fixes![0]!.victims, [one, two]);
    assert.match(report.fixes![0]!.fixNotes[0]!, /^the fixes stopped: ENOENT/);
    assert.match(report.warnings.at(-1)!, /^the fixes stopped: ENOENT/);
  });
});
