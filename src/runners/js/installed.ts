import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.js';

export interface InstalledPackage {
  dir: string;
  version: string;
  major: number;
}

/** The oldest major version polluter drives, and what to add to the refusal of an older one. */
export interface Supported {
  oldest: number;
  tested?: string | undefined;
}

/**
 * The project's own copy of a runner, found the way the project's code would find it (node_modules upwards); one
 * older than `supported.oldest` is refused in one line naming its version.
 */
export function installedPackage(projectDir: string, name: string, supported: Supported): InstalledPackage {
  let manifest: string;
  try {
    manifest = createRequire(join(projectDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    throw new UsageError(
      `${name} is not installed for ${projectDir}: run npm install there (polluter uses the project's own ${name})`,
    );
  }
  const version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version ?? '0');
  const major = Number.parseInt(version, 10);
  if (major < supported.oldest) {
    const tested = supported.tested === undefined ? '' : ` (${supported.tested})`;
    throw new UsageError(
      `${name} ${version} is too old: polluter drives ${name} ${supported.oldest} and later${tested}`,
    );
  }
  return { dir: dirname(manifest), version, major };
}
