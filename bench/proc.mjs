// Child processes for the benchmark: argument arrays only (no shell), each child in its own process group so that
// an interrupted benchmark can end it with everything it started.
import { spawn } from 'node:child_process';

const running = new Set();
let stopped = false;

/** True once stopAll has begun. */
export const isStopping = () => stopped;

/**
 * Runs `command args` to its end and resolves to { code, signal, stdout, stderr, seconds } (seconds of wall time,
 * from spawn to exit). Never rejects for a non-zero exit; rejects only when the command cannot be started.
 * `timeoutSeconds` kills the child's process group after that long (`timedOut` is then true).
 */
export function run(command, args, { cwd, env, timeoutSeconds } = {}) {
  // Once stopAll has begun, nothing new starts: the caller waits until the process exits.
  if (stopped) return new Promise(() => {});
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = [];
    const stderr = [];
    let timedOut = false;
    let timer;
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => {
      running.delete(child);
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
    running.add(child);
    if (timeoutSeconds) {
      timer = setTimeout(() => {
        timedOut = true;
        killGroup(child, 'SIGKILL');
      }, timeoutSeconds * 1000);
    }
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Passes `signal` to every running child's process group, waits up to `graceMs` for them to end, then kills
 * what is left, and starts no new child after that. polluter itself, on SIGINT/SIGTERM, kills its own trials (each in a process group of its own).
 */
export async function stopAll(signal, graceMs = 5000) {
  stopped = true;
  const children = [...running];
  if (children.length === 0) return;
  const ended = children.map(
    (child) =>
      new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', resolve),
      ),
  );
  for (const child of children) killGroup(child, signal);
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs));
  await Promise.race([Promise.all(ended), timer]);
  for (const child of running) killGroup(child, 'SIGKILL');
}
