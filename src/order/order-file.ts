import { readFile } from 'node:fs/promises';
import { UsageError, unreadableFile } from '../errors.js';

/** An order file: one test id per line, in the order they ran; blank lines and lines starting with `#` are skipped. */
export async function readOrderFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadableFile('order file', file, error);
  }
  const ids = text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  if (ids.length === 0) throw new UsageError(`the order file ${file} has no test ids (one id per line)`);
  return ids;
}
