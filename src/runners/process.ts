import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export interface GroupRunOptions extends SupervisionOptions {
  cwd: string;
  env: Record<string, string>;
  /** stdout and stderr go to this file, not to memory: a 50,000-test suite prints a lot. */
  outputFile: string;
}

export interface GroupRunResult {
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut: boolean;
  wallSeconds: number;
}

/** The user interrupted the search (Ctrl-C, SIGTERM) while a trial ran; its process group is already killed. */
export class TrialAbortedError extends Error {
  constructor() {
    super('the trial was interrupted');
  }
}

/**
 * Runs a command in a process group of its own, so that a timeout or Ctrl-C kills every process the tests started,
 * and so that nothing a trial left running survives it. Throws TrialAbortedError when `signal` aborts it.
 */
export async function runInProcessGroup(
  file: string,
  args: readonly string[],
  options: GroupRunOptions,
): Promise<GroupRunResult> {
  const started = performance.now();
  // One descriptor for both, so that stdout and stderr interleave as they were written.
  const output = openSync(options.outputFile, 'w');
  let leader: GroupLeader;
  try {
    // stdin: the watch pipe (see `watched`); the command itself reads /dev/null.
    leader = startGroup(file, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', output, output] }).leader;
  } finally {
    closeSync(output); // the child has its own copy
  }
  return superviseGroup(leader, options, started);
}

/**
 * `file args` started so that it cannot outlive polluter, even when polluter is killed with SIGKILL: through `sh`, which
 * forks a watcher into the group and then becomes the command (exec: same pid, so the command still leads the group).
 * The watcher holds the read end of a pipe whose only writer is polluter (the child's stdin, never written to); when
 * polluter dies the kernel closes it, the watcher's `read` ends, and it kills the whole process group (`kill 0`),
 * itself included. While polluter lives, the group is killed as before (timeout, Ctrl-C, end of trial), watcher and
 * all. The watcher lets go of everything else (stdout, stderr, fd 3), so that nobody waits for it to close them.
 */
export function watched(file: string, args: readonly string[]): [string, string[]] {
  return ['/bin/sh', ['-c', WATCHER_SCRIPT, 'polluter-trial', file, ...args]];
}

// fd 9 carries the pipe into the watcher: sh gives a background job /dev/null as its stdin.
const WATCHER_SCRIPT =
  'exec 9<&0; ( exec 0<&9 9<&- 3>&- 1>/dev/null 2>&1; read -r _; kill -s KILL 0 ) & exec "$@" </dev/null 9<&-';

/** What watches a trial's process group once it runs: its time limit and the user's Ctrl-C. */
export interface SupervisionOptions {
  /** Seconds the group may run without a sign of progress (see `progressFile`) before it is killed. */
  timeoutSeconds: number;
  /**
   * A file the run appends to as it goes (a trial's events: each test's start and end). Its last change counts as
   * progress, so that the limit is on one test (or the start up to the first), not on the whole run: a long suite is
   * never taken for a hang, and a hang is still stopped `timeoutSeconds` after the last test started or ended.
   * Without it the limit is on the whole run.
   */
  progressFile?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A running process that leads its own process group: settles with how it ended (neither: it could not start). */
export type GroupLeader = PromiseLike<{ exitCode?: number | undefined; signal?: string | undefined }> & {
  pid?: number | undefined;
};

export interface GroupStartOptions {
  cwd: string;
  /** Added to polluter's own environment. */
  env: Record<string, string>;
  /** stdin must be 'pipe': it is the pipe `watched` watches. */
  stdio: StdioOptions & ['pipe', ...unknown[]];
}

/**
 * Starts `file args` through `watched`, as the leader of a process group of its own (node's `detached`). node's own
 * child_process, not execa: loading execa is about a tenth of a second of every polluter start, and a trial needs
 * none of what it adds (its output goes to a file, its exit is all that is awaited). The watch pipe is closed once
 * the leader ended, so that it does not keep polluter running (the watcher then kills what is left of the group).
 */
export function startGroup(file: string, args: readonly string[], options: GroupStartOptions): StartedGroup {
  const child = spawn(...watched(file, args), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: options.stdio,
  });
  child.stdin?.on('error', () => undefined); // the watcher gone first: nothing is ever written to it anyway
  const ended = new Promise<{ exitCode?: number | undefined; signal?: string | undefined }>((resolve) => {
    child.on('error', () => resolve({})); // could not start (or, later, could not be signalled: already settled)
    child.once('exit', (code, signal) => {
      child.stdin?.destroy();
      resolve({ exitCode: code ?? undefined, signal: signal ?? undefined });
    });
  });
  return { child, leader: { pid: child.pid, then: ended.then.bind(ended) } };
}

export interface StartedGroup {
  child: ChildProcess;
  leader: GroupLeader;
}

/**
 * Waits for a process started with `detached: true` (the leader of its own group) and `reject: false`, from
 * `started` on: kills its group at the time limit or on abort, and after it ends (what the tests left running).
 */
export async function superviseGroup(
  child: GroupLeader,
  options: SupervisionOptions,
  started = performance.now(),
): Promise<GroupRunResult> {
  let timedOut = false;
  let aborted = false;
  const stopWatching = watchProgress(options, () => {
    timedOut = true;
    killGroup(child);
  });
  const onAbort = () => {
    aborted = true;
    killGroup(child);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    const result = await child;
    if (aborted) throw new TrialAbortedError();
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut,
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    stopWatching();
    options.signal?.removeEventListener('abort', onAbort);
    killGroup(child); // background processes a test started and left behind
  }
}

/**
 * Calls `expire` once `timeoutSeconds` have passed without progress: since the start, or since `progressFile` last
 * changed. The file is looked at only when the limit would run out (its modification time says when it last grew),
 * so a run with steady progress costs one `stat` per limit, not one per test. Returns what stops the watch.
 */
function watchProgress(options: SupervisionOptions, expire: () => void): () => void {
  const limitMs = options.timeoutSeconds * 1000;
  let lastProgress = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (delay: number) => {
    timer = setTimeout(() => void check(), Math.max(delay, 10));
  };
  const check = async () => {
    if (options.progressFile !== undefined) {
      const changed = await stat(options.progressFile).then(
        (stats) => stats.mtimeMs,
        () => undefined, // not written yet: no test has started
      );
      if (changed !== undefined) lastProgress = Math.max(lastProgress, changed);
    }
    if (stopped) return;
    const left = lastProgress + limitMs - Date.now();
    if (left > 0) arm(left);
    else expire();
  };
  arm(limitMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Kills a process group by its leader, whatever of it is left. */
export function killGroup(leader: GroupLeader): void {
  if (leader.pid === undefined) return;
  try {
    process.kill(-leader.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/** The last `lines` lines of a file, for error messages; reads at most its last 64 KiB. */
export async function tail(file: string, lines = 40): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').split('\n').slice(-lines).join('\n').trim();
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}
