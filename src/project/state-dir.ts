import { lstat, mkdir, chmod } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { foreignFile, stateDirUnusable } from '../errors.js';

/**
 * polluter's private per-user directory for what outlives one run (journals, search locks): never a guessable path
 * in the shared temp dir, where another user could create it first. XDG_STATE_HOME (default ~/.local/state) on Linux,
 * ~/Library/Application Support on macOS, LOCALAPPDATA on Windows; POLLUTER_STATE_DIR overrides all.
 */
export function stateDirPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POLLUTER_STATE_DIR) return env.POLLUTER_STATE_DIR;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'polluter');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'polluter');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'polluter');
}

/** The state directory (or one below it), created mode 0700; it and each level below checked to be this user's only. */
export async function privateDir(...below: string[]): Promise<string> {
  const root = stateDirPath();
  const dir = join(root, ...below);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw stateDirUnusable(dir, error);
  }
  for (let depth = 0; depth <= below.length; depth += 1) await assertPrivate(join(root, ...below.slice(0, depth)));
  return dir;
}

async function assertPrivate(dir: string): Promise<void> {
  const stat = await lstat(dir);
  if (!stat.isDirectory()) throw stateDirUnusable(dir, new Error('not a directory (a link or a file is there)'));
  assertOwn(dir, stat.uid);
  // Ours but opened up (an umask, a copy): closed again, since journals steer --resume.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/** Refuses a file or directory that another user owns: its contents could be planted. */
export function assertOwn(path: string, uid: number): void {
  const mine = process.getuid?.();
  if (mine !== undefined && uid !== mine) throw foreignFile(path, uid);
}
