// Which kind of artifact a file is, from its first bytes: the extension says nothing (a JUnit report saved as .txt).
import { ArtifactError } from './artifact-error.js';

export type ArtifactFormat = 'log' | 'junit' | 'json' | 'record';

export const FORMAT_NAMES: Record<ArtifactFormat, string> = {
  log: 'a pytest -v log',
  junit: 'JUnit XML',
  json: 'a jest or vitest JSON result',
  record: 'a polluter record',
};

export const FORMAT_FLAGS: Record<ArtifactFormat, string> = {
  log: '--from-log',
  junit: '--from-junit',
  json: '--from-json',
  record: '--from-record',
};

/** What polluter reads, for messages about files it cannot. */
export const ACCEPTED =
  'polluter reads pytest -v logs (--from-log), JUnit XML (--from-junit), jest and vitest JSON results (--from-json) and polluter record output (--from-record)';

/** The format of a file from its first bytes (64 KiB are plenty); throws for data that is none of them. */
export function detectFormat(head: Buffer): ArtifactFormat {
  if (head.length === 0) throw new ArtifactError('is empty');
  if (head[0] === 0x1f && head[1] === 0x8b) throw new ArtifactError('is gzip-compressed: unpack it first (gunzip)');
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')))
    throw new ArtifactError('is a zip archive (a downloaded CI artifact?): unzip it first');
  if (head.includes(0)) throw new ArtifactError(`is binary data, not a test report; ${ACCEPTED}`);
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text === '') throw new ArtifactError('has only blank lines');
  if (text.startsWith('<')) return 'junit';
  if (text.startsWith('{')) return isRecordLine(text.split('\n', 1)[0]!) ? 'record' : 'json';
  // A JSON array, as opposed to a log's first line `[gw0] [  7%] PASSED …`.
  if (/^\[\s*[[{"\]]/.test(text)) return 'json';
  return 'log';
}

/** A `polluter record` file is JSON lines, each a test: `{"nodeid": …}` or `{"file": …, "titles": […]}`. */
function isRecordLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as Record<string, unknown> | null;
    return (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      ('nodeid' in value || ('file' in value && 'titles' in value))
    );
  } catch {
    return false;
  }
}
