// tsc copies only TypeScript output; the runners' helper files (pytest plugin, jest sequencer, vitest driver) ship beside their adapters,
// and `polluter demo`'s project (the cached-config sample, without its answer) ships in dist/demo/.
import { cpSync } from 'node:fs';
import fg from 'fast-glob';

const root = new URL('..', import.meta.url).pathname;
for (const file of fg.sync('src/runners/**/*.{py,cjs,mjs}', { cwd: root })) {
  cpSync(`${root}${file}`, `${root}dist/${file.slice('src/'.length)}`);
}
const demo = 'samples/pytest/cached-config/';
for (const file of fg.sync(`${demo}**/*`, {
  cwd: root,
  ignore: ['**/__pycache__/**', '**/.pytest_cache/**', `${demo}expected.json`],
})) {
  cpSync(`${root}${file}`, `${root}dist/demo/cached-config/${file.slice(demo.length)}`);
}
