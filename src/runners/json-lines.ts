import { readFile } from 'node:fs/promises';

/**
 * Reads the events file a runner's helper appended to, one JSON object per line. A missing file (the process died
 * before writing) is no events; a last line cut short by a crash is dropped.
 */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const records: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // only the last line can be partial
    }
  }
  return records;
}
