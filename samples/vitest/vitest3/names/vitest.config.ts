import { defineConfig } from 'vitest/config';

// Router tests (Vitest 3).
export default defineConfig({ test: { include: ['tests/*.test.js'] } });
