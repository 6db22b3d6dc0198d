// A printed command must reproduce when pasted as printed: in the directory polluter ran from, with polluter
// reachable the way it is there.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellCommand } from '../shell-quote.js';

/** This polluter's own entry point: what `node …` runs when the project does not have polluter installed. */
const OWN_BIN = fileURLToPath(new URL('../../bin/polluter.js', import.meta.url));

/**
 * How to start polluter in `projectDir`: `npx polluter` when the project has it installed (npx runs the bin of the
 * nearest folder with a package.json; anywhere else it would ask the registry), else this polluter by its path.
 */
export function polluterCommand(projectDir: string): string[] {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')))
      return existsSync(join(dir, 'node_modules', '.bin', 'polluter')) ? ['npx', 'polluter'] : ['node', OWN_BIN];
    if (dirname(dir) === dir) return ['node', OWN_BIN];
  }
}

/** `argv` as a shell line run in `projectDir`: `cd DIR && …` when that is not the directory polluter runs in. */
export function inProjectDir(projectDir: string, argv: readonly string[], cwd = process.cwd()): string {
  const path = relative(cwd, projectDir);
  if (path === '') return shellCommand(argv);
  // A folder below this one by its relative path (as the user typed it), anything else by its absolute path.
  const dir = path.startsWith('..') || isAbsolute(path) ? projectDir : path;
  return `cd ${shellCommand([dir])} && ${shellCommand(argv)}`;
}
