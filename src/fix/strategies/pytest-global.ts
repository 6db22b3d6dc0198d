// (c) a module global, a class attribute or a registry changed by a test: saved before each test (or class, or module)
// and restored after it, in place.
import type { Leak } from '../../report/leaks.js';
import {
  addFixture,
  fixtureFiles,
  inClass,
  moduleImport,
  pyName,
  pyString,
  scopeSuffix,
  scopeUnit,
  splitModule,
  type FixtureScope,
} from '../python.js';
import { setBefore } from './pytest-env.js';
import type { Strategy } from '../types.js';

type Container = 'dict' | 'list' | 'set';

/** The container a leak's description says it is on both sides: `list of 0 items → list of 1 item` (the same object). */
function describedContainer(leak: Leak): Container | undefined {
  return (['dict', 'list', 'set'] as const).find((kind) =>
    [leak.before, leak.after].every((side) => side?.startsWith(`${kind} of `)),
  );
}

/** The container a leak's name or description says it is: `X['key']` is a dict, `X[3]` a list. */
function containerOf(leak: Leak, subscript: string | undefined): Container | undefined {
  if (subscript !== undefined) return /^\[\d+\]/.test(subscript) ? 'list' : 'dict';
  const described = `${leak.before ?? ''} ${leak.after ?? ''}`;
  for (const kind of ['dict', 'list', 'set'] as const) if (new RegExp(`\\b${kind} of\\b`).test(described)) return kind;
  return undefined;
}

/** Save-and-restore lines for one global: a container's contents are put back into the same object. */
function restoreLines(target: string, container: Container | undefined, rebindable: boolean): string[] {
  if (container === undefined) return [`saved = ${target}`, 'yield', `${target} = saved`];
  const restore = container === 'list' ? ['original[:] = saved'] : ['original.clear()', 'original.update(saved)'];
  return [
    `original = ${target}`,
    `saved = ${container}(original)`,
    'yield',
    ...(rebindable ? [`${target} = original`] : []),
    ...restore,
  ];
}

/** The save-and-restore strategy at one fixture scope (see savedEnv in pytest-env.ts for why there are three). */
function savedGlobal(scope: FixtureScope): Strategy {
  return {
    kind: 'global',
    runner: 'pytest',
    answers: (leak: Leak) => leak.kind === 'global' && (scope !== 'class' || inClass(leak.by)),
    describe: (fixtureScope) =>
      `global (a module's, a class attribute, a registry) restored by a save-and-restore autouse fixture${scope === 'function' ? '' : ` per ${scopeUnit(scope)}`} (${fixtureScope === 'local' ? "in the polluter's module" : 'conftest.py'})`,
    async edit(leaks, fixtureScope, context, files) {
      const described: string[] = [];
      for (const leak of leaks) {
        const bracket = leak.name.indexOf('[');
        const base = bracket === -1 ? leak.name : leak.name.slice(0, bracket);
        const subscript = bracket === -1 ? undefined : leak.name.slice(bracket);
        const { module, path } = await splitModule(context.projectDir, base);
        const { line, alias } = moduleImport(module);
        // A list or dict inside a registry (`HANDLERS['save']` appended to): that inner object is restored in place.
        const inner = subscript === undefined ? undefined : describedContainer(leak);
        const container = inner ?? containerOf(leak, subscript);
        let body: string[];
        if (inner !== undefined) body = restoreLines(`${[alias, ...path].join('.')}${subscript!}`, inner, false);
        else if (container === undefined && path.length > 1) {
          // An attribute of a module-level object: put that attribute back (or remove it when it was not there).
          const owner = [alias, ...path.slice(0, -1)].join('.');
          const attribute = pyString(path.at(-1)!);
          body = [
            `owner = ${owner}`,
            `had = hasattr(owner, ${attribute})`,
            `saved = getattr(owner, ${attribute}, None)`,
            'yield',
            'if had:',
            `    setattr(owner, ${attribute}, saved)`,
            `elif hasattr(owner, ${attribute}):`,
            `    delattr(owner, ${attribute})`,
          ];
        } else body = restoreLines([alias, ...path].join('.'), container, path.length === 1);
        for (const file of await fixtureFiles(fixtureScope, context, files)) {
          await addFixture(files, file, {
            name: `_restore_${pyName([...path, ...(inner ? [subscript!] : [])].join('_'))}${scopeSuffix(scope)}`,
            imports: [],
            docstring: `Puts ${module}.${path.join('.')}${inner ? subscript! : ''} back as it was after each ${scopeUnit(scope)}${container ? ' (its contents, in the same object)' : ''}.`,
            scope,
            body: [line, '', ...body],
          });
        }
        described.push(`${leak.name} (${leak.before ?? 'absent'} → ${leak.after ?? 'absent'})`);
      }
      const inPlace =
        'a dict or list is restored in place, so code holding the same object sees the restored contents.';
      if (scope === 'function') {
        return `The polluter changes ${described.join(', ')} and leaves it changed for every later test. The fixture saves it before each test and restores it afterwards; ${inPlace}`;
      }
      return `${described.join(', ')} ${described.length === 1 ? 'is' : 'are'} changed ${setBefore(scope)}, so it stays changed for every later test. The fixture, ${scope}-scoped, saves it before the ${scopeUnit(scope)}'s setup and restores it after its teardown; ${inPlace}`;
    },
  };
}

export const pytestGlobal = savedGlobal('function');
export const pytestGlobalPerClass = savedGlobal('class');
export const pytestGlobalPerModule = savedGlobal('module');
