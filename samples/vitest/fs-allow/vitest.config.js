import { defineConfig } from 'vitest/config';

// Like the vite config of a SvelteKit project: vite serves only the project's own folders (server.fs.strict is on by
// default), so a module outside them, in the OS temp dir for instance, is refused to the test workers.
export default defineConfig({
  server: { fs: { strict: true, allow: ['src', 'tests'] } },
  test: { include: ['tests/*.test.js'], environment: './tests/browser-like-env.js', setupFiles: ['tests/setup.js'] },
});
