import { defineConfig } from 'vitest/config';

// Sign-up flow tests (Vitest 3). No restoreMocks: spies stay until a test restores them.
export default defineConfig({ test: { include: ['tests/**/*.test.js'], environment: 'node' } });
