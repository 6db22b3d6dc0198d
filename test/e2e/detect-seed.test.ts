// `detect --shuffle --shuffle-seed N` on every runner (polluter's own shuffle; `--seed N`, its old spelling, is an
// alias), and samples/ci/nightly.yml's commands run as
// written on a copy of the pytest nightly sample.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseShell } from 'shell-quote';
import { parse as parseYaml } from 'yaml';
import fg from 'fast-glob';
import { runAction } from '../support/action.ts';
import type { DetectReport } from '../../src/report/detect-report.ts';
import { BIN, expected, polluter, ROOT, samplePath, snapshotTree } from '../support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'polluter-detect-seed-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const summary = (report: DetectReport) =>
  report.victims.map(({ victim, verdict, polluters }) => ({ victim, verdict, polluters }));

describe('detect --shuffle --shuffle-seed on every runner', () => {
  // Each pytest sample of one victim: whatever the seed puts first, a victim found is solved right, and the seed
  // fixes the rounds (a second run gives the same failures).
  for (const name of ['no-config', 'module-global', 'conftest-only']) {
    it(`pytest ${name}: --shuffle --shuffle-seed 7 --rounds 2`, async () => {
      const sample = samplePath('pytest', name);
      const answer = expected(sample);
      const before = snapshotTree(sample);
      const args = [
        'detect',
        '--project',
        sample,
        '--shuffle',
        '--shuffle-seed',
        '7',
        '--rounds',
        '2',
        '--format',
        'json',
      ];
      const first = await polluter(args);
      assert.deepEqual(snapshotTree(sample), before);
      assert.ok(first.exitCode === 0 || first.exitCode === 1, first.stderr);
      const report = JSON.parse(first.stdout) as DetectReport;
      assert.equal(report.runner, 'pytest');
      assert.deepEqual(
        report.rounds.map((round) => round.seed),
        [7, 8],
      );
      for (const victim of summary(report))
        assert.deepEqual(victim, { victim: answer.victim, verdict: answer.verdict, polluters: answer.polluters });
      const failedAnywhere = report.rounds.some((round) => round.failed.includes(answer.victim));
      assert.equal(report.victims.length, failedAnywhere ? 1 : 0, 'the victim is searched when a round made it fail');
      const again = JSON.parse((await polluter(args)).stdout) as DetectReport;
      assert.deepEqual(
        again.rounds.map((round) => round.failed),
        report.rounds.map((round) => round.failed),
        'the seed fixes the rounds',
      );
    });
  }

  it('vitest module-state: --shuffle --seed 5 --rounds 2 (the alias of --shuffle-seed)', async () => {
    const sample = samplePath('vitest', 'module-state');
    const answer = expected(sample);
    const result = await polluter([
      'detect',
      '--project',
      sample,
      '--shuffle',
      '--seed',
      '5',
      '--rounds',
      '2',
      '--format',
      'json',
    ]);
    assert.ok(result.exitCode === 0 || result.exitCode === 1, result.stderr);
    const report = JSON.parse(result.stdout) as DetectReport;
    assert.equal(report.runner, 'vitest');
    assert.deepEqual(
      report.rounds.map((round) => round.seed),
      [5, 6],
    );
    // A shuffle can make other tests of the sample order-dependent too: each victim found must reproduce.
    assert.ok(
      report.victims.length > 0 || report.rounds.every((round) => !round.failed.includes(answer.victim)),
      result.stderr,
    );
    await assertReproduced(report, sample);
  });
});

/** Each victim's printed reproduce command, run as a user pastes it (split into arguments), fails the victim. */
async function assertReproduced(report: DetectReport, cwd: string): Promise<void> {
  for (const victim of report.victims) {
    assert.equal(victim.verdict, 'polluted', victim.victim);
    assert.ok(victim.polluters.length > 0);
    // A command that starts with `cd DIR &&` is pasted where polluter ran (the repository), the others in the project.
    const where = victim.reproduce!.startsWith('cd ') ? ROOT : cwd;
    const pasted = await execa('sh', ['-c', victim.reproduce!], {
      cwd: where,
      reject: false,
      env: { PYTHONDONTWRITEBYTECODE: '1', PYTEST_ADDOPTS: '-p no:cacheprovider' },
    });
    assert.equal(pasted.exitCode, 1, `${victim.reproduce}\n${pasted.stdout}`);
  }
}

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
}

