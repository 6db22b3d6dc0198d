// The fingerprint contract (src/runners/fingerprint-contract.ts) across the two helpers that fingerprint state: the
// same changes (files created, rewritten, resized and removed in a project and the temp dir; an env var set, changed
// and removed; the working directory) are made in a Python process driving polluter_state.py and in a Node process
// driving state.cjs, and the same rows must come out of both: the same kind, name and words, and the same files seen
// or missed whichever way the contract says to walk them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  FINGERPRINT_CONTRACT,
  fingerprintEnv,
  type FingerprintContract,
} from '../../src/runners/fingerprint-contract.ts';

type Row = [kind: string, name: string, before: string | null, after: string | null];
type Op = (string | number)[];
type Output = (Row[] | { error: string })[];

const DRIVERS = resolve(fileURLToPath(import.meta.url), '../../support/fingerprints');
const HELPERS = {
  python: ['python3', join(DRIVERS, 'drive.py')],
  js: [process.execPath, join(DRIVERS, 'drive.cjs')],
} as const;
const OLD = 1_000_000_000; // seconds: an mtime long past, so that a folder's next change always gives it a new one
const base = realpathSync(mkdtempSync(join(tmpdir(), 'fingerprint-golden-')));
after(() => rmSync(base, { recursive: true, force: true }));

/**
 * Runs `steps` in a fresh project and temp dir (the same paths for both helpers) under one helper; the rows of
 * `kinds` each step left changed. Before the steps the project holds `log.txt`, `notes.txt` and a `sub/` folder, all
 * with old mtimes; the temp dir is empty. TMPDIR points the helper at that temp dir.
 */
