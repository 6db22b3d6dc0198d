import { defineConfig } from 'vitest/config';

// Billing and ops tooling tests.
export default defineConfig({ test: { include: ['tests/**/*.test.js'], testTimeout: 5000 } });
