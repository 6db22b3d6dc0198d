// Matches the tests of a CI artifact to the project's ids, once they are listed: pure functions.
import type { ArtifactTest, RecordedChange } from './artifact-test.js';
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

export interface ResolveContext {
  /** The project's ids, as `polluter list` prints them. */
  collected: readonly string[];
  runner: string;
  format: ArtifactFormat;
}

export interface Resolved {
  /** The project's ids in the order the artifact has them, each once, the victim last. */
  order: string[];
  /** Tests of the artifact that match no id of the project (skipped ones aside: they never ran). */
  unknown: string[];
  /** Tests that match several ids (a JUnit name without its file): all of them are kept in the order. */
  ambiguous: { test: string; ids: string[] }[];
  /** The ids the victim's own entry matches: more than one, and the artifact cannot tell where the victim ran. */
  victimCandidates: string[];
  /**
   * Per id before the victim, what its test left changed (a record made with `record --state`); undefined when the
   * artifact recorded no changes for any of them.
   */
  footprints?: Map<string, RecordedChange[]> | undefined;
}

/** What one artifact test stands for among the project's ids: none, one, or several when its name cannot tell. */
type Lookup = (test: ArtifactTest) => string[];

/**
 * `selected` is what ran before the victim, then the victim itself (the last entry). The order keeps each id's first
 * position; the victim goes last whatever its entry resolved to.
 */
export function resolveArtifactTests(
  selected: readonly ArtifactTest[],
  victim: string,
  context: ResolveContext,
): Resolved {
  const lookup = context.runner === 'pytest' ? pytestLookup(context) : jsLookup(context);
  const order: string[] = [];
  const seen = new Set<string>([victim]);
  const unknown: string[] = [];
  const ambiguous: Resolved['ambiguous'] = [];
  const footprints = new Map<string, RecordedChange[]>();
  for (const test of selected.slice(0, -1)) {
    const ids = lookup(test);
    if (test.changes !== undefined)
      for (const id of ids) footprints.set(id, [...(footprints.get(id) ?? []), ...test.changes]);
    if (ids.length === 0 && test.outcome !== 'skipped') unknown.push(describeTest(test));
    if (ids.length > 1) ambiguous.push({ test: describeTest(test), ids });
    for (const id of ids) {
      if (!seen.has(id)) order.push(id);
      seen.add(id);
    }
  }
  const last = selected.at(-1);
  const victimCandidates = last === undefined ? [] : lookup(last);
  const recorded = selected.slice(0, -1).some((test) => test.changes !== undefined);
  return { order: [...order, victim], unknown, ambiguous, victimCandidates, ...(recorded ? { footprints } : {}) };
}

function pytestLookup({ collected, format }: ResolveContext): Lookup {
  const known = new Set(collected);
  const files = [...new Set(collected.map((id) => splitNodeid(id).file))];
  const filesLike = memo((file: string) => files.filter((candidate) => samePath(candidate, file)));
  const byName = groupBy(collected, (id) => pytestJunitPair(id).name);

  const byNodeid = (nodeid: string): string[] => {
    for (const candidate of [nodeid, withoutXdistGroup(nodeid)]) {
      if (known.has(candidate)) return [candidate];
      // A rootdir above or below the project: the same test with a longer or shorter path.
      const { file, rest } = splitNodeid(candidate);
      const moved = filesLike(file)
        .map((other) => `${other}::${rest}`)
        .filter((id) => known.has(id));
      if (moved.length > 0) return moved;
    }
    return [];
  };
  const byJunit = (titles: readonly string[]): string[] => {
    const name = titles.at(-1) ?? '';
    const classname = titles.length > 1 ? titles[0]! : '';
    for (const candidate of [name, withoutXdistGroup(name)]) {
      const ids = (byName.get(candidate) ?? []).filter((id) => sameClassname(pytestJunitPair(id).classname, classname));
      const exact = ids.filter((id) => pytestJunitPair(id).classname === classname);
      if (ids.length > 0) return exact.length === 1 ? exact : ids;
    }
    return [];
  };
  return (test) => {
    if (test.nodeid !== undefined) return byNodeid(test.nodeid);
    if (format === 'junit' && test.titles !== undefined) return byJunit(test.titles);
    return [];
  };
}

interface JsEntry {
  id: string;
  project: string | undefined;
  file: string;
  /** The titles joined with ` > `, without the ` #n` of a repeated name. */
  titles: string;
  /** 0 for the first test with this file and titles, 1 for ` #2`, … */
  ordinal: number;
}

function jsLookup({ collected, format }: ResolveContext): Lookup {
  const known = new Set(collected);
  const entries: JsEntry[] = collected.map((id) => {
    const { project, file, titles } = splitJsId(id);
    const repeat = / #(\d+)$/.exec(titles);
    const base = repeat ? id.slice(0, -repeat[0].length) : id;
    // ` #n` is an ordinal only when the id without it is a test too; a title may end in ` #2` itself.
    const ordinal = repeat && known.has(base) ? Number(repeat[1]) - 1 : 0;
    return { id, project, file, titles: ordinal > 0 ? titles.slice(0, -repeat![0].length) : titles, ordinal };
  });
  const files = [...new Set(entries.map((entry) => entry.file))];
  const filesLike = memo((file: string) => new Set(files.filter((candidate) => samePath(candidate, file))));
  const byTitles = groupBy(entries, (entry) => entry.titles);
  // jest-junit writes the titles joined with spaces, vitest's junit reporter with ` > `.
  const byJunitName = new Map<string, JsEntry[]>();
  for (const entry of entries) {
    for (const name of new Set([entry.titles, entry.titles.split(' > ').join(' ')])) {
      byJunitName.set(name, [...(byJunitName.get(name) ?? []), entry]);
    }
  }
  // The n-th time the artifact names a test, it is the test's n-th repeat (` #n`), counted per test.
  const seen = new Map<string, number>();
  const nth = (candidates: readonly JsEntry[], project: string | undefined): string[] => {
    const matching = candidates.filter(
      (entry) => project === undefined || entry.project === undefined || entry.project === project,
    );
    const tests = groupBy(matching, (entry) => JSON.stringify([entry.file, entry.titles]));
    return [...tests.entries()].flatMap(([key, repeats]) => {
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      // Several projects may run the same file: then the n-th mention is the n-th (repeat, project) pair.
      const sorted = [...repeats].sort((a, b) => a.ordinal - b.ordinal);
      const chosen = sorted[count] ?? sorted.at(-1);
      return chosen === undefined ? [] : [chosen.id];
    });
  };
  return (test) => {
    const titles = test.titles ?? [];
    if (test.nodeid !== undefined || titles.length === 0) return [];
    if (format !== 'junit') {
      if (test.file === undefined) return [];
      const inFile = filesLike(test.file);
      return nth(
        (byTitles.get(titles.join(' > ')) ?? []).filter((entry) => inFile.has(entry.file)),
        test.project,
      );
    }
    const name = titles.at(-1)!;
    const classname = titles.length > 1 ? titles[0] : undefined;
    const file = test.file ?? (classname !== undefined && looksLikeJsFile(classname) ? classname : undefined);
    const inFile = file === undefined ? undefined : filesLike(file);
    return nth(
      (byJunitName.get(name) ?? []).filter((entry) => inFile === undefined || inFile.has(entry.file)),
      test.project,
    );
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}
