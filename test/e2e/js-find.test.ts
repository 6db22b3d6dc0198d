// `polluter find` through the built CLI, with the samples' own jest (29, 30) and vitest (3, 4), on every JS sample.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, expected, findJson, polluter, ROOT, snapshotTree } from '../support/cli.ts';

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
async function paste(command: string, cwd: string) {
  const local = command.replace(/^npx polluter /, `node ${BIN} `);
  return execa('sh', ['-c', local], { cwd, reject: false, env: { CI: '1', NO_COLOR: '1' } });
}

for (const runner of ['jest', 'vitest'] as const) {
  describe(`find on the ${runner} samples`, () => {
    for (const sample of samplesOf(runner)) {
      const name = relative(join(ROOT, 'samples', runner), sample);
      const answer = expected(sample);
      const orders: [string, string[]][] = [['the default order', []]];
      if (answer.orderFile) orders.splice(0, 1, ['the saved shuffled order', ['--order-file', join(sample, answer.orderFile)]]);
      if (answer.seed !== undefined) orders.push([`the order of seed ${answer.seed}`, ['--seed', String(answer.seed)]]);

      for (const [label, extra] of orders) {
        it(`solves ${name} from ${label}`, async () => {
          const { report, result } = await findJson(sample, answer.victim, extra);
          assert.equal(report.runner, runner);
          assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
          assert.deepEqual(report.polluters, answer.polluters);
          assert.deepEqual(report.stateSetters, answer.stateSetters);
          assert.equal(result.exitCode, 0);
          assert.deepEqual(report.confidence, { agreed: 2, runs: 2 });

          // The printed command, pasted into a shell, fails the victim (brittle: passes after its state-setter).
          const brittle = report.verdict === 'brittle';
          const pasted = await paste(brittle ? report.passingCommand! : report.reproduce, sample);
          assert.equal(pasted.exitCode, brittle ? 0 : 1, `${brittle ? report.passingCommand : report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`);
        });
      }
    }
  });
}
