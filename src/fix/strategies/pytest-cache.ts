// (a) an lru_cache that kept what a test computed under its own settings: cleared after every test.
import type { Leak } from '../../report/leaks.js';
import { addFixture, fixtureFiles, moduleImport, pyName, splitModule } from '../python.js';
import type { Strategy } from '../types.js';

export const pytestCache: Strategy = {
  kind: 'cache',
  runner: 'pytest',
  answers: (leak: Leak) => leak.kind === 'cache',
  describe: (scope) =>
    `lru_cache cleared in an autouse fixture (${scope === 'local' ? "in the polluter's module" : 'conftest.py'})`,
  async edit(leaks, scope, context, files) {
    const names: string[] = [];
    for (const leak of leaks) {
      const { module, path } = await splitModule(context.projectDir, leak.name);
      const { line, alias } =
        path.length === 1 ? { line: `from ${module} import ${path[0]}`, alias: '' } : moduleImport(module);
      const cached = alias === '' ? path[0]! : [alias, ...path].join('.');
      for (const file of await fixtureFiles(scope, context, files)) {
        await addFixture(files, file, {
          name: `_clear_${pyName(path.at(-1)!)}_cache`,
          imports: [],
          docstring: `${leak.name} keeps what the first caller computed (under that test's env and settings): clear it after each test.`,
          body: ['yield', line, '', `${cached}.cache_clear()`],
        });
      }
      names.push(leak.name);
    }
    const causes = leaks.flatMap((leak) => (leak.cause ? [`${leak.cause.explanation}.`] : []));
    const what = `${names.join(', ')} ${names.length === 1 ? 'is an lru_cache' : 'are lru_caches'}: what the polluter computed under its own settings stays cached for every later test, after those settings are restored.`;
    return `${[...causes, what].join(' ')} The fixture clears the cache after each test, so each test computes its own value.`;
  },
};
