// A module-level value a module fills lazily (a cached config): reset after each test through the module's own
// reset function (`resetConfig()`, `clearCache()`), when it exports one.
import { posix } from 'node:path';
import type { Leak } from '../../report/leaks.js';
import { addAfterEach } from '../javascript.js';
import type { FileSet, FixContext, Strategy } from '../types.js';

const MODULE_SCOPE = /^(.+) \(module scope\): ([\w$]+)/;
const RESET = /^(reset|clear|invalidate)/i;

/** The functions a module exports, read from its source: ESM `export function`/`export const`, CommonJS `exports.x =`. */
function exportedFunctions(source: string): string[] {
  const names = [
    ...source.matchAll(/^export\s+(?:async\s+)?function\s+([\w$]+)/gm),
    ...source.matchAll(/^export\s+const\s+([\w$]+)\s*=\s*(?:async\s*)?(?:\(|function)/gm),
    ...source.matchAll(/^(?:module\.)?exports\.([\w$]+)\s*=/gm),
  ].map((match) => match[1]!);
  return [...new Set(names)];
}

/** The module's reset function for this variable: one named reset…/clear…, preferably after the variable or the module. */
async function resetFunction(leak: Leak, files: FileSet): Promise<{ module: string; reset: string } | undefined> {
  const match = MODULE_SCOPE.exec(leak.name);
  if (!match) return undefined;
  const [, module, variable] = match as unknown as [string, string, string];
  const source = await files.text(module);
  if (source === null) return undefined;
  const resets = exportedFunctions(source).filter((name) => RESET.test(name));
  const stem = posix
    .basename(module)
    .replace(/\.[cm]?[jt]s$/, '')
    .toLowerCase();
  const named = resets.find(
    (name) => name.toLowerCase().includes(variable.toLowerCase()) || name.toLowerCase().includes(stem),
  );
  const reset = named ?? (resets.length === 1 ? resets[0] : undefined);
  return reset === undefined ? undefined : { module, reset };
}

/** How the test file gets the function: an import beside its others (ESM), or a require (CommonJS). */
function importLine(testFile: string, module: string, reset: string, source: string): string {
  let path = posix.relative(posix.dirname(testFile), module);
  if (!path.startsWith('.')) path = `./${path}`;
  return /^import\s/m.test(source) ? `import { ${reset} } from '${path}';` : `const { ${reset} } = require('${path}');`;
}

export const jsModuleCache: Strategy = {
  kind: 'module-cache',
  runner: 'js',
  answers: (leak: Leak) => leak.kind === 'global' && MODULE_SCOPE.test(leak.name),
  describe: () => "the module's reset function called in an afterEach of the polluter's file",
  async edit(leaks, scope, context: FixContext, files) {
    if (scope === 'project-wide') return undefined;
    const described: string[] = [];
    for (const leak of leaks) {
      const found = await resetFunction(leak, files);
      if (!found) return undefined;
      for (const file of new Set(context.culprits.map(context.fileOf))) {
        const source = await files.text(file);
        if (source === null) return undefined;
        const line = importLine(file, found.module, found.reset, source);
        const withImport = source.includes(line) ? source : addImport(source, line);
        await files.write(file, withImport);
        const added = await addAfterEach(files, file, {
          comment: `${found.module} keeps what it read the first time: read it again for each test.`,
          body: [`${found.reset}();`],
          uses: [],
        });
        if (!added) return undefined;
      }
      described.push(
        `${leak.name} (${leak.before ?? 'absent'} → ${leak.after ?? 'absent'}), reset by ${found.reset}()`,
      );
    }
    return `The polluter leaves ${described.map((text) => text.replace(/, reset by .*$/, '')).join(', ')} filled for the later tests. ${described.map((text) => text.replace(/^.*, reset by /, '')).join(', ')} after each test of its file empties it, so the next test reads its own settings.`;
  },
};

/** The source with `line` after its last top-level import or require, else at the top. */
function addImport(source: string, line: string): string {
  const lines = source.split('\n');
  let at = -1;
  lines.forEach((candidate, index) => {
    if (/^import\s|^const .*= require\(/.test(candidate)) at = index;
  });
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}
