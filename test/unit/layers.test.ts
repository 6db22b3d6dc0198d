import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// Imports point down only (docs/development.md, Layout). Lowest first; a module may import its own layer and those
// below it. The cycle this guards against: project/ builds on runners/, so runners/ must never reach into project/.
const LAYERS: readonly (readonly string[])[] = [
  ['errors.ts', 'printable.ts', 'shell-quote.ts', 'temp-dir.ts', 'test-ids.ts'], // plain utilities
  ['search'], // the algorithms, pure over an oracle
  ['ci', 'github'], // CI artifacts, the GitHub REST client
  ['order'], // order sources and fallback orders (read CI artifacts)
  ['runners'], // one adapter per runner, the runner → oracle bridge
  ['project', 'record'], // around every trial (journal, leftovers, --before-trial); polluter record
  ['report'], // renderers and progress
  ['fix'], // polluter fix: the strategies, the scratch copy, the proof
  ['commands'], // one module per command
  ['cli.ts', 'action.ts'], // the command line, the GitHub Action's entry point
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** The layer of a path under src/ (its first segment: a folder or a top-level file), or -1 when none is declared. */
function layerOf(path: string): number {
  const top = path.split('/')[0]!;
  return LAYERS.findIndex((layer) => layer.includes(top));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of a file (`import`, `import type`, `export … from`, `import()`), as paths under src/. */
function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(dirname(file), name)).replaceAll('\\', '/'));
}

/** Every import that runs back up the layers, as `from → to` lines (paths under src/). */
function upwardImports(files: ReadonlyMap<string, string>): string[] {
  const upward: string[] = [];
  for (const [path, source] of files) {
    const from = layerOf(path);
    for (const target of importsOf(join(SRC, path), source)) {
      if (layerOf(target) > from) upward.push(`${path} → ${target}`);
    }
  }
  return upward;
}

describe('layers', () => {
  const files = new Map(
    sourceFiles(SRC).map((file) => [relative(SRC, file).replaceAll('\\', '/'), readFileSync(file, 'utf8')]),
  );

  it('every file under src/ belongs to a declared layer', () => {
    assert.ok(files.size > 50, `${files.size} files read`);
    const undeclared = [...files.keys()].filter((path) => layerOf(path) < 0);
    assert.deepEqual(undeclared, [], 'a new folder or top-level file needs its place in LAYERS');
  });

  it('no import runs back up the layers', () => {
    assert.deepEqual(upwardImports(files), []);
  });

  it('the check sees an upward import, a type-only one and a re-export', () => {
    const planted = new Map([
      ['runners/oracle.ts', "import { changeKey } from '../report/leaks.js';\nexport const x = 1;"],
      ['search/find.ts', "import type { Runner } from '../runners/runner.js';"],
      ['ci/names.ts', "export { x } from '../commands/io.js';"],
      ['report/text.ts', "import { x } from '../runners/runner.js';\nimport { y } from './leaks.js';"],
    ]);
    assert.deepEqual(upwardImports(planted), [
      'runners/oracle.ts → report/leaks.js',
      'search/find.ts → runners/runner.js',
      'ci/names.ts → commands/io.js',
    ]);
  });
});
