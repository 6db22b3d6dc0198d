// tsc copies only TypeScript output; the runners' helper files (pytest plugin, jest sequencer, vitest driver) ship beside their adapters.
import { cpSync } from 'node:fs';
import fg from 'fast-glob';

const root = new URL('..', import.meta.url).pathname;
for (const file of fg.sync('src/runners/**/*.{py,cjs,mjs}', { cwd: root })) {
  cpSync(`${root}${file}`, `${root}dist/${file.slice('src/'.length)}`);
}
