import { defineConfig } from 'vitest/config';

// Default isolation here; the project's CI runs `vitest run --no-isolate` (faster), so that is where files share a
// process and the victim fails. polluter must get `--no-isolate` after `--` to every run.
export default defineConfig({ test: { include: ['tests/*.test.js'] } });
