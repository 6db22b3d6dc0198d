// (h) process.env set by hand: saved when the file loads, put back after each of its tests.
import type { Leak } from '../../report/leaks.js';
import { addAfterEach } from '../javascript.js';
import type { Strategy } from '../types.js';

export const jsEnv: Strategy = {
  kind: 'env',
  runner: 'js',
  answers: (leak: Leak) => leak.kind === 'env',
  describe: () => "process.env saved and restored in an afterEach of the polluter's file",
  async edit(leaks, scope, context, files) {
    if (scope === 'project-wide') return undefined;
    for (const file of new Set(context.culprits.map(context.fileOf))) {
      for (const leak of leaks) {
        const variable = /^[A-Za-z_$][\w$]*$/.test(leak.name)
          ? `process.env.${leak.name}`
          : `process.env[${JSON.stringify(leak.name)}]`;
        const saved = `saved${leak.name.toLowerCase().replace(/(^|[^a-z0-9]+)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase())}`;
        const added = await addAfterEach(files, file, {
          comment: `${leak.name} is set by hand in a test: put it back after each test.`,
          setup: [`const ${saved} = ${variable};`],
          body: [`if (${saved} === undefined) delete ${variable};`, `else ${variable} = ${saved};`],
          uses: [],
        });
        if (!added) return undefined;
      }
    }
    const names = leaks.map((leak) => `${leak.name}=${leak.after === null ? '(unset)' : `'${leak.after}'`}`).join(', ');
    return `The polluter sets ${names} by hand and leaves it set for the later tests. The hook saves each variable when the file loads and puts it back after each test.`;
  },
};
