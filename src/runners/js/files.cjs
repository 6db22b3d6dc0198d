// The files a jest or vitest test creates, deletes or changes: the project walked recursively, and the top level of
// the OS temp dir. The same rules as the pytest plugin's (polluter_state.py), so every runner names files alike.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

// How files are walked comes from the fingerprint contract (src/runners/fingerprint-contract.ts): the folders never
// looked into (as the project sweep), the temp dir's entries that are the runners' and polluter's own, and when to
// switch from full walks to folder mtimes. polluter_state.py follows the same contract, so every runner names files
// alike.
const { CONTRACT } = require('./contract.cjs');
const { skippedDirs, ownTempPrefixes, fullWalkLimitMs, fullWalkFloorMs, fullWalkShare, timedWalks, racyMs } =
  CONTRACT.fileWalk;
const SKIPPED_DIRS = new Set(skippedDirs);
const isOwnTemp = (name) => ownTempPrefixes.some((prefix) => name.startsWith(prefix));
const TEMP = '$TMPDIR/';
/** FileSnapshots.of's instances, by root and temp dir. */
const SHARED = new Map();

/**
 * A snapshot is a Map {directory → {mtime, entries}}: mtime undefined for a folder changed within racyMs, entries a
 * Map {name → [size, mtime] | 'directory'}; a directory whose entries did not change keeps the same entries object,
 * so comparing it costs nothing. mtimes are Node's `mtimeMs` (sub-microsecond, from the same nanoseconds): bigint
 * stats cost twice as much.
 */
class FileSnapshots {
  /**
   * The snapshots of `root` in this process: one instance for every test file's fingerprints, so the walk's mode is
   * decided once per process (as the contract says, and as polluter_state.py does) and each walk starts from the last
   * one. vitest runs its setup files again for every test file of a worker, and each makes fingerprints of its own;
   * without this, every file timed three full walks again and started from none. jest's trials load it once per
   * process too, outside jest's module registry (see sequencer.cjs).
   */
  static of(root) {
    const key = `${path.resolve(root)}\0${os.tmpdir()}`;
    let snapshots = SHARED.get(key);
    if (snapshots === undefined) SHARED.set(key, (snapshots = new FileSnapshots(root)));
    return snapshots;
  }

  constructor(root) {
    this.root = realpath(path.resolve(root));
    this.temp = realpath(os.tmpdir());
    // A temp dir inside the project (TMPDIR=./tmp) is looked at as the temp dir only: polluter's files live there.
    this.skipped = isInside(this.temp, this.root) ? this.temp : undefined;
    /** Whether a folder is listed again only when its mtime changed; decided once, from the first walks' timings. */
    this.byFolderMtime = false;
    this.timings = []; // milliseconds of the first full walks, until the mode is decided
    this.gaps = []; // milliseconds between them: the tests' own time
    this.ended = undefined; // when the last timed walk ended
    this.last = undefined;
  }

  take() {
    if (this.timings === undefined) return (this.last = this.walk(this.last));
    const started = performance.now();
    if (this.ended !== undefined) this.gaps.push(started - this.ended);
    this.last = this.walk(this.last);
    this.ended = performance.now();
    this.timings.push(this.ended - started);
    if (this.timings.length === timedWalks) {
      // Medians of walks around different tests: the first pays for cold caches, and one may be preempted. A walk
      // is cheap within the limit, and within the floor or a share of the tests' own time (the contract's rule).
      const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const walk = median(this.timings);
      this.byFolderMtime =
        walk > fullWalkLimitMs || (walk > fullWalkFloorMs && walk > fullWalkShare * median(this.gaps));
      this.timings = undefined;
    }
    return this.last;
  }

  /**
   * By folder mtime, a folder is listed again only when its mtime changed, which creating, deleting or renaming an
   * entry does; a file changed in place is then only seen by the per-trial sweep of src/project/leftovers.ts. Else
   * every folder is listed, and one whose entries are all as before keeps its earlier entries object. Either way, a
   * folder changed within racyMs before the walk keeps no mtime, so it is listed again next time: an mtime ticks
   * coarsely, and a folder changed just now may change again without a new one.
   */
  walk(previous) {
    const snapshot = new Map();
    const recent = Date.now() - racyMs;
    const visit = (dir, name, project) => {
      const stat = fs.statSync(dir, { throwIfNoEntry: false });
      if (stat === undefined || !stat.isDirectory()) return;
      const earlier = previous?.get(name);
      let entry;
      if (this.byFolderMtime && earlier !== undefined && earlier.mtime === stat.mtimeMs) entry = earlier;
      else {
        const entries = read(dir, project, earlier?.entries, this.skipped);
        if (entries === undefined) return;
        const mtime = stat.mtimeMs < recent ? stat.mtimeMs : undefined;
        entry =
          earlier !== undefined && earlier.entries === entries && earlier.mtime === mtime
            ? earlier
            : { mtime, entries };
      }
      snapshot.set(name, entry);
      if (!project) return;
      for (const [child, value] of entry.entries) {
        if (value === 'directory') visit(`${dir}${path.sep}${child}`, name === '' ? child : `${name}/${child}`, true);
      }
    };
    visit(this.root, '', true);
    visit(this.temp, TEMP, false);
    return snapshot;
  }
}

/**
 * A directory's files with their size and mtime, and its subdirectories (project) or its new ones (temp dir);
 * `earlier` itself when nothing changed, undefined when the directory is gone.
 */
function read(dir, project, earlier, skipped) {
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
      if (project ? SKIPPED_DIRS.has(name) || `${dir}${path.sep}${name}` === skipped : isOwnTemp(name)) continue;
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

function realpath(dir) {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
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
  const shown = (value) =>
    value === undefined ? null : value === 'directory' ? 'directory' : `${value[0]} byte${value[0] === 1 ? '' : 's'}`;
  let after = shown(now);
  if (Array.isArray(was) && Array.isArray(now) && was[0] === now[0]) after += ', rewritten';
  found.push(['file', inTemp ? `${TEMP}${name}` : dir === '' ? name : `${dir}/${name}`, shown(was), after]);
}

module.exports = { FileSnapshots, fileChanges };
