import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Builder, TestCase } from 'junit-report-builder';
import { isDetectReport, victimsOf, type Report } from './detect-report.js';
import type { FindReport } from './find-report.js';

// Loaded on first use (it is the slowest of polluter's dependencies to load, ~0.1 s, and most runs write no JUnit).
// CommonJS: module.exports is the builder itself, though its types describe an ES default export.
const builder = () => createRequire(import.meta.url)('junit-report-builder') as Builder;

/**
 * JUnit XML for CI dashboards: one testcase per victim, failed exactly when polluter found an order dependency
 * (polluted, brittle). Flaky, not-reproduced and fails-alone are skipped, with the reason in system-out: polluter
 * blames no other test for them, and the runner's own report already counts the failure itself.
 */
export function renderJunit(report: Report): string {
  const xml = builder().newBuilder(); // a fresh builder per report: the default one is shared module state
  const bodies = new CdataBodies();
  const suite = xml.testSuite().name('polluter').time(report.seconds);
  for (const victim of victimsOf(report)) victimCase(suite.testCase(), victim, bodies);
  if (isDetectReport(report)) {
    for (const failure of report.failures) {
      const alone = `${failure.failures} of ${failure.runs} runs alone failed`;
      const what = failure.kind === 'flaky' ? `flaky: ${alone}` : `fails alone: ${alone}; not order-dependent`;
      suite
        .testCase()
        .className(report.runner)
        .name(failure.id)
        .property('verdict', failure.kind)
        .skipped()
        .standardOutput(bodies.slot(what));
    }
  }
  return bodies.fill(xml.build());
}

/**
 * xmlbuilder splits only the first `]]>` of a CDATA section, so a second one in a test name would end it early:
 * bodies go in as placeholders, and the built XML gets them escaped in full.
 */
class CdataBodies {
  private readonly nonce = randomUUID();
  private readonly bodies: string[] = [];

  slot(text: string): string {
    this.bodies.push(text);
    return `${this.nonce}:${this.bodies.length - 1}`;
  }

  fill(xml: string): string {
    return xml.replace(new RegExp(`${this.nonce}:(\\d+)`, 'g'), (_, index: string) =>
      cdataText(this.bodies[Number(index)]!),
    );
  }
}

/** Text for inside a CDATA section: `]]>` split across two sections, characters XML 1.0 forbids left out. */
function cdataText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll(']]>', ']]]]><![CDATA[>');
}

function victimCase(testCase: TestCase, victim: FindReport, bodies: CdataBodies): void {
  testCase.className(victim.runner).name(victim.victim).time(victim.seconds).property('verdict', victim.verdict);
  switch (victim.verdict) {
    case 'polluted':
      testCase
        .failure(`polluted by ${victim.polluters.join(', ')}`, 'polluted')
        .stacktrace(bodies.slot(`${victim.reason}\n\nReproduce (the victim fails):\n  ${victim.reproduce}\n`));
      return;
    case 'brittle':
      testCase
        .failure(`brittle: fails alone, passes after ${victim.stateSetters.join(', ')}`, 'brittle')
        .stacktrace(
          bodies.slot(
            `${victim.reason}\n\nThe victim alone (fails):\n  ${victim.reproduce}\n\nPasses after its state-setters:\n  ${victim.passingCommand}\n`,
          ),
        );
      return;
    case 'flaky':
    case 'not-reproduced':
    case 'fails-alone':
      testCase
        .skipped()
        .standardOutput(
          bodies.slot(`${victim.verdict}: ${victim.reason}\n\nThe victim alone:\n  ${victim.reproduce}\n`),
        );
  }
}
