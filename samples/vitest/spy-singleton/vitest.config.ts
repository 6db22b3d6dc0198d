import { defineConfig } from 'vitest/config';

// Note: no restoreMocks / mockReset here, so spies survive from one test to the next within a file.
export default defineConfig({ test: { include: ['tests/**/*.test.js'] } });
