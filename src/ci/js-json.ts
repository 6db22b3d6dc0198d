// The JSON result file of `jest --json --outputFile` and `vitest run --reporter=json --outputFile` (vitest writes
// jest's shape): `testResults[]`, one per file, each with its `assertionResults[]`.
import type { ArtifactTest } from './artifact-test.js';
import { ArtifactError } from './artifact-error.js';

interface AssertionResult {
  ancestorTitles?: unknown;
  title?: unknown;
  status?: unknown;
}

/**
 * The tests in the order the file lists them. jest: files in the order they finished, each file's tests in the order
 * they ran (a `--randomize` run included). vitest: files in the order they ran, but each file's tests in definition
 * order, even under `--sequence.shuffle`.
 */
export function parseJsJson(value: unknown): ArtifactTest[] {
  const results = (value as { testResults?: unknown } | null)?.testResults;
  if (!Array.isArray(results))
    throw new ArtifactError('is JSON, but not a jest or vitest result file (no testResults array)');
  const tests: ArtifactTest[] = [];
  for (const [index, file] of results.entries()) {
    const { name, assertionResults } = (file ?? {}) as { name?: unknown; assertionResults?: unknown };
    if (typeof name !== 'string' || !Array.isArray(assertionResults)) {
      throw new ArtifactError(
        `is not a jest or vitest result file: testResults[${index}] has no name or no assertionResults`,
      );
    }
    for (const assertion of assertionResults as AssertionResult[]) {
      const ancestors = Array.isArray(assertion.ancestorTitles) ? assertion.ancestorTitles.map(String) : [];
      tests.push({
        file: name,
        titles: [...ancestors, String(assertion.title ?? '')],
        outcome: outcomeOf(assertion.status),
      });
    }
  }
  return tests;
}

function outcomeOf(status: unknown): ArtifactTest['outcome'] {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  // jest: pending, todo, disabled; vitest: skipped, pending, todo
  return 'skipped';
}
