import { defineConfig } from 'vitest/config';

// No restoreMocks: a spy a test puts in place stays for the rest of the file.
export default defineConfig({ test: { include: ['tests/*.test.js'] } });
