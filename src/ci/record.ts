// `polluter record` output: one file per worker, `<worker>.jsonl`, one ArtifactTest per line in run order (with
// `record --state`, each line also has the test's `changes`; records without them read as before).
import { basename } from 'node:path';
import type { ArtifactTest, RecordedChange } from './artifact-test.js';
import { ArtifactError } from './artifact-error.js';

const OUTCOMES = new Set(['passed', 'failed', 'error', 'skipped']);

/** The worker a record file belongs to: its name without `.jsonl` (`gw3.jsonl` → `gw3`). */
export function recordWorker(file: string): string {
  return basename(file).replace(/\.jsonl$/, '');
}

/** Record files in worker order: `gw2.jsonl` before `gw10.jsonl`. */
export function byWorker(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * One line of a record file. Its worker defaults to the file's; a line without an outcome is the test that was running
 * when the process died (the recorder writes a line when a test starts).
 */
export function parseRecordLine(line: string, lineNumber: number, worker: string): ArtifactTest | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArtifactError(`line ${lineNumber} is not JSON (a truncated or corrupted record?)`);
  }
  const test = value as Record<string, unknown>;
  const isNodeid = typeof test.nodeid === 'string';
  const isJs =
    typeof test.file === 'string' &&
    Array.isArray(test.titles) &&
    test.titles.every((title) => typeof title === 'string');
  if (value === null || typeof value !== 'object' || isNodeid === isJs) {
    throw new ArtifactError(`line ${lineNumber} is not a recorded test (one of "nodeid", or "file" with "titles")`);
  }
  const outcome =
    typeof test.outcome === 'string' && OUTCOMES.has(test.outcome)
      ? (test.outcome as ArtifactTest['outcome'])
      : undefined;
  return {
    ...(isNodeid ? { nodeid: test.nodeid as string } : { file: test.file as string, titles: test.titles as string[] }),
    ...(typeof test.project === 'string' && test.project !== '' ? { project: test.project } : {}),
    worker: typeof test.worker === 'string' && test.worker !== '' ? test.worker : worker,
    ...(outcome === undefined ? {} : { outcome }),
    // Written by `record --state` only; a malformed field is read as not recorded rather than failing the record.
    ...(Array.isArray(test.changes) && test.changes.every(isRecordedChange) ? { changes: test.changes } : {}),
  };
}

function isRecordedChange(row: unknown): row is RecordedChange {
  const text = (value: unknown) => typeof value === 'string' || value === null;
  return (
    Array.isArray(row) &&
    row.length === 4 &&
    typeof row[0] === 'string' &&
    typeof row[1] === 'string' &&
    text(row[2]) &&
    text(row[3])
  );
}
