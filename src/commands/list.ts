import { withRunner, type RunnerSettings } from '../runners/create.js';
import { withTempDir } from '../temp-dir.js';
import type { CommandIo } from './io.js';

/** `polluter list`: every test id as the tool sees it, in run order, one per line. */
export async function list(options: Omit<RunnerSettings, 'tempDir'>, io: CommandIo): Promise<number> {
  return withTempDir((tempDir) =>
    withRunner({ ...options, tempDir }, async (runner) => {
      const ids = await runner.list();
      for (const warning of runner.listingWarnings?.() ?? []) io.progress(`warning: ${warning}`);
      io.stdout(ids.map((id) => `${id}\n`).join(''));
      io.progress(`${ids.length} tests (${runner.name})`);
      return 0;
    }),
  );
}
