// The files a jest or vitest test creates, deletes or changes: the project walked recursively, and the top level of
// the OS temp dir. The same rules as the pytest plugin's (polluter_state.py), so every runner names files alike.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

// The folders src/runners/file-walk.ts lists (the sweep never looks into them), and in the temp dir the runners' own caches and polluter's
// own temp dirs and event files: given by polluter (fileWalkEnv), so every runner and the sweep skip the same.
const SKIPPED_DIRS = new Set(JSON.parse(process.env.POLLUTER_SKIPPED_DIRS ?? '[]'));
const OWN_TEMP_PREFIXES = JSON.parse(process.env.POLLUTER_OWN_TEMP ?? '[]');
const isOwnTemp = (name) => OWN_TEMP_PREFIXES.some((prefix) => name.startsWith(prefix));
const TEMP = '$TMPDIR/';
/** A full walk slower than this switches to directory mtimes (see `FileSnapshots`). */
const FULL_WALK_LIMIT_MS = 1;

/**
 * A snapshot is a Map {directory → {mtime, entries}}, entries a Map {name → [size, mtime] | 'directory'}; a
 * directory whose entries did not change keeps the same entries object, so comparing it costs nothing. mtimes are
 * Node's `mtimeMs` (sub-microsecond, from the same nanoseconds): bigint stats cost twice as much.
 */
class FileSnapshots {
  constructor(root) {
    this.root = path.resolve(root);
    this.temp = os.tmpdir();
    this.tempInProject = isInside(this.temp, this.root); // then the walk of the project covers it
    /** 'full' or 'dirs', decided by timing the first walks. */
    this.mode = undefined;
    this.last = undefined;
  }

  take() {
    if (this.mode === undefined) {
      // Decided once, on a second walk: the first one pays for cold caches.
      this.walk(undefined);
      const started = performance.now();
      this.last = this.walk(undefined);
      this.mode = performance.now() - started > FULL_WALK_LIMIT_MS ? 'dirs' : 'full';
      return this.last;
    }
    this.last = this.walk(this.last);
    return this.last;
  }

  /**
   * In 'dirs' mode a directory is read again only when its mtime changed, which creating, deleting or renaming an
   * entry does; a file changed in place is then only seen by the per-trial sweep of src/project/leftovers.ts. In
   * 'full' mode every directory is read, and one whose entries are all as before keeps its earlier entries object.
   */
  walk(previous) {
    const snapshot = new Map();
    const visit = (dir, name, project) => {
      const earlier = previous?.get(name);
      let entry;
      if (this.mode === 'dirs') {
        const stat = fs.statSync(dir, { throwIfNoEntry: false });
        if (stat === undefined || !stat.isDirectory()) return;
        entry = earlier !== undefined && earlier.mtime === stat.mtimeMs ? earlier : { mtime: stat.mtimeMs, entries: read(dir, project, undefined) };
      } else {
        const entries = read(dir, project, earlier?.entries);
        if (entries === undefined) return;
        entry = earlier !== undefined && earlier.entries === entries ? earlier : { mtime: undefined, entries };
      }
      snapshot.set(name, entry);
      if (!project) return;
      for (const [child, value] of entry.entries) {
        if (value === 'directory') visit(`${dir}${path.sep}${child}`, name === '' ? child : `${name}/${child}`, true);
      }
    };
    visit(this.root, '', true);
    if (!this.tempInProject) visit(this.temp, TEMP, false);
    return snapshot;
  }
}

/**
 * A directory's files with their size and mtime, and its subdirectories (project) or its new ones (temp dir);
 * `earlier` itself when nothing changed, undefined when the directory is gone.
 */
function read(dir, project, earlier) {
  let dirents;
  try {
    dirents = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const entries = new Map();
  let unchanged = earlier !== undefined;
  for (const dirent of dirents) {
    const name = dirent.name;
    let value;
    if (dirent.isDirectory()) {
      if (project ? SKIPPED_DIRS.has(name) : isOwnTemp(name)) continue;
      value = 'directory';
    } else {
      if (!project && isOwnTemp(name)) continue;
      const stat = fs.lstatSync(`${dir}${path.sep}${name}`, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      value = [stat.size, stat.mtimeMs];
    }
    if (unchanged && !sameFile(earlier.get(name), value)) unchanged = false;
    entries.set(name, value);
  }
  return unchanged && entries.size === earlier.size ? earlier : entries;
}

function isInside(dir, root) {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** What differs between two file snapshots, as [kind, name, before, after]: `N bytes`, `N bytes, rewritten`, `directory`. */
function fileChanges(before, after) {
  const found = [];
  for (const [dir, entry] of after) {
    const earlier = before.get(dir);
    if (earlier === entry || (earlier !== undefined && earlier.entries === entry.entries)) continue;
    const old = earlier?.entries ?? new Map();
    for (const [name, value] of entry.entries) {
      const was = old.get(name);
      if (!sameFile(was, value)) add(found, dir, name, was, value);
    }
    for (const [name, value] of old) if (!entry.entries.has(name)) add(found, dir, name, value, undefined);
  }
  for (const [dir, entry] of before) {
    if (after.has(dir)) continue;
    for (const [name, value] of entry.entries) add(found, dir, name, value, undefined);
  }
  return found;
}

const sameFile = (a, b) => a === b || (Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1]);

function add(found, dir, name, was, now) {
  const inTemp = dir === TEMP;
  // A project's new folder shows through the files in it; only the temp dir's top level names new folders.
  if (!inTemp && (was === 'directory' || now === 'directory')) return;
  const shown = (value) => (value === undefined ? null : value === 'directory' ? 'directory' : `${value[0]} byte${value[0] === 1 ? '' : 's'}`);
  let after = shown(now);
  if (Array.isArray(was) && Array.isArray(now) && was[0] === now[0]) after += ', rewritten';
  found.push(['file', inTemp ? `${TEMP}${name}` : dir === '' ? name : `${dir}/${name}`, shown(was), after]);
}

module.exports = { FileSnapshots, fileChanges };
