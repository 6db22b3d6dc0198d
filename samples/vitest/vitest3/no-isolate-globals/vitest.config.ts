import { defineConfig } from 'vitest/config';

// Isolation off to speed up the logger suite (Vitest 3).
export default defineConfig({ test: { include: ['tests/*.test.js'], isolate: false } });
