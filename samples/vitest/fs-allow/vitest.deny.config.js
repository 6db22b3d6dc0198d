import { defineConfig } from 'vitest/config';

// The same project with a deny list vite checks before its allow list: no .mjs file is served, wherever it lives.
// polluter's own setup file (setup.mjs) cannot load in any trial, so no trial runs the victim: polluter must stop
// and say so, not count the load error as the victim failing. Used with `-- --config vitest.deny.config.js`.
export default defineConfig({
  server: { fs: { strict: true, allow: ['src', 'tests'], deny: ['**/*.mjs'] } },
  test: { include: ['tests/*.test.js'], environment: './tests/browser-like-env.js', setupFiles: ['tests/setup.js'] },
});
