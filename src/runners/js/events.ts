import type { StateChange, TestOutcome, TrialRun } from '../runner.js';
import { changesFromRows, type ChangeRow } from '../state-change.js';
import { keyString, type JsTest, type TestKey } from './test-tree.js';

/** What a trial of jest or vitest reports, once the runner's own events are mapped to test keys. */
export type TrialEvent =
  | { event: 'start'; key: TestKey }
  | {
      event: 'finish';
      key: TestKey;
      outcome: 'passed' | 'failed' | 'skipped';
      seconds?: number | undefined;
      error?: string | undefined;
    }
  | { event: 'file-error'; project: string; file: string; message: string }
  | { event: 'missing'; key: TestKey }
  | { event: 'unhandled'; message: string }
  | { event: 'changes'; key: TestKey; changes: ChangeRow[]; seconds: number }
  | { event: 'end' };

export interface ProcessResult {
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut: boolean;
  wallSeconds: number;
  outputTail: string;
}

/**
 * The errors of a trial raised inside polluter's own helper files (`helperPaths`: their folders): a file error or an
 * unhandled error that names one (a setup file the project's config refused to load), or a test failure whose stack
 * starts there (the first frame outside node_modules and Node's internals; polluter itself may live in node_modules).
 */
export function helperErrors(events: readonly TrialEvent[], helperPaths: readonly string[]): string[] {
  const inHelper = (text: string) => helperPaths.some((path) => text.includes(path));
  const found: string[] = [];
  for (const event of events) {
    if ((event.event === 'file-error' || event.event === 'unhandled') && inHelper(event.message))
      found.push(event.message);
    else if (event.event === 'finish' && event.error !== undefined && startsInHelper(event.error, inHelper))
      found.push(event.error);
  }
  return found;
}

function startsInHelper(stack: string, inHelper: (text: string) => boolean): boolean {
  for (const line of stack.split('\n')) {
    const frame = /^\s*(?:at |❯ )(.*)$/.exec(line)?.[1];
    if (frame === undefined) continue;
    if (inHelper(frame)) return true;
    if (!/node_modules|node:|\(<anonymous>\)|^<anonymous>/.test(frame)) return false;
  }
  return false;
}

/** Every requested id with its outcome; a test that started and never finished was running when the process ended. */
export function toTrialRun(
  requested: ReadonlyMap<string, JsTest>,
  events: readonly TrialEvent[],
  result: ProcessResult,
): TrialRun {
  const idOf = new Map([...requested].map(([id, test]) => [keyString(test), id]));
  const outcomes = new Map<string, TestOutcome>([...requested.keys()].map((id) => [id, 'not-run']));
  const seconds = new Map<string, number>();
  const missing: string[] = [];
  const unhandledErrors: string[] = [];
  const loadErrors: Record<string, string> = {};
  // Set once the helper fingerprints state: an entry per test it saw run, empty when the test changed nothing.
  let stateChanges: Map<string, StateChange[]> | undefined;
  let stateSeconds: number | undefined;
  let running: string | undefined;
  for (const event of events) {
    if (event.event === 'start') running = idOf.get(keyString(event.key));
    else if (event.event === 'finish') {
      const id = idOf.get(keyString(event.key));
      if (id === undefined) continue;
      outcomes.set(id, event.outcome);
      if (event.seconds !== undefined) seconds.set(id, event.seconds);
      if (running === id) running = undefined;
    } else if (event.event === 'missing') {
      const id = idOf.get(keyString(event.key));
      if (id !== undefined) missing.push(id);
    } else if (event.event === 'file-error') {
      // The file could not run (an import failed, a top-level throw): an error of each of its tests.
      for (const [id, test] of requested) {
        if (test.project === event.project && test.file === event.file && outcomes.get(id) === 'not-run') {
          outcomes.set(id, 'error');
          loadErrors[id] = event.message;
        }
      }
    } else if (event.event === 'unhandled') unhandledErrors.push(event.message);
    else if (event.event === 'changes') {
      const id = idOf.get(keyString(event.key));
      stateChanges ??= new Map();
      stateSeconds = (stateSeconds ?? 0) + event.seconds;
      if (id !== undefined) stateChanges.set(id, changesFromRows(event.changes));
    }
  }
  if (running !== undefined) outcomes.set(running, 'error');
  const skippedSelected = [...outcomes].filter(([, outcome]) => outcome === 'skipped').map(([id]) => id);
  return {
    outcomes,
    seconds,
    crashedDuring: running,
    missing,
    unhandledErrors,
    skippedSelected,
    stateChanges,
    loadErrors,
    stateSeconds: stateSeconds === undefined ? undefined : Math.round(stateSeconds * 1e6) / 1e6,
    ...result,
  };
}
