import { defineConfig } from 'vitest/config';

// Export-plugin tests.
export default defineConfig({ test: { include: ['tests/*.test.{js,mjs}'] } });
