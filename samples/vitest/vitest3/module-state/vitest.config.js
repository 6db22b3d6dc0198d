import { defineConfig } from 'vitest/config';

// Rate limiter tests (Vitest 3).
export default defineConfig({ test: { include: ['tests/**/*.test.js'], environment: 'node' } });
