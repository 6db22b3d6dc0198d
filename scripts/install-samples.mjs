// The JS samples pin their runners (jest 29/30, vitest 3/4) in their own package.json: install each from its lock file
// unless node_modules is already there and newer than the lock. Fails loudly: the e2e tests need every one.
// `npm install --no-save`, not `npm ci`: a lock file written where the registry serves only this platform's optional
// packages (rollup's and unrs-resolver's native bindings) lacks the others, and `npm ci` then refuses it as out of
// sync; `install --no-save` takes the locked versions and leaves the lock file as it is.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';

const root = new URL('..', import.meta.url).pathname;
const manifests = fg.sync('samples/**/package.json', { cwd: root, ignore: ['**/node_modules/**'] });
for (const manifest of manifests.sort()) {
  const dir = join(root, dirname(manifest));
  const lock = statSync(join(dir, 'package-lock.json'), { throwIfNoEntry: false });
  if (!lock) throw new Error(`${dir} has no package-lock.json: run npm install there and commit the lock file`);
  const installed = statSync(join(dir, 'node_modules', '.package-lock.json'), { throwIfNoEntry: false });
  if (installed && installed.mtimeMs >= lock.mtimeMs) continue;
  console.log(`installing the runner of ${dirname(manifest)}`);
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`npm install failed in ${dir} (exit ${result.status})`);
}
