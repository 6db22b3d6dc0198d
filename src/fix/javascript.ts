// Writing afterEach hooks into a jest or vitest test file, and switches into the project's config.
import type { RunnerName } from '../runners/runner.js';
import type { FileSet } from './types.js';

/** The object tests use for mocks and timers: `jest` or `vi`. */
export function mockObject(runner: RunnerName): 'jest' | 'vi' {
  return runner === 'vitest' ? 'vi' : 'jest';
}

/**
 * Adds a top-level `afterEach` (it runs after every test of the file) at the end of the test file, once per body;
 * where the file imports its test functions (`from 'vitest'`, `from '@jest/globals'`), `afterEach` and the mock
 * object join that import.
 */
export async function addAfterEach(
  files: FileSet,
  file: string,
  hook: { comment: string; setup?: string[]; body: string[]; uses: string[]; async?: boolean | undefined },
): Promise<boolean> {
  let text = await files.text(file);
  if (text === null) return false;
  const body = hook.body.map((line) => `  ${line}`).join('\n');
  const opening = hook.async ? 'afterEach(async () => {' : 'afterEach(() => {';
  if (text.includes(`${opening}\n${body}\n});`)) return true;
  const imported = /import\s*\{([^}]*)\}\s*from\s*(['"])(vitest|@jest\/globals)\2;?/.exec(text);
  if (imported) {
    const names = imported[1]!
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const missing = ['afterEach', ...hook.uses].filter((name) => !names.includes(name));
    if (missing.length > 0)
      text = text.replace(
        imported[0],
        `import { ${[...names, ...missing].join(', ')} } from ${imported[2]}${imported[3]}${imported[2]};`,
      );
  }
  const block = [`// ${hook.comment}`, ...(hook.setup ?? []), opening, body, '});'].join('\n');
  await files.write(file, `${text.replace(/\s+$/, '')}\n\n${block}\n`);
  return true;
}

/**
 * Turns on a boolean switch in the project's jest or vitest config: `restoreMocks: true` in the object the config
 * exports (jest: `module.exports = {`/`export default {`, vitest: its `test: {`), or in package.json's "jest". Only
 * where that place is found exactly once; otherwise undefined, and the local hook is tried instead.
 */
export async function configSwitch(files: FileSet, runner: RunnerName, key: string): Promise<string | undefined> {
  const names =
    runner === 'vitest'
      ? [
          'vitest.config.ts',
          'vitest.config.js',
          'vitest.config.mts',
          'vitest.config.mjs',
          'vite.config.ts',
          'vite.config.js',
        ]
      : ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.ts'];
  for (const name of names) {
    const text = await files.text(name);
    if (text === null) continue;
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1'); // comments aside
    if (new RegExp(`\\b${key}\\s*:`).test(code)) return undefined; // set already (to false): not ours to flip
    const opening = runner === 'vitest' ? /\btest\s*:\s*\{/g : /(module\.exports\s*=|export\s+default)\s*\{/g;
    const found = [...text.matchAll(opening)];
    if (found.length !== 1) return undefined;
    const at = found[0]!.index! + found[0]![0].length;
    const multiline = text[at] === '\n';
    const insertion = multiline ? `\n  ${key}: true,` : ` ${key}: true,`;
    await files.write(name, `${text.slice(0, at)}${insertion}${text.slice(at)}`);
    return name;
  }
  if (runner === 'jest') {
    const text = await files.text('package.json');
    if (text === null) return undefined;
    const manifest = JSON.parse(text) as { jest?: Record<string, unknown> };
    if (typeof manifest.jest !== 'object' || manifest.jest === null || key in manifest.jest) return undefined;
    manifest.jest[key] = true;
    await files.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    return 'package.json';
  }
  return undefined;
}
