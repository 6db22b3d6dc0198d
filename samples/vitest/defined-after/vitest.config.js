import { defineConfig } from 'vitest/config';

// Flags suite; CI runs it shuffled from time to time (--sequence.shuffle).
export default defineConfig({ test: { include: ['tests/**/*.test.{js,mjs}'] } });
