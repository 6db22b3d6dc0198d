// tsc copies only TypeScript output; the runners' helper files (the pytest plugin) ship beside their adapters.
import { cpSync } from 'node:fs';
import fg from 'fast-glob';

const root = new URL('..', import.meta.url).pathname;
for (const file of fg.sync('src/runners/**/*.py', { cwd: root })) {
  cpSync(`${root}${file}`, `${root}dist/${file.slice('src/'.length)}`);
}
