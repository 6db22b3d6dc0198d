import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.js';

export interface InstalledPackage {
  dir: string;
  version: string;
  major: number;
}

/** The project's own copy of a runner, found the way the project's code would find it (node_modules upwards). */
export function installedPackage(projectDir: string, name: string): InstalledPackage {
  let manifest: string;
  try {
    manifest = createRequire(join(projectDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    throw new UsageError(
      `${name} is not installed for ${projectDir}: run npm install there (polluter uses the project's own ${name})`,
    );
  }
  const version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version ?? '0');
  return { dir: dirname(manifest), version, major: Number.parseInt(version, 10) };
}
