import { fingerprintEnv } from '../fingerprint-contract.js';

/**
 * The environment that turns the helpers' state fingerprints on (state.cjs): what each test leaves changed guides
 * the search to the tests that changed something. POLLUTER_STATE=0 in polluter's own environment turns it off (the
 * benchmark measures its cost that way). The project directory is where the helpers look for the project's modules
 * and files, whatever directory a test moves to.
 */
export function stateEnv(projectDir: string): Record<string, string> {
  return {
    POLLUTER_STATE: process.env.POLLUTER_STATE === '0' ? '0' : '1',
    POLLUTER_ROOT: projectDir,
    ...fingerprintEnv(),
  };
}
