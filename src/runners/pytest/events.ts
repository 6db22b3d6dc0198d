import { readJsonLines } from '../json-lines.js';
import type { StateChange, TestOutcome } from '../runner.js';

// What the plugin (polluter_plugin.py) writes, one JSON object per line.
export type PluginEvent =
  | { event: 'collected'; rootdir: string; ids: string[] }
  | { event: 'collect-error'; id: string; message: string }
  | { event: 'missing'; ids: string[] }
  | { event: 'start'; id: string }
  | { event: 'finish'; id: string; outcome: TestOutcome; seconds: number }
  | { event: 'changes'; id: string; changes: ChangeRow[] }
  | { event: 'victim-state'; id: string; changes: ChangeRow[] }
  | { event: 'end'; exitstatus: number; state_seconds?: number | null };

/** Reads the events file the plugin wrote. */
export function readEvents(file: string): Promise<PluginEvent[]> {
  return readJsonLines<PluginEvent>(file);
}

/** A change as polluter_state.py writes it; `identity` names the object a global changed inside (see StateChange). */
export type ChangeRow = [kind: string, name: string, before: string | null, after: string | null, identity?: string];

export function stateChange([kind, name, before, after, identity]: ChangeRow): StateChange {
  return identity === undefined ? { kind, name, before, after } : { kind, name, before, after, identity };
}
