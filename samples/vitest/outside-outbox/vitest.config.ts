import { defineConfig } from 'vitest/config';

// A fresh outbox folder (its path in OUTBOX_DIR) for every vitest run, removed at its end: runs never share it.
export default defineConfig({
  test: { include: ['tests/*.test.js'], environment: 'node', globalSetup: ['support/outbox-setup.js'] },
});
