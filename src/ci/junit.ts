// JUnit XML, as pytest (--junitxml), jest-junit and vitest's junit reporter write it: the testcases in report order.
import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';
import type { ArtifactTest } from './artifact-test.js';
import { ArtifactError } from './artifact-error.js';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Every `<testcase>` in document order, nested `<testsuite>`s included. JUnit has no test ids, so a testcase becomes
 * `titles`: `[classname, name]` as the reporter wrote them, or just `[name]` when both are the same (jest-junit's
 * default writes `describe… title` into both); `file` when the testcase or its suite has a `file` attribute
 * (jest-junit's `addFileAttribute`, pytest's xunit1). The resolver knows how each runner's reporter builds them.
 */
export function parseJunit(text: string): ArtifactTest[] {
  // Loaded on first use: only `--from-junit` reads XML, and every command would pay for loading it.
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser;
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new ArtifactError(`is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); a truncated file?`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true, // numeric character references (&#252;) in names
  });
  let document: Node[];
  try {
    document = parser.parse(text) as Node[];
  } catch (error) {
    // A DOCTYPE with external entities (XXE) or entities that expand without bound: refused by the parser, and bad
    // input here, not an internal error. JUnit reports never declare entities.
    throw new ArtifactError(
      `has XML polluter does not read (${error instanceof Error ? error.message : String(error)}); JUnit reports declare no entities`,
    );
  }
  const root = document.find((node) => 'testsuites' in node || 'testsuite' in node);
  if (root === undefined) throw new ArtifactError('is XML, but not JUnit (no <testsuites> or <testsuite> element)');
  const tests: ArtifactTest[] = [];
  walk([root], undefined, tests);
  return tests;
}

function walk(nodes: readonly Node[], suiteFile: string | undefined, tests: ArtifactTest[]): void {
  for (const node of nodes) {
    const attributes = node[':@'] ?? {};
    if ('testcase' in node) {
      tests.push(testcase(attributes, node.testcase as Node[], suiteFile));
    } else if ('testsuite' in node || 'testsuites' in node) {
      const children = (node.testsuite ?? node.testsuites) as Node[];
      walk(children, attributes.file ?? attributes.filepath ?? suiteFile, tests);
    }
  }
}

function testcase(
  attributes: Record<string, string>,
  children: readonly Node[],
  suiteFile: string | undefined,
): ArtifactTest {
  const classname = attributes.classname ?? '';
  const name = attributes.name ?? '';
  const file = attributes.file ?? attributes.filepath ?? suiteFile;
  return {
    ...(file === undefined ? {} : { file }),
    titles: classname === '' || classname === name ? [name] : [classname, name],
    outcome: outcomeOf(children),
  };
}

function outcomeOf(children: readonly Node[]): ArtifactTest['outcome'] {
  if (children.some((child) => 'error' in child)) return 'error';
  if (children.some((child) => 'failure' in child)) return 'failed';
  if (children.some((child) => 'skipped' in child)) return 'skipped';
  return 'passed';
}
