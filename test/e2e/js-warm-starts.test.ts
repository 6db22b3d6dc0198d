// jest and vitest trials in processes started ahead (warm starts): each trial still gets a process of its own, with
// its slot's worker id and temp dir, and none is left running once polluter has exited.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expected, findJson, samplePath } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-js-warm-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A setup file the project's config loads for every test file: it logs what the runner's main process (jest's
 * process with --runInBand, the parent of vitest's fork) was started with. A process started for its trial has the
 * trial's plan in its initial environment (/proc/PID/environ); a warm one got it later, on fd 3.
 */
const LOG_TRIAL = (mainPid: string) =>
  [
    "const fs = require('node:fs');",
    "const os = require('node:os');",
    `const main = ${mainPid};`,
    "const environ = fs.readFileSync(`/proc/${main}/environ`, 'utf8').split('\\0');",
    "const started = environ.some((entry) => entry.startsWith('POLLUTER_PLAN=')) ? 'cold' : 'warm';",
    "const mode = JSON.parse(fs.readFileSync(process.env.POLLUTER_PLAN, 'utf8')).mode;",
    "const line = [mode, main, process.env.POLLUTER_WORKER_ID ?? '-', os.tmpdir(), started].join(' ');",
    "fs.appendFileSync(process.env.TRIAL_LOG, line + '\\n');",
    '',
  ].join('\n');

const SETUPS = {
  jest: {
    file: 'log-trial.cjs',
    source: LOG_TRIAL('process.pid'),
    config: [
      'jest.config.js',
      "module.exports = { testEnvironment: 'node', setupFiles: ['<rootDir>/log-trial.cjs'] };\n",
    ],
    processes: /warm\.cjs/,
  },
  vitest: {
    file: 'log-trial.cjs',
    source: LOG_TRIAL('process.ppid'),
    config: [
      'vitest.config.js',
      "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['tests/*.test.js'], setupFiles: ['./log-trial.cjs'] } });\n",
    ],
    processes: /driver\.mjs/,
  },
} as const;

function cwdOf(pid: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

describe('jest and vitest trials in processes started ahead (warm starts)', () => {
  for (const runner of ['jest', 'vitest'] as const) {
    it(`${runner}: every trial runs warm in a process of its own, with its slot's worker id and temp dir, none left running`, async () => {
      const setup = SETUPS[runner];
      // A copy beside a link to the samples' shared node_modules (the project's own runner, found from its folder).
      const parent = join(scratch, runner);
      mkdirSync(parent);
      symlinkSync(join(samplePath(runner, 'module-state'), '..', 'node_modules'), join(parent, 'node_modules'), 'dir');
      const project = join(parent, 'module-state');
      cpSync(samplePath(runner, 'module-state'), project, { recursive: true });
      writeFileSync(join(project, setup.file), setup.source);
      writeFileSync(join(project, setup.config[0]), setup.config[1]);
      const log = join(scratch, `${runner}-trials.log`);
      const answer = expected(project);
      const { report, result } = await findJson(project, answer.victim, ['--jobs', '2'], { TRIAL_LOG: log });
      assert.equal(report.verdict, 'polluted', `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      const lines = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '));
      const trials = lines.filter(([mode]) => mode === 'run');
      assert.ok(trials.length > 0, 'the setup file ran in the trials');
      for (const [, , worker, temp, started] of trials) {
        assert.equal(started, 'warm', `every trial's process was started ahead (${result.stderr})`);
        assert.match(worker ?? '', /^[12]$/, 'a worker id: --jobs 2 gives every trial a slot');
        assert.match(temp ?? '', new RegExp(`polluter-[^/]+/slot-${worker}$`), "the slot's own temp dir");
      }
      // One process per trial: the files of a trial share it, no two trials do.
      const processes = new Set(trials.map(([, pid]) => pid));
      assert.ok(processes.size >= 4, `a process per trial (${processes.size} seen)`);
      assert.ok(
        processes.size <= report.trials,
        `at most one process per trial (${processes.size} for ${report.trials})`,
      );
      for (const [mode, , , , started] of lines)
        if (mode === 'list') assert.equal(started, 'cold', 'the listing starts cold');
      // The processes started for trials that never came end once polluter has exited.
      const waiting = async () =>
        (await execa('pgrep', ['-f', setup.processes.source], { reject: false })).stdout
          .split('\n')
          .filter((pid) => pid !== '' && cwdOf(pid) === project);
      for (let tries = 0; tries < 20 && (await waiting()).length > 0; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(await waiting(), []);
    });
  }
});
