import type { TestKey } from '../js/test-tree.js';
import type { TrialEvent } from '../js/events.js';
import type { ChangeRow } from '../state-change.js';

// What select.cjs (inside each test file) and reporter.cjs (in jest's process) write, one JSON object per line.
export type JestEvent =
  | { event: 'tests'; project: string; file: string; tests: { path: string[]; mode: 'run' | 'skip' | 'todo' }[] }
  | { event: 'order'; project: string; file: string; tests: { path: string[]; ordinal: number }[] }
  | { event: 'missing'; project: string; file: string; tests: { path: string[]; ordinal: number }[] }
  | { event: 'test-start'; project: string; file: string; path: string[] }
  | {
      event: 'test-result';
      project: string;
      file: string;
      path: string[];
      status: string;
      seconds?: number;
      error?: string;
    }
  | { event: 'file-result'; project: string; file: string; error: string | null }
  | { event: 'ran'; project: string; file: string; path: string[]; ordinal: number }
  | {
      event: 'changes';
      project: string;
      file: string;
      path: string[];
      ordinal: number;
      changes: ChangeRow[];
      seconds: number;
    }
  | { event: 'test-files'; projects: string[]; files: string[] }
  | { event: 'victim'; project: string; file: string; path: string[]; ordinal: number }
  | { event: 'end' };

/**
 * The reporter knows tests by describe path and title only; select.cjs wrote the order the planned tests run in, with
 * their ordinals. Walking both together tells the two `dup` tests apart.
 */
export function toTrialEvents(events: readonly JestEvent[]): TrialEvent[] {
  const pending = new Map<string, TestKey[]>();
  const out: TrialEvent[] = [];
  const queue = (project: string, file: string) => pending.get(JSON.stringify([project, file])) ?? [];
  const next = (project: string, file: string, path: readonly string[]) =>
    queue(project, file).find((key) => samePath(key.path, path));
  for (const event of events) {
    const { project, file } = event as { project: string; file: string };
    switch (event.event) {
      case 'order':
        pending.set(
          JSON.stringify([project, file]),
          event.tests.map((test) => ({ project, file, ...test })),
        );
        break;
      case 'missing':
        for (const test of event.tests) out.push({ event: 'missing', key: { project, file, ...test } });
        break;
      case 'test-start': {
        const key = next(project, file, event.path);
        if (key) out.push({ event: 'start', key });
        break;
      }
      case 'test-result': {
        const key = next(project, file, event.path);
        if (!key) break; // a test the plan skipped
        queue(project, file).splice(queue(project, file).indexOf(key), 1);
        out.push({
          event: 'finish',
          key,
          outcome: outcomeOf(event.status),
          seconds: event.seconds,
          error: event.error,
        });
        break;
      }
      case 'changes':
        out.push({
          event: 'changes',
          key: { project, file, path: event.path, ordinal: event.ordinal },
          changes: event.changes,
          seconds: event.seconds,
        });
        break;
      case 'file-result':
        if (event.error !== null) out.push({ event: 'file-error', project, file, message: event.error });
        break;
      case 'end':
        out.push({ event: 'end' });
        break;
    }
  }
  return out;
}

function outcomeOf(status: string): 'passed' | 'failed' | 'skipped' {
  if (status === 'passed') return 'passed';
  if (status === 'failed') return 'failed';
  return 'skipped'; // pending, todo, disabled: a planned test that did not really run
}

const samePath = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, index) => name === b[index]);