/** The inputs of a job's steps that use polluter's Action, with the workflow's expressions filled in. */
function actionSteps(job: { steps: Step[] }, values: Record<string, string>): Record<string, string>[] {
  return job.steps
    .filter((step) => step.uses === './node_modules/polluter')
    .map((step) =>
      Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, fill(String(value), values)])),
    );
}

/** `${{ name }}` replaced by its value; every expression must have one. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    assert.ok(name in values, `a value for \${{ ${name} }}`);
    return values[name]!;
  });
}

/** The `run:` lines of a job that call polluter, with the workflow's expressions filled in. */
function polluterCommands(job: { steps: Step[] }, values: Record<string, string>): string[][] {
  const lines = job.steps.map((step) => step.run ?? '').filter((run) => /\bpolluter\b/.test(run));
  return lines.map((line) => {
    const filled = fill(line, values);
    // The glob of `merge detect-*.json` is the shell's: expanded here as sh would.
    return parseShell(filled).flatMap((word) =>
      typeof word === 'string' ? [word] : [(word as { pattern: string }).pattern],
    );
  });
}

describe('samples/ci/nightly.yml as written', () => {
  it('runs its detect matrix and its merge on a copy of the pytest nightly sample', async () => {
    const flow = parseYaml(readFileSync(join(ROOT, 'samples', 'ci', 'nightly.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { shard?: number[] } } }>;
    };
    const project = join(scratch, 'nightly');
    cpSync(samplePath('pytest', 'nightly'), project, { recursive: true });
    const shards = flow.jobs.detect!.strategy!.matrix!.shard!;
    const run = async (words: string[], shard: number) => {
      assert.deepEqual(words.slice(0, 2), ['npx', 'polluter'], 'the workflow calls polluter through npx');
      // The shell's globs (`detect-*/polluter.json`), expanded here as sh would.
      const args = words
        .slice(2)
        .flatMap((word) => (word.includes('*') ? fg.sync(word, { cwd: project }).sort() : [word]));
      return execa('node', [BIN, ...args], {
        cwd: project,
        reject: false,
        env: { NO_COLOR: '1', QUOTA_SERVICE_STATE: join(scratch, `quota-${shard}`) },
      });
    };
    for (const shard of shards) {
      const values = { 'matrix.shard': String(shard), 'github.run_id': '7' };
      const steps = actionSteps(flow.jobs.detect!, values);
      assert.equal(steps.length, 1, 'the detect job runs polluter through its Action');
      // Every shard on a machine of its own in CI: here each gets its own quota service state.
      const github = {
        GITHUB_OUTPUT: join(scratch, `output-${shard}`),
        GITHUB_STEP_SUMMARY: join(scratch, `summary-${shard}`),
        QUOTA_SERVICE_STATE: join(scratch, `quota-${shard}`),
      };
      const result = await runAction(steps[0]!, github, project);
      assert.ok(
        result.exitCode === 0 || result.exitCode === 1,
        `shard ${shard}: exit ${result.exitCode}\n${result.stderr}`,
      );
    }
    const [merge] = polluterCommands(flow.jobs.report!, {});
    const merged = await run(merge!, 0);
    assert.ok(merged.exitCode === 1, `merge: exit ${merged.exitCode}\n${merged.stderr}`);
    const report = readFileSync(join(project, 'report.md'), 'utf8');
    assert.match(report, /polluted/);
    assert.match(readFileSync(join(project, 'report.xml'), 'utf8'), /<testsuites?\b/);
    // Every victim any shard searched reproduces with its printed command.
    let searched = 0;
    for (const shard of shards) {
      const shardReport = JSON.parse(
        readFileSync(join(project, `detect-${shard}`, 'polluter.json'), 'utf8'),
      ) as DetectReport;
      assert.deepEqual(
        shardReport.rounds.map((round) => round.seed),
        [7, 8, 9],
      );
      searched += shardReport.victims.length;
      await assertReproduced(shardReport, project);
    }
    assert.ok(searched > 0, 'the shards searched at least one victim');
  });
});
