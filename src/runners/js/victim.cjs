// The victim of a listing that also runs the first trial (the tests before the victim, then the victim, in one
// process): which listed file and which of its tests an id names, known before the whole listing is. Ids are made as
// test-tree.ts `assignIds` makes them: `|project| ` when the config has several projects, the file relative to the
// project, the describe names and the title joined by ` > `, ` #N` on a repeated name. polluter checks afterwards that
// the test run as the victim has that id in the whole listing, and discards the run if not.
'use strict';
const path = require('node:path');

const fileId = (file, projectDir) => path.relative(projectDir, file).split(path.sep).join('/');

/** The id without a `|project| ` prefix naming this project (as it is with one project), else as it is. */
function withoutProject(victim, project) {
  const prefix = `|${project}| `;
  return victim.startsWith(prefix) ? victim.slice(prefix.length) : victim;
}

/**
 * The index of the victim's file among `files` ({ project, file }, in run order), or -1. Of two files whose names
 * both start the id (a file name with ` > ` in it), the longer.
 */
function victimFile(victim, files, projectDir) {
  let found = -1;
  files.forEach((entry, index) => {
    const name = fileId(entry.file, projectDir);
    const longer = found === -1 || name.length > fileId(files[found].file, projectDir).length;
    if (longer && withoutProject(victim, entry.project).startsWith(`${name} > `)) found = index;
  });
  return found;
}

/** The index of the victim among a file's `tests` ({ path }, in definition order), or -1. */
function victimTest(victim, entry, tests, projectDir) {
  const wanted = withoutProject(victim, entry.project);
  const taken = new Set();
  const ordinals = new Map();
  return tests.findIndex((test) => {
    const name = [fileId(entry.file, projectDir), ...test.path].join(' > ');
    const key = JSON.stringify(test.path); // ordinals count tests with the same describe names and title
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    let id = name;
    for (let suffix = Math.max(2, ordinal + 1); taken.has(id); suffix += 1) id = `${name} #${suffix}`;
    taken.add(id);
    return id === wanted;
  });
}

module.exports = { victimFile, victimTest };
