/** Folders never looked into: dependencies, version control and caches that runners keep for themselves. */
export const SKIPPED_DIRS = ['node_modules', '.git', '.hg', '.svn', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.venv', 'venv'];
/** Entries of the temp dir that are the runners' own caches, or polluter's own files. */
const OWN_TEMP_PREFIXES = ['polluter-', 'pytest-of-', 'jest_', 'vitest'];

/**
 * What the runners' helpers skip when they fingerprint files around each test (polluter_state.py, files.cjs): the
 * same folders as the project sweep (project/leftovers.ts), so that every runner names the same files.
 */
export function fileWalkEnv(): Record<string, string> {
  return { POLLUTER_SKIPPED_DIRS: JSON.stringify(SKIPPED_DIRS), POLLUTER_OWN_TEMP: JSON.stringify(OWN_TEMP_PREFIXES) };
}
