import { readFile } from 'node:fs/promises';
import { notAFindReport, unreadableFile, victimNotInReport } from '../errors.js';
import type { FindReport } from '../report/find-report.js';

/** The victim's search from a `find --format json` or `detect`/`merge` JSON report (`fix --report FILE`). */
export async function readVictimReport(file: string, victim: string): Promise<FindReport> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw unreadableFile('report', file, error);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw notAFindReport(file, 'text that is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw notAFindReport(file, `a JSON ${typeof parsed}`);
  const report = parsed as Partial<FindReport> & { kind?: unknown; victims?: unknown };
  const searches =
    report.kind === 'detect' && Array.isArray(report.victims) ? (report.victims as Partial<FindReport>[]) : [report];
  for (const search of searches) {
    const missing = ['victim', 'verdict', 'polluters', 'leaks', 'runner'].filter((key) => !(key in search));
    if (missing.length > 0) throw notAFindReport(file, `an object without ${missing.join(', ')}`);
  }
  const found = searches.find((search) => search.victim === victim);
  if (!found)
    throw victimNotInReport(
      victim,
      file,
      searches.map((search) => String(search.victim)),
    );
  return found as FindReport;
}
