// jest and vitest on projects set up as real ones are: configs that restrict what the runner loads, files that do
// not compile, projects in a subfolder. Through the built CLI, with the samples' own runners.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { it } from 'node:test';
import { execa } from 'execa';
import { expected, findJson, polluter, ROOT, samplePath, snapshotTree } from '../support/cli.ts';

/** A temp dir of the test's own (see js-find.test.ts), removed after. */
async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'polluter-test-'));
  try {
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it("stops with one line and exit 5, never a verdict, when the project's config refuses polluter's own setup file", () =>
  withTempDir(async (temp) => {
    const sample = samplePath('vitest', 'fs-allow');
    const answer = expected(sample);
    const before = snapshotTree(sample);
    // vitest.deny.config.js refuses every .mjs file, polluter's setup.mjs included: no trial can run the victim.
    const result = await polluter(
      ['find', answer.victim, '--project', sample, '--', '--config', 'vitest.deny.config.js'],
      undefined,
      { TMPDIR: temp },
    );
    assert.equal(result.exitCode, 5, result.stderr);
    assert.equal(result.stdout, '', 'no report');
    const lines = result.stderr.trim().split('\n');
    assert.match(
      lines.at(-1)!,
      /^polluter: a vitest trial did not run the victim, so the search stopped without a verdict: polluter's own files failed: Cannot find module '\/@fs\/.*\/setup\.mjs'/,
    );
    assert.equal(lines.filter((line) => /did not run the victim/.test(line)).length, 1, 'said once');
    assert.doesNotMatch(
      result.stderr,
      /→ fail|fails-alone|Verdict/,
      'the load error is never counted as the victim failing',
    );
    assert.deepEqual(snapshotTree(sample), before, 'the project tree is as before the run');
  }));

for (const [runner, name, broken] of [
  ['jest', 'jest29/ts-type-error', 'tests/parse.test.ts'],
  ['vitest', 'uncollectable', 'tests/notify.test.js'],
] as const) {
  it(`${runner}: a test file that cannot be collected is named once and left out, and the search goes on (${name})`, () =>
    withTempDir(async (temp) => {
      const sample = samplePath(runner, name);
      const answer = expected(sample);
      const { report, result } = await findJson(sample, answer.victim, [], { TMPDIR: temp });
      assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      const leftOut = report.warnings.filter((warning) =>
        warning.startsWith(`left out ${broken}: ${runner} could not collect it: `),
      );
      assert.equal(leftOut.length, 1, report.warnings.join('\n'));
      assert.match(leftOut[0]!, runner === 'jest' ? /TS18048/ : /error when mocking a module/);
      assert.equal(
        result.stderr.split('\n').filter((line) => line.includes(`left out ${broken}`)).length,
        1,
        'said once while it runs',
      );
    }));
}

for (const [runner, name, broken] of [
  ['jest', 'jest29/ts-type-error', 'tests/parse.test.ts'],
  ['vitest', 'uncollectable', 'tests/notify.test.js'],
] as const) {
  it(`${runner}: with an order, only its files are collected: a broken file the order does not name is never loaded (${name})`, () =>
    withTempDir(async (temp) => {
      const sample = samplePath(runner, name);
      const answer = expected(sample);
      const orderFile = join(temp, 'order.txt');
      writeFileSync(orderFile, `${[...answer.polluters, answer.victim].join('\n')}\n`);
      const { report, result } = await findJson(sample, answer.victim, ['--order-file', orderFile], { TMPDIR: temp });
      assert.equal(report.verdict, answer.verdict, `${report.reason}\n${result.stderr}`);
      assert.deepEqual(report.polluters, answer.polluters);
      assert.doesNotMatch(
        result.stderr,
        new RegExp(`left out ${broken}`),
        'the file the order does not name was never loaded',
      );
      assert.deepEqual(
        report.warnings.filter((warning) => warning.includes(broken)),
        [],
      );
      assert.match(result.stderr, /^polluter: collecting tests with \w+ in .*: only the 1 file\(s\) the order names$/m);
      assert.doesNotMatch(result.stderr, /collecting every test/);
    }));
}

it('a project in a subfolder: the reproduce command says `cd app &&` and fails the victim when pasted where polluter ran', () =>
  withTempDir(async (temp) => {
    const workspace = samplePath('vitest', 'workspace');
    const answer = expected(join(workspace, 'app'));
    const before = snapshotTree(workspace);
    const result = await polluter(['find', answer.victim, '--project', 'app', '--format', 'json'], workspace, {
      TMPDIR: temp,
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { verdict: string; polluters: string[]; reproduce: string };
    assert.equal(report.verdict, 'polluted');
    assert.deepEqual(report.polluters, answer.polluters);
    assert.match(report.reproduce, /^cd app && npx vitest run tests\/session\.test\.js -t /);
    const pasted = await execa('sh', ['-c', report.reproduce], {
      cwd: workspace,
      reject: false,
      env: { CI: '1', NO_COLOR: '1', TMPDIR: temp },
    });
    assert.equal(pasted.exitCode, 1, `${report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`);
    assert.match(pasted.stdout, /a new session belongs to nobody/);
    assert.deepEqual(snapshotTree(workspace), before, 'the project tree is as before the run');
  }));

it('the reproduce command of an order the runner cannot express is polluter run by its path (polluter is not installed in the sample), with the arguments after --', () =>
  withTempDir(async (temp) => {
    const sample = samplePath('vitest', 'cli-options');
    const answer = expected(sample);
    const { report } = await findJson(sample, answer.victim, answer.args ?? [], { TMPDIR: temp });
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.equal(
      report.reproduce.startsWith(
        `cd ${relative(ROOT, sample)} && node ${join(ROOT, 'bin', 'polluter.js')} run --runner vitest `,
      ),
      true,
      report.reproduce,
    );
    assert.equal(report.reproduce.endsWith(' -- --no-isolate --coverage.enabled=false'), true, report.reproduce);
    // Pasted in a shell where polluter ran (this repository's root): the victim fails.
    const pasted = await execa('sh', ['-c', report.reproduce], {
      cwd: ROOT,
      reject: false,
      env: { CI: '1', NO_COLOR: '1', TMPDIR: temp },
    });
    assert.equal(pasted.exitCode, 1, `${report.reproduce}\n${pasted.stdout}\n${pasted.stderr}`);
    assert.match(pasted.stdout, /failed +tests\/logs\.test\.js > logs > a background job logs without a trace/);
    // Without --no-isolate the files do not share a process: no polluter.
    const isolated = await findJson(sample, answer.victim, [], { TMPDIR: temp });
    assert.equal(isolated.report.verdict, 'not-reproduced', isolated.report.reason);
  }));

it("files the runner rewrites on every start are no trial's doing: said once, no warning per file, trials still side by side", () =>
  withTempDir(async (temp) => {
    const sample = samplePath('vitest', 'generated-files');
    const answer = expected(sample);
    const generated = join(sample, '.generated');
    rmSync(generated, { recursive: true, force: true }); // a fresh clone's state
    const onEveryStart =
      /the files the runner writes on every start, not counted as any trial's doing: \.generated\/manifest\.json, \.generated\/routes\.d\.ts/;
    // A fresh clone: the listing creates them, every trial again; each time they are removed. --jobs left out, its
    // default 2 (POLLUTER_JOBS, whatever the cores): trials may go side by side, and must not drop to one at a time.
    const fresh = await findJson(sample, answer.victim, [], { TMPDIR: temp, POLLUTER_JOBS: '2' });
    assert.equal(fresh.report.verdict, 'polluted', fresh.report.reason);
    assert.equal(
      fresh.result.stderr.split('\n').filter((line) => onEveryStart.test(line)).length,
      1,
      fresh.result.stderr,
    );
    assert.doesNotMatch(fresh.result.stderr, /removed what a trial left|one at a time|a trial changed/);
    assert.deepEqual(fresh.report.leftovers, { removed: [], modified: [] });
    // As after a dev server ran: they exist, and every start rewrites them (gitignored, so never warned about).
    mkdirSync(generated);
    try {
      writeFileSync(join(generated, 'manifest.json'), '{}');
      writeFileSync(join(generated, 'routes.d.ts'), '');
      const result = await polluter(['find', answer.victim, '--project', sample, '--format', 'json'], undefined, {
        TMPDIR: temp,
        POLLUTER_JOBS: '2',
      });
      const report = JSON.parse(result.stdout) as { verdict: string; leftovers: unknown; warnings: string[] };
      assert.equal(report.verdict, 'polluted', result.stderr);
      assert.match(result.stderr, onEveryStart);
      assert.doesNotMatch(result.stderr, /a trial changed|trials changed|one at a time/);
      assert.deepEqual(report.leftovers, { removed: [], modified: [] });
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  }));

it("a search of a vitest seed says that vitest's seeded order is not stable, and points to the order CI recorded", () =>
  withTempDir(async (temp) => {
    const sample = samplePath('vitest', 'defined-after');
    const answer = expected(sample);
    const { report } = await findJson(sample, answer.victim, ['--seed', String(answer.seed)], { TMPDIR: temp });
    assert.equal(report.verdict, 'polluted', report.reason);
    assert.deepEqual(report.polluters, answer.polluters);
    assert.equal(
      report.warnings.filter((warning) =>
        /vitest's seeded order is not stable across runs.*--from-json, --from-record/.test(warning),
      ).length,
      1,
      report.warnings.join('\n'),
    );
  }));

it("the listing that runs the first trial leaves vitest's results cache (which orders a plain run's files) as it was", () =>
  withTempDir(async (temp) => {
    const sample = samplePath('vitest', 'module-state');
    const answer = expected(sample);
    const cacheDir = join(sample, 'node_modules', '.vite', 'vitest');
    // A cache that says the victim's file failed last time and took long: a real run puts it first and rewrites it.
    const cache = join(cacheDir, 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'results.json');
    const saved = existsSync(cache) ? readFileSync(cache, 'utf8') : undefined; // a fresh clone has none
    mkdirSync(dirname(cache), { recursive: true });
    try {
      const planted = JSON.stringify({
        version: '4.1.12',
        results: [[':tests/inventory.test.js', { duration: 9999, failed: true }]],
      });
      writeFileSync(cache, planted);
      const { report, result } = await findJson(sample, answer.victim, [], { TMPDIR: temp });
      assert.equal(report.verdict, 'polluted', result.stderr);
      assert.deepEqual(report.polluters, answer.polluters);
      assert.match(result.stderr, /running those before the victim in the same process/);
      assert.equal(readFileSync(cache, 'utf8'), planted);
      // The victim's file runs first here: the file after it is listed after the run, by the same process (no
      // listing process besides the trials), and the listing is the one `polluter list` gives.
      assert.equal(report.trials, result.stderr.match(/^polluter: trial +\d+ /gm)?.length, result.stderr);
      const listed = await polluter(['list', '--project', sample], undefined, { TMPDIR: temp });
      const ids = listed.stdout.trim().split('\n');
      assert.ok(ids[0]!.startsWith('tests/inventory.test.js > '), listed.stdout);
      assert.ok(
        ids.some((id) => id.startsWith('tests/pricing.test.js > ')),
        listed.stdout,
      );
      assert.match(result.stderr, new RegExp(`polluter: ${ids.length} tests collected; \\d+ run before the victim`));
      assert.equal(readFileSync(cache, 'utf8'), planted);
    } finally {
      if (saved === undefined) rmSync(cacheDir, { recursive: true, force: true });
      else writeFileSync(cache, saved);
    }
  }));

it('vitest: a test that hangs before the victim stops the listing that runs the first trial, and that run is still the first trial', () =>
  withTempDir(async (temp) => {
    // A project of its own (vitest from the samples' node_modules): the hang comes in the file before the victim's,
    // so the run is stopped before it has loaded the victim's file.
    const project = join(temp, 'project');
    mkdirSync(join(project, 'tests'), { recursive: true });
    symlinkSync(join(ROOT, 'samples', 'vitest', 'node_modules'), join(project, 'node_modules'));
    writeFileSync(
      join(project, 'vitest.config.js'),
      "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['tests/**/*.test.js'], isolate: false } });\n",
    );
    // Each start of the hanging test is a line in `hangs` (outside the project: a file there would be swept).
    const hangs = join(temp, 'hangs.log');
    writeFileSync(
      join(project, 'tests', 'a.test.js'),
      [
        "import fs from 'node:fs';",
        "import { test } from 'vitest';",
        "test('sets', () => { globalThis.flag = 1; });",
        `test('hangs', () => { fs.appendFileSync(${JSON.stringify(hangs)}, 'started\\n'); return new Promise(() => {}); }, 1e9);`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tests', 'b.test.js'),
      "import { expect, test } from 'vitest';\ntest('victim', () => { expect(globalThis.flag).toBeUndefined(); });\n",
    );
    const { report, result } = await findJson(project, 'tests/b.test.js > victim', ['--timeout', '5'], {
      TMPDIR: temp,
    });
    assert.equal(report.verdict, 'polluted', result.stderr);
    assert.deepEqual(report.polluters, ['tests/a.test.js > sets']);
    assert.deepEqual(report.excluded, ['tests/a.test.js > hangs']);
    // The whole order ran once, in the listing process, and was stopped once: not a second time by the search (which
    // would also count that listing as a process besides the trials).
    assert.equal(readFileSync(hangs, 'utf8'), 'started\n', 'the hanging test was waited for once');
    assert.equal(report.trials, result.stderr.match(/^polluter: trial +\d+ /gm)?.length, result.stderr);
    assert.equal(
      result.stderr.match(/^polluter: trial +\d+ +order +2 of 2 candidates → unknown/gm)?.length,
      1,
      result.stderr,
    );
    assert.match(result.stderr, /polluter: 3 tests collected; 2 run before the victim/);
  }));
