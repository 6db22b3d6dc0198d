import type { StateChange } from './runner.js';

/** One thing that can change, whoever changes it: `env PATH`, `global app.settings.MODE`. */
export function changeKey(change: StateChange): string {
  return `${change.kind}\u0000${change.name}`;
}
