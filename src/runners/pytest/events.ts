import { readJsonLines } from '../json-lines.js';
import type { TestOutcome } from '../runner.js';
import type { ChangeRow } from '../state-change.js';

// What the plugin (polluter_plugin.py) writes, one JSON object per line.
export type PluginEvent =
  | { event: 'collected'; rootdir: string; ids: string[] }
  | { event: 'collect-error'; id: string; message: string }
  | { event: 'missing'; ids: string[] }
  | { event: 'start'; id: string }
  | { event: 'finish'; id: string; outcome: TestOutcome; seconds: number }
  | { event: 'changes'; id: string; changes: ChangeRow[] }
  | { event: 'victim-state'; id: string; changes: ChangeRow[] }
  | {
      event: 'cause';
      id: string;
      cache: string;
      value: string | null;
      entries: number;
      env: [name: string, value: string | null, before: string | null, restored: boolean][];
    }
  | { event: 'end'; exitstatus: number; state_seconds?: number | null };

/** Reads the events file the plugin wrote. */
export function readEvents(file: string): Promise<PluginEvent[]> {
  return readJsonLines<PluginEvent>(file);
}
