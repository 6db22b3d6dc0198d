import { defineConfig } from 'vitest/config';

// The editor tests rely on each test cleaning up its own timers.
export default defineConfig({ test: { include: ['tests/*.test.js'], testTimeout: 2000 } });
