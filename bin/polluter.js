#!/usr/bin/env node
import { existsSync } from 'node:fs';

// A git checkout or a git dependency whose `prepare` did not run (npm 11 blocks a dependency's scripts unless
// allowed) has no dist/: say how to build it instead of Node's module-not-found trace.
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  const root = new URL('..', import.meta.url).pathname;
  process.stderr.write(
    `polluter: not built: ${root}dist/ is missing; run \`npm run build\` in ${root}, or install with \`npm install --allow-scripts=polluter\` so that its prepare script builds it\n`,
  );
  process.exit(2);
}
await import(cli.href);
