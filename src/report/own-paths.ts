import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

// polluter's own paths in what a report shows of the user's state (a value a test copied from TMPDIR, PYTHONPATH with
// the plugin's folder): they change every run and say nothing about the user's code.
const OWN_CODE = fileURLToPath(new URL('..', import.meta.url)).replace(/[/\\]$/, '');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function ownPathPatterns(): [RegExp, string][] {
  const temps = new Set([tmpdir()]);
  try {
    temps.add(realpathSync(tmpdir())); // macOS: /var/folders/… is /private/var/folders/…
  } catch {
    // the temp dir is gone: nothing of it to mask
  }
  return [
    ...[...temps].map((temp): [RegExp, string] => [
      new RegExp(`${escape(temp)}[/\\\\]polluter-\\d+-\\w{6}`, 'g'),
      '<polluter temp dir>',
    ]),
    [new RegExp(escape(OWN_CODE), 'g'), '<polluter>'],
  ];
}

/** `text` with the run temp dirs of polluter and the folder of its own code (its helpers, its plugin) masked. */
export function maskOwnPaths(text: string): string;
export function maskOwnPaths(text: string | null): string | null;
export function maskOwnPaths(text: string | null): string | null {
  if (text === null) return null;
  return ownPathPatterns().reduce((masked, [pattern, label]) => masked.replace(pattern, label), text);
}
