import { defineConfig } from 'vitest/config';

// Message catalog tests.
export default defineConfig({ test: { include: ['tests/*.test.js'], environment: 'node' } });
