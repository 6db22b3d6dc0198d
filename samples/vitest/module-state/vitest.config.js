import { defineConfig } from 'vitest/config';

// Stock tests: default settings, every test file gets its own module graph.
export default defineConfig({ test: { include: ['tests/*.test.js'] } });
