// `polluter find` through the built CLI, with the samples' own jest (29, 30) and vitest (3, 4), on every JS sample.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, expected, findJson, ROOT, snapshotTree } from '../support/cli.ts';

/** Every directory with an expected.json below samples/<runner>/, nested version projects (jest29, vitest3) included. */
function samplesOf(runner: 'jest' | 'vitest'): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, 'expected.json'))) found.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name));
    }
  };
  walk(join(ROOT, 'samples', runner));
  return found.sort();
}

/** Runs a printed command as a user pastes it in the project directory; `npx polluter` is this checkout's build. */
async function paste(command: string, cwd: string, env: Record<string, string>) {
  const local = command.replace(/^npx polluter /, `node ${BIN} `);
  return execa('sh', ['-c', local], { cwd, reject: false, env: { CI: '1', NO_COLOR: '1', ...env } });
}

/**
 * A temp dir of the test's own: the fingerprints list the files tests create in the OS temp dir, and other programs
 * writing to the shared one at the same moment would be blamed on the running test.
 */
async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'polluter-test-'));
  try {
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const runner of ['jest', 'vitest'] as const) {
  describe(`find on the ${runner} samples`, () => {
    for (const sample of samplesOf(runner)) {
      const name = relative(join(ROOT, 'samples', runner), sample);
      const answer = expected(sample);
      const orders: [string, string[]][] = [['the default order', []]];
      if (answer.orderFile)
        orders.splice(0, 1, ['the saved shuffled order', ['--order-file', join(sample, answer.orderFile)]]);
      if (answer.seed !== undefined) orders.push([`the order of seed ${answer.seed}`, ['--seed', String(answer.seed)]]);

      for (const [label, extra] of orders) {
        it(`solves ${name} from ${label}`, () =>
          withTempDir(async (temp) => {
            const { report, result } = await findJson(sample, answer.victim, [...extra, ...(answer.args ?? [])], {
              TMPDIR: temp,
            });
            assert.equal(report.runner, runner);
            assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
            assert.deepEqual(report.polluters, answer.polluters);
            assert.deepEqual(report.stateSetters, answer.stateSetters);
            assert.equal(result.exitCode, 0);
            assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });
            // Searching the collected order, the listing process ran the first trial: no process besides the trials.
            if (extra.length === 0 && /trial +\d+ +order /.test(result.stderr))
              assert.equal(
                report.trials,
                result.stderr.match(/^polluter: trial +\d+ /gm)?.length,
                `the listing process ran the first trial\n${result.stderr}`,
              );

            // What the culprits left changed: exactly the designed leak, by the right test, module-level variables that
            // no export reaches included.
            assert.ok(Array.isArray(answer.leaks), 'expected.json names the leaks');
            assert.deepEqual(
              report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
              answer.leaks,
            );
            // A leak the fingerprints see makes the tests that left something changed the first ones tried (unless every
            // predecessor left something changed: `guided: false`).
            if (answer.leaks.length > 0 && answer.guided !== false)
              assert.match(
                result.stderr,
                /the \d+ test\(s\) that left state changed reproduce it/,
                'the fingerprints guided the search',
              );

            // The printed command, pasted into a shell, fails the victim (brittle: passes after its state-setter).
            const brittle = report.verdict === 'brittle';
            // Where polluter ran: the command says where the project is (`cd …`).
            const before = snapshotTree(sample);
            const pasted = await paste(brittle ? report.passingCommand! : report.reproduce, ROOT, { TMPDIR: temp });
            // What the runner itself generates on start (generated-files: .generated/, gitignored) must not be there
            // for the next search of the sample.
            for (const file of snapshotTree(sample).keys())
              if (!before.has(file)) rmSync(join(sample, file), { force: true });
            assert.equal(
              pasted.exitCode,
              brittle ? 0 : 1,
              `${brittle ? report.passingCommand : report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`,
            );
          }));
      }
    }
  });
}

it('finds the same polluter without fingerprints when POLLUTER_STATE=0, and names no leak', () =>
  withTempDir(async (temp) => {
    const sample = join(ROOT, 'samples', 'jest', 'spy-singleton');
    const answer = expected(sample);
    const { report, result } = await findJson(sample, answer.victim, [], { TMPDIR: temp, POLLUTER_STATE: '0' });
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.deepEqual(report.leaks, []);
    assert.doesNotMatch(result.stderr, /left state changed/);
  }));

it("names a module-scope leak while the user's own inspector is open, and none with POLLUTER_MODULE_SCOPE=0", () =>
  withTempDir(async (temp) => {
    const sample = join(ROOT, 'samples', 'jest', 'module-state');
    const answer = expected(sample);
    // The in-thread session of the fingerprints works beside a debugger the user started (--inspect on a free port).
    const inspected = await findJson(sample, answer.victim, [], {
      TMPDIR: temp,
      NODE_OPTIONS: '--inspect=127.0.0.1:0',
    });
    assert.equal(inspected.report.verdict, 'polluted', inspected.report.reason);
    assert.deepEqual(inspected.report.polluters, answer.polluters);
    assert.deepEqual(
      inspected.report.leaks.map(({ kind, name, by }) => ({ kind, name, by })),
      answer.leaks,
    );
    assert.match(
      inspected.result.stderr,
      /Debugger listening on ws:\/\/127\.0\.0\.1:/,
      "the user's inspector was open",
    );
    // Without module scopes, the other fingerprints and the search go on as before: same answer, nothing named.
    const off = await findJson(sample, answer.victim, [], { TMPDIR: temp, POLLUTER_MODULE_SCOPE: '0' });
    assert.equal(off.report.verdict, 'polluted', off.report.reason);
    assert.deepEqual(off.report.polluters, answer.polluters);
    assert.deepEqual(off.report.leaks, []);
  }));
