// Finding the victim in an artifact before anything runs, and the tests that ran before it on its worker.
import { closestIds } from '../test-ids.js';
import { unknownWorker, victimNotInArtifact, victimNotOnWorker } from '../errors.js';
import type { ArtifactTest } from './artifact-test.js';
import type { ArtifactFormat } from './detect-format.js';
import {
  describeTest,
  looksLikeJsFile,
  pytestJunitPair,
  sameClassname,
  samePath,
  splitJsId,
  splitNodeid,
  withoutXdistGroup,
} from './names.js';

export interface VictimRun {
  /** The worker the victim ran on; undefined for a single process (or an artifact that does not say). */
  worker: string | undefined;
  /** What ran on that worker before the victim, each test once (its first line), then the victim's entry. */
  tests: ArtifactTest[];
}

/**
 * The victim's worker is the one its failing entry names (a log line `[gw3] … FAILED victim`), else that of its first
 * entry, unless `worker` is given. Throws a UsageError when the victim or the worker is not in the artifact.
 */
export function selectVictimRun(
  tests: readonly ArtifactTest[],
  victim: string,
  format: ArtifactFormat,
  where: string,
  worker?: string,
): VictimRun {
  const workers = [...new Set(tests.flatMap((test) => (test.worker === undefined ? [] : [test.worker])))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  if (worker !== undefined && !workers.includes(worker)) throw unknownWorker(worker, where, workers);
  const positions = victimPositions(tests, victim, format);
  if (positions.length === 0)
    throw victimNotInArtifact(victim, where, closestIds(victim, [...new Set(tests.map(describeTest))]));
  const onWorker = worker === undefined ? positions : positions.filter((index) => tests[index]!.worker === worker);
  if (onWorker.length === 0)
    throw victimNotOnWorker(victim, worker!, where, [
      ...new Set(positions.map((index) => tests[index]!.worker ?? 'no worker')),
    ]);
  const failing = onWorker.find((index) => tests[index]!.outcome === 'failed' || tests[index]!.outcome === 'error');
  const chosen = failing ?? onWorker[0]!;
  const victimWorker = tests[chosen]!.worker;

  // A pytest test can have several lines (PASSED, then ERROR for a failing teardown): the first one counts. jest and
  // vitest tests are not merged: two tests of a file may have the same name (ids ` #2`).
  const seen = new Set<string>();
  const before: ArtifactTest[] = [];
  for (const test of tests.slice(0, chosen)) {
    if (test.worker !== victimWorker) continue;
    if (test.nodeid === undefined || !seen.has(test.nodeid)) before.push(test);
    if (test.nodeid !== undefined) seen.add(test.nodeid);
  }
  return { worker: victimWorker, tests: [...before, tests[chosen]!] };
}

/** Where the artifact names the victim. A ` #n` victim (a repeated name) is the n-th entry of its name. */
function victimPositions(tests: readonly ArtifactTest[], victim: string, format: ArtifactFormat): number[] {
  const find = (id: string) => tests.flatMap((test, index) => (namesVictim(test, id, format) ? [index] : []));
  const exact = find(victim);
  const repeat = / #(\d+)$/.exec(victim);
  if (exact.length > 0 || !repeat) return exact;
  const all = find(victim.slice(0, -repeat[0].length));
  const nth = Number(repeat[1]) - 1;
  return all.length > nth ? [all[nth]!] : [];
}

/** Whether an artifact test can be the victim; exact matching waits for the project's ids (resolve.ts). */
export function namesVictim(test: ArtifactTest, victim: string, format: ArtifactFormat): boolean {
  if (test.nodeid !== undefined) return sameNodeid(test.nodeid, victim);
  const titles = test.titles ?? [];
  if (titles.length === 0) return false;
  if (format !== 'junit') {
    const js = splitJsId(victim);
    return (
      test.file !== undefined &&
      samePath(test.file, js.file) &&
      titles.join(' > ') === js.titles &&
      (test.project === undefined || js.project === undefined || test.project === js.project)
    );
  }
  const name = titles.at(-1)!;
  const classname = titles.length > 1 ? titles[0]! : '';
  if (victim.includes('::')) {
    const pair = pytestJunitPair(victim);
    if ((name === pair.name || withoutXdistGroup(name) === pair.name) && sameClassname(classname, pair.classname))
      return true;
  }
  const js = splitJsId(victim);
  const file = test.file ?? (looksLikeJsFile(classname) ? classname : undefined);
  if (file !== undefined && !samePath(file, js.file)) return false;
  return name === js.titles || name === js.titles.split(' > ').join(' ');
}

function sameNodeid(nodeid: string, victim: string): boolean {
  const id = withoutXdistGroup(nodeid);
  if (id === victim) return true;
  const [a, b] = [splitNodeid(id), splitNodeid(victim)];
  return a.rest === b.rest && a.rest !== '' && samePath(a.file, b.file);
}
