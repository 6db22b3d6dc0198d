import { lstat, readdir, rm, rmdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SKIPPED_DIRS } from '../runners/fingerprint-contract.js';

const SKIPPED = new Set(SKIPPED_DIRS);

interface Tree {
  files: Map<string, string>; // relative path → size:mtime
  dirs: Set<string>;
}

export interface Sweep {
  /** Files that appeared during the trial, now removed. */
  removed: string[];
  /** Files that existed before the search and changed: left as they are, reported. */
  modified: string[];
  /** Of `modified`, those git ignores (a build folder, a cache): never warned about one by one. */
  ignored?: string[] | undefined;
}

/**
 * What a trial leaves in the project must not reach the next trial (a naive search would then blame an innocent
 * test). The file list is taken once before anything runs; after each trial, files that were not there are removed
 * (with the folders they came in) and changed files are reported, never touched.
 */
export class ProjectFiles {
  private constructor(
    private readonly root: string,
    private readonly before: Tree,
  ) {}

  static async snapshot(root: string): Promise<ProjectFiles> {
    return new ProjectFiles(root, await walk(root));
  }

  async sweep(): Promise<Sweep> {
    const now = await walk(this.root);
    const removed: string[] = [];
    const modified: string[] = [];
    for (const [file, stamp] of now.files) {
      const earlier = this.before.files.get(file);
      if (earlier === undefined) {
        // A file we may not remove (a read-only folder) is reported as changed rather than stopping the search.
        const gone = await rm(join(this.root, file), { force: true, recursive: true }).then(
          () => true,
          () => false,
        );
        (gone ? removed : modified).push(file);
      } else if (earlier !== stamp) modified.push(file);
    }
    // New folders, deepest first, once they are empty (a folder with a file we kept stays).
    const newDirs = [...now.dirs].filter((dir) => !this.before.dirs.has(dir)).sort((a, b) => b.length - a.length);
    for (const dir of newDirs) await rmdir(join(this.root, dir)).catch(() => undefined);
    return { removed: removed.sort(), modified: modified.sort(), ignored: await gitIgnored(this.root, modified) };
  }
}

/** Of these files (relative to `root`), those the project's .gitignore files ignore; none outside a git work tree. */
async function gitIgnored(root: string, files: readonly string[]): Promise<string[]> {
  if (files.length === 0) return [];
  // Exit 1: none ignored; 128: not a repository (or no git): nothing is taken as ignored.
  const { execa } = await import('execa'); // loaded only here: it is a tenth of a second of every start
  const result = await execa('git', ['check-ignore', '--stdin', '-z'], {
    cwd: root,
    input: files.join('\0'),
    reject: false,
  }).catch(() => undefined);
  if (result === undefined || result.exitCode !== 0) return [];
  return String(result.stdout)
    .split('\0')
    .filter((file) => file !== '')
    .sort();
}

async function walk(root: string): Promise<Tree> {
  const tree: Tree = { files: new Map(), dirs: new Set() };
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (SKIPPED.has(entry.name)) continue;
        tree.dirs.add(name);
        await visit(path);
      } else {
        const stat = await lstat(path).catch(() => undefined);
        if (stat) tree.files.set(name, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  await visit(root);
  return tree;
}

/**
 * Files trials left in the project: removed ones said once each on stderr, modified ones warned about once (those
 * git ignores in one line). Files the runner itself writes on every start are no trial's doing and not counted.
 */
export class Leftovers {
  private readonly removed = new Set<string>();
  private readonly modified = new Set<string>();
  /** Written by every runner start, the listing's included (`.svelte-kit/*`, generated types): not a trial's doing. */
  private readonly generated = new Set<string>();

  constructor(private readonly progress: (line: string) => void) {}

  /**
   * What a runner start that ran no test (the listing) left: the runner writes these files on every start, so later
   * trials that write them again are not blamed for it. Said once; the new ones are removed like any trial's.
   */
  addGenerated(sweep: Sweep): void {
    const files = [...sweep.removed, ...sweep.modified].filter((file) => !this.generated.has(file)).sort();
    if (files.length === 0) return;
    files.forEach((file) => this.generated.add(file));
    const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, … (${files.length} files)` : '');
    this.progress(
      `${sweep.removed.length > 0 ? 'removed ' : ''}the files the runner writes on every start, not counted as any trial's doing: ${shown}`,
    );
  }

  async add(sweep: Sweep): Promise<void> {
    const ours = (file: string) => !this.generated.has(file);
    const removed = sweep.removed.filter((file) => ours(file) && !this.removed.has(file));
    if (removed.length > 0) this.progress(`removed what a trial left in the project: ${removed.join(', ')}`);
    removed.forEach((file) => this.removed.add(file));
    const ignored = new Set(sweep.ignored ?? []);
    const modified = sweep.modified.filter((file) => ours(file) && !this.modified.has(file));
    modified.forEach((file) => this.modified.add(file));
    for (const file of modified.filter((each) => !ignored.has(each))) {
      this.progress(`warning: a trial changed ${file}, which existed before the search; it is left as it is`);
    }
    const quiet = modified.filter((file) => ignored.has(file));
    if (quiet.length > 0) {
      this.progress(
        `warning: trials changed ${quiet.length} file(s) that git ignores, which existed before the search: ${quiet.slice(0, 3).join(', ')}${quiet.length > 3 ? ', …' : ''}`,
      );
    }
  }

  /** Whether any trial so far left a file in the project (new or changed). */
  any(): boolean {
    return this.removed.size + this.modified.size > 0;
  }

  summary() {
    return { removed: [...this.removed].sort(), modified: [...this.modified].sort() };
  }
}