function drive(
  helper: keyof typeof HELPERS,
  steps: Op[][],
  contract: FingerprintContract = FINGERPRINT_CONTRACT,
  kinds = ['env', 'cwd', 'file'],
): Output {
  const root = join(base, 'project');
  const temp = join(base, 'tmp');
  rmSync(root, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(temp);
  writeFileSync(join(root, 'log.txt'), 'start\n');
  writeFileSync(join(root, 'notes.txt'), 'twelve bytes');
  for (const path of [join(root, 'log.txt'), join(root, 'notes.txt'), join(root, 'sub'), root, temp])
    utimesSync(path, OLD, OLD);
  const [program, script] = HELPERS[helper];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fingerprintEnv(contract),
    TMPDIR: temp,
    PYTHONDONTWRITEBYTECODE: '1',
  };
  for (const name of Object.keys(env)) if (name.startsWith('GOLDEN_')) delete env[name];
  const run = spawnSync(program, [script], {
    cwd: root,
    env,
    input: JSON.stringify({ root, temp, kinds, steps }),
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `${helper} helper: ${run.stderr}`);
  return JSON.parse(run.stdout) as Output;
}

/** Both helpers' rows for the same steps, asserted equal to each other and to what is expected. */
function bothGive(steps: Op[][], expected: Output, contract?: FingerprintContract): void {
  const python = drive('python', steps, contract);
  const js = drive('js', steps, contract);
  assert.deepEqual(js, python, 'the JS helper (state.cjs) and the Python helper (polluter_state.py) disagree');
  assert.deepEqual(python, expected);
}

const LONG = 'x'.repeat(100);

describe('the fingerprint contract: the Python and the JS helpers give the same rows for the same changes', () => {
  it('files in the project and the temp dir, an env var, the working directory', () => {
    const root = join(base, 'project');
    const steps: Op[][] = [
      [
        ['write', 'project', 'a.txt', 'hello'],
        ['write', 'project', 'sub/one.txt', 'x'],
        ['mkdir', 'project', 'node_modules'], // never looked into
        ['write', 'project', 'node_modules/dep.js', 'x'],
        ['write', 'temp', 'cache.db', '1234567890'],
        ['mkdir', 'temp', 'downloads'],
        ['mkdir', 'temp', 'polluter-own'], // polluter's and the runners' own: never named
        ['write', 'temp', 'pytest-of-me', 'x'],
        ['setenv', 'GOLDEN_MODE', 'sandbox'],
      ],
      [
        ['write', 'project', 'notes.txt', 'TWELVE BYTES'], // the same size, a new mtime
        ['mtime', 'project', 'notes.txt', OLD + 60],
        ['write', 'project', 'sub/one.txt', 'xyz'],
        ['setenv', 'GOLDEN_MODE', LONG],
        ['chdir', 'project', 'sub'],
      ],
      [
        ['remove', 'project', 'a.txt'],
        ['remove', 'project', 'sub/one.txt'],
        ['remove', 'temp', 'cache.db'],
        ['rmdir', 'temp', 'downloads'],
        ['unsetenv', 'GOLDEN_MODE'],
        ['chdir', 'project', '.'],
      ],
      [],
    ];
    bothGive(steps, [
      [
        ['env', 'GOLDEN_MODE', null, 'sandbox'],
        ['file', '$TMPDIR/cache.db', null, '10 bytes'],
        ['file', '$TMPDIR/downloads', null, 'directory'],
        ['file', 'a.txt', null, '5 bytes'],
        ['file', 'sub/one.txt', null, '1 byte'],
      ],
      [
        ['cwd', 'working directory', root, join(root, 'sub')],
        ['env', 'GOLDEN_MODE', 'sandbox', `${'x'.repeat(79)}…`],
        ['file', 'notes.txt', '12 bytes', '12 bytes, rewritten'],
        ['file', 'sub/one.txt', '1 byte', '3 bytes'],
      ],
      [
        ['cwd', 'working directory', join(root, 'sub'), root],
        ['env', 'GOLDEN_MODE', LONG.slice(0, 79) + '…', null],
        ['file', '$TMPDIR/cache.db', '10 bytes', null],
        ['file', '$TMPDIR/downloads', 'directory', null],
        ['file', 'a.txt', '5 bytes', null],
        ['file', 'sub/one.txt', '3 bytes', null],
      ],
      [],
    ]);
  });

  // A line appended to log.txt at every step changes no folder's mtime: seen by a full walk, missed where folders are
  // trusted by their mtime. A new file changes its folder's mtime: seen either way, and its folder is listed again,
  // log.txt with it (its size since the last listing).
  const appends: Op[][] = [1, 2, 3, 4].map((step) => [['append', 'project', 'log.txt', `${step}\n`]]);
  appends[3]!.push(['write', 'project', 'new.txt', 'new']);
  const grown = (step: number): Row => ['file', 'log.txt', `${6 + 2 * (step - 1)} bytes`, `${6 + 2 * step} bytes`];
  const created: Row = ['file', 'new.txt', null, '3 bytes'];
  const walk = (fileWalk: Partial<FingerprintContract['fileWalk']>): FingerprintContract => ({
    ...FINGERPRINT_CONTRACT,
    fileWalk: { ...FINGERPRINT_CONTRACT.fileWalk, ...fileWalk },
  });

  it('full walks while they stay within the limit: every change seen', () => {
    bothGive(
      appends,
      [[grown(1)], [grown(2)], [grown(3)], [grown(4), created]],
      walk({ fullWalkLimitMs: 1e9, fullWalkFloorMs: 1e9, racyMs: 0 }),
    );
    // Above the floor, within the share of the time between walks.
    bothGive(
      appends,
      [[grown(1)], [grown(2)], [grown(3)], [grown(4), created]],
      walk({ fullWalkLimitMs: 1e9, fullWalkFloorMs: 0, fullWalkShare: 1e9, racyMs: 0 }),
    );
  });

  it('within the limit, but dearer than the share of the time between walks: by folder mtime', () => {
    const relisted = (from: number): Row => ['file', 'log.txt', `${6 + 2 * from} bytes`, '14 bytes'];
    bothGive(
      appends,
      [[grown(1)], [grown(2)], [], [relisted(2), created]],
      walk({ fullWalkLimitMs: 1e9, fullWalkFloorMs: 0, fullWalkShare: 0, timedWalks: 3, racyMs: 0 }),
    );
  });

  it('past the limit, by folder mtime once the timed walks are done: changes in place missed from then on', () => {
    // Snapshots 1 to 3 are the timed full walks (the first before the steps); from the 4th, folders are trusted.
    const relisted = (from: number): Row => ['file', 'log.txt', `${6 + 2 * from} bytes`, '14 bytes'];
    bothGive(
      appends,
      [[grown(1)], [grown(2)], [], [relisted(2), created]],
      walk({ fullWalkLimitMs: 0, timedWalks: 3, racyMs: 0 }),
    );
    bothGive(appends, [[], [], [], [relisted(0), created]], walk({ fullWalkLimitMs: 0, timedWalks: 1, racyMs: 0 }));
  });

  it('one walk mode per process, also for fingerprints made anew (vitest: each test file makes its own)', () => {
    // The third step starts with new fingerprints, as vitest's next test file does in the same worker. They walk by
    // folder mtime as the process already decided (the append in place is missed), and start from its last walk.
    // With a mode of their own they would time three full walks again and see it. (pytest: one per process anyway.)
    const renewed = appends.map((step, index) => (index === 2 ? [['new-fingerprints'], ...step] : step));
    const relisted: Row = ['file', 'log.txt', '10 bytes', '14 bytes'];
    assert.deepEqual(drive('js', renewed, walk({ fullWalkLimitMs: 0, timedWalks: 3, racyMs: 0 })), [
      [grown(1)],
      [grown(2)],
      [],
      [relisted, created],
    ]);
  });

  it('a folder changed within the racy window is listed again at the next walk', () => {
    // Every folder's mtime is recent compared with a window of a day: none is trusted, so nothing is missed.
    bothGive(
      appends,
      [[grown(1)], [grown(2)], [grown(3)], [grown(4), created]],
      walk({ fullWalkLimitMs: 0, timedWalks: 1, racyMs: 86_400_000 * 365 * 100 }),
    );
  });

  it('a row of a kind the contract does not list is an error in both helpers', () => {
    const contract = { ...FINGERPRINT_CONTRACT, kinds: FINGERPRINT_CONTRACT.kinds.filter((kind) => kind !== 'env') };
    for (const helper of ['python', 'js'] as const) {
      const output = drive(helper, [[['setenv', 'GOLDEN_MODE', 'sandbox']]], contract);
      assert.equal(output.length, 1, `${helper}: ${JSON.stringify(output)}`);
      assert.match(
        (output[0] as { error: string }).error,
        /expected a fingerprint row of a kind in POLLUTER_FINGERPRINT \(.*\), got .*GOLDEN_MODE/,
        helper,
      );
    }
  });

  it('a helper refuses to fingerprint without the contract', () => {
    for (const helper of ['python', 'js'] as const) {
      const [program, script] = HELPERS[helper];
      const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
      delete env.POLLUTER_FINGERPRINT;
      const run = spawnSync(program, [script], { env, input: '{}', encoding: 'utf8' });
      assert.notEqual(run.status, 0, helper);
      assert.match(
        run.stderr,
        /expected the fingerprint contract in POLLUTER_FINGERPRINT .*got nothing|expected the fingerprint contract in POLLUTER_FINGERPRINT, got nothing/,
        helper,
      );
    }
  });
});
