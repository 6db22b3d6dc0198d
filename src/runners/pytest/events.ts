import { readFile } from 'node:fs/promises';
import type { TestOutcome } from '../runner.js';

// What the plugin (polluter_plugin.py) writes, one JSON object per line.
export type PluginEvent =
  | { event: 'collected'; rootdir: string; ids: string[] }
  | { event: 'collect-error'; id: string; message: string }
  | { event: 'missing'; ids: string[] }
  | { event: 'start'; id: string }
  | { event: 'finish'; id: string; outcome: TestOutcome; seconds: number }
  | { event: 'end'; exitstatus: number };

/** Reads the events file; a last line cut short by a crash is dropped. */
export async function readEvents(file: string): Promise<PluginEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return []; // the process died before the plugin wrote anything
  }
  const events: PluginEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as PluginEvent);
    } catch {
      // only the last line can be partial
    }
  }
  return events;
}
