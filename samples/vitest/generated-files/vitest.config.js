import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Like SvelteKit's plugin, which rewrites .svelte-kit/* whenever vite starts: the route types and manifest are
// generated into .generated/ (gitignored) on every start, a listing's and every trial's included.
function routes() {
  return {
    name: 'routes',
    configResolved(config) {
      const out = path.join(config.root, '.generated');
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'routes.d.ts'), "export type Route = '/' | '/cart';\n");
      fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ routes: ['/', '/cart'], generatedAt: Date.now() }));
    },
  };
}

export default defineConfig({ plugins: [routes()], test: { include: ['tests/*.test.js'] } });
