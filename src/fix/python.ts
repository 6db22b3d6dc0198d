// Writing pytest fixtures into a conftest.py or a test module, in the project's own idiom.
import { access } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { FileSet, FixContext, FixScope } from './types.js';

/**
 * How long a save-and-restore fixture holds what it saved: one test, or a whole class or module, for state set in a
 * `setUpClass` or a class- or module-scoped fixture (set up before any function-scoped fixture saves it).
 */
export type FixtureScope = 'function' | 'class' | 'module';

/** An autouse fixture: its name, the imports it needs at the top of the file, and its body (indented by 4). */
export interface Fixture {
  name: string;
  imports: string[];
  docstring: string;
  body: string[];
  /** The fixtures it takes (none when absent). */
  parameters?: string[] | undefined;
  /** Function when absent. */
  scope?: FixtureScope | undefined;
}

/** The suffix that tells a wider fixture's name from the per-test one: `_restore_env_mode_per_class`. */
export function scopeSuffix(scope: FixtureScope): string {
  return scope === 'function' ? '' : `_per_${scope}`;
}

/** "test", "test class", "test module": what a fixture of this scope restores after. */
export function scopeUnit(scope: FixtureScope): string {
  return scope === 'function' ? 'test' : `test ${scope}`;
}

/** Whether a test id names a test in a class (`tests/test_a.py::TestA::test_x`), where a setUpClass can run. */
export function inClass(id: string): boolean {
  return id.replace(/\[.*$/s, '').split('::').length > 2;
}

/** A Python string literal (JSON's escapes are Python's). */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** A name usable in a Python identifier: `PAYMENTS_MODE` → `payments_mode`. */
export function pyName(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'state'
  );
}

/** The files the fixture goes in: the nearest conftest.py above every culprit and the victim, or each culprit's module. */
export async function fixtureFiles(scope: FixScope, context: FixContext, files: FileSet): Promise<string[]> {
  if (scope === 'local') return [...new Set(context.culprits.map(context.fileOf))];
  const dirs = [...context.culprits, context.victim].map((id) => posix.dirname(context.fileOf(id)));
  const common = dirs.reduce(commonDir);
  for (let dir = common; ; dir = posix.dirname(dir)) {
    const conftest = dir === '.' ? 'conftest.py' : `${dir}/conftest.py`;
    if ((await files.text(conftest)) !== null) return [conftest];
    if (dir === '.') break;
  }
  return [common === '.' ? 'conftest.py' : `${common}/conftest.py`];
}

function commonDir(a: string, b: string): string {
  const [left, right] = [a.split('/'), b.split('/')];
  const shared: string[] = [];
  for (let index = 0; index < Math.min(left.length, right.length) && left[index] === right[index]; index++)
    shared.push(left[index]!);
  return shared.length === 0 || (shared.length === 1 && shared[0] === '.') ? '.' : shared.join('/');
}

/** Adds the fixture to the end of the file (created when absent), with its imports at the top; once per name. */
export async function addFixture(files: FileSet, file: string, fixture: Fixture): Promise<void> {
  let text = (await files.text(file)) ?? '';
  if (new RegExp(`^def ${fixture.name}\\(`, 'm').test(text)) return;
  for (const line of [...fixture.imports, 'import pytest']) text = withImport(text, line);
  const block = [
    fixture.scope === undefined || fixture.scope === 'function'
      ? '@pytest.fixture(autouse=True)'
      : `@pytest.fixture(autouse=True, scope="${fixture.scope}")`,
    `def ${fixture.name}(${(fixture.parameters ?? []).join(', ')}):`,
    `    """${fixture.docstring}"""`,
    ...fixture.body.map((line) => (line === '' ? '' : `    ${line}`)),
  ].join('\n');
  const trimmed = text.replace(/\s+$/, '');
  await files.write(file, `${trimmed}${trimmed.includes('\n') || trimmed.length > 0 ? '\n\n\n' : ''}${block}\n`);
}

/** The file with `line` among its imports: after the last top-level import, else after the module docstring. */
function withImport(text: string, line: string): string {
  const lines = text.split('\n');
  if (lines.includes(line)) return text;
  let at = -1;
  lines.forEach((candidate, index) => {
    if (/^(import|from) \S/.test(candidate)) at = index;
  });
  if (at === -1) {
    const docstring = /^("""|''')[\s\S]*?\1\s*\n/.exec(text);
    const head = docstring ? docstring[0] : '';
    const rest = text.slice(head.length);
    return `${head}${line}\n${rest.length > 0 && !rest.startsWith('\n') ? '\n' : ''}${rest}`;
  }
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}

/**
 * A dotted name split into its module and the path inside it: `app.config.get_config` → `app.config` + `get_config`,
 * by the longest prefix that is a module file of the project (`app/config.py`, `app/config/__init__.py`, under src/ too).
 */
export async function splitModule(projectDir: string, dotted: string): Promise<{ module: string; path: string[] }> {
  const parts = dotted.split('.');
  for (let end = parts.length - 1; end >= 1; end--) {
    const module = parts.slice(0, end);
    for (const root of ['', 'src']) {
      const base = join(projectDir, root, ...module);
      if ((await exists(`${base}.py`)) || (await exists(join(base, '__init__.py'))))
        return { module: module.join('.'), path: parts.slice(end) };
    }
  }
  return { module: parts.slice(0, -1).join('.'), path: parts.slice(-1) };
}

/** How a fixture imports a module: `from app import config` (then `config`), or `import config`. */
export function moduleImport(module: string): { line: string; alias: string } {
  const dot = module.lastIndexOf('.');
  if (dot === -1) return { line: `import ${module}`, alias: module };
  return { line: `from ${module.slice(0, dot)} import ${module.slice(dot + 1)}`, alias: module.slice(dot + 1) };
}

/** How many folders the file is below the project root (`tests/conftest.py` → 1). */
export function depthOf(file: string): number {
  return dirname(file) === '.' ? 0 : dirname(file).split('/').length;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
