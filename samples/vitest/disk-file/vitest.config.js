import { defineConfig } from 'vitest/config';

// Backup job tests. Nothing here may write inside the project directory.
export default defineConfig({ test: { include: ['tests/**/*.test.js'], environment: 'node' } });
