import { access, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { SKIPPED_DIRS } from '../runners/fingerprint-contract.js';
import type { FileEdit } from './types.js';

// Installed dependencies are linked, never copied (they are large and a fix never touches them); caches are left out.
const LINKED = new Set(['node_modules', '.venv', 'venv']);
// The folders the fingerprints never look into, but for the dependencies, which are linked.
const LEFT_OUT = new Set(SKIPPED_DIRS.filter((dir) => !LINKED.has(dir)));

/**
 * A private copy of the project where candidate fixes are applied and run: the user's project is never written.
 * It lives in a temp dir the caller removes (also on Ctrl-C).
 */
export class ScratchCopy {
  private applied: readonly FileEdit[] = [];
  private constructor(readonly dir: string) {}

  static async create(projectDir: string, tempDir: string): Promise<ScratchCopy> {
    const dir = join(tempDir, 'project');
    await copyTree(projectDir, dir);
    // A project inside a workspace resolves packages from a node_modules further up, even when it has one of its own
    // (hoisted packages; or only a runner's cache, .vite): the nearest one above is linked one level above the copy.
    const above = await nearestAbove(projectDir, 'node_modules');
    if (above) await symlink(above, join(tempDir, 'node_modules'), 'dir');
    return new ScratchCopy(dir);
  }

  async read(file: string): Promise<string | null> {
    return readFile(join(this.dir, file), 'utf8').catch(() => null);
  }

  /** Applies a candidate's edits, first undoing the previous candidate's. */
  async apply(edits: readonly FileEdit[]): Promise<void> {
    await this.revert();
    for (const edit of edits) {
      await mkdir(dirname(join(this.dir, edit.file)), { recursive: true });
      await writeFile(join(this.dir, edit.file), edit.after);
    }
    this.applied = edits;
  }

  async revert(): Promise<void> {
    for (const edit of this.applied) {
      if (edit.before === null) await rm(join(this.dir, edit.file), { force: true });
      else await writeFile(join(this.dir, edit.file), edit.before);
    }
    this.applied = [];
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory() && LINKED.has(entry.name)) await symlink(source, target, 'dir');
    else if (entry.isDirectory() && LEFT_OUT.has(entry.name)) continue;
    else if (entry.isDirectory()) await copyTree(source, target);
    else await cp(source, target, { verbatimSymlinks: true });
  }
}

async function nearestAbove(dir: string, name: string): Promise<string | undefined> {
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    if (await exists(join(parent, name))) return join(parent, name);
    if (parent === parse(parent).root) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
