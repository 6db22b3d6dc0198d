import { defineConfig } from 'vitest/config';

// "Our tests are independent, turn isolation off, it is twice as fast."
export default defineConfig({ test: { include: ['tests/*.test.js'], isolate: false } });
