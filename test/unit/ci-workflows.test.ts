// samples/ci/*.yml: the structure GitHub Actions needs, and every `polluter <command> --flag` they run checked against the
// built CLI's own --help (npm run build first), so that renaming a command or a flag breaks this test, not a user's CI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'polluter.js');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown[]> };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = ['nightly.yml', 'pull-request.yml', 'pull-request-comment.yml'];
const workflow = (name: string) => parse(readFileSync(join(ROOT, 'samples', 'ci', name), 'utf8')) as Workflow;
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const uploads = (job: Job) => job.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));

/** A polluter invocation in a `run:` script: the command, then its arguments up to the end of the shell command. */
export interface Invocation {
  command: string;
  args: string[];
}

/** Every `polluter <command> …` in a shell script, with line continuations joined and quotes removed. */
export function invocations(script: string): Invocation[] {
  const found: Invocation[] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    const words = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    for (let at = words.indexOf('polluter'); at !== -1; at = words.indexOf('polluter', at + 1)) {
      const rest = words.slice(at + 1);
      const end = rest.findIndex((word) => /^(?:\||\|\||&&|;|>|>>|2>|<|\)|then|do)$/.test(word));
      const [command, ...args] = end === -1 ? rest : rest.slice(0, end);
      if (command !== undefined) found.push({ command, args });
    }
  }
  return found;
}

interface HelpOption {
  choices?: string[];
}

/** The options `polluter <command> --help` lists, with their choices; undefined when there is no such command. */
function helpOptions(command: string): Map<string, HelpOption> | undefined {
  let text: string;
  try {
    text = execFileSync('node', [BIN, command, '--help'], {
      encoding: 'utf8',
      env: { ...process.env, COLUMNS: '400' },
    });
  } catch {
    return undefined; // exit status 2: not a command (yet)
  }
  const options = new Map<string, HelpOption>();
  // One option per line; a description may wrap onto lines without a leading `--`.
  let last: HelpOption | undefined;
  for (const line of text.split('\n')) {
    const option = /^\s+(--[\w-]+)/.exec(line);
    if (option) options.set(option[1]!, (last = {}));
    const choices = /\[choices: ([^\]]+)\]/.exec(line);
    if (choices && last) last.choices = [...choices[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  }
  return options;
}

const ACTION = './node_modules/polluter';
const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};
const actionSteps = (flow: Workflow) => steps(flow).filter((step) => step.uses === ACTION);
const input = (step: Step, name: string) => String(step.with?.[name] ?? actionYml.inputs[name]?.default ?? '');

describe('samples/ci workflows', () => {
  it('call the Action from the dev dependency, with inputs it declares, and parse no logs in shell', () => {
    for (const name of WORKFLOWS) {
      const flow = workflow(name);
      assert.ok(actionSteps(flow).length > 0, `${name} uses the Action`);
      for (const step of actionSteps(flow)) {
        for (const key of Object.keys(step.with ?? {}))
          assert.ok(key in actionYml.inputs, `${name}: the Action has no input ${key}`);
      }
      for (const step of steps(flow))
        assert.doesNotMatch(step.run ?? '', /\b(grep|awk|sed|cut)\b|while .*read/, `${name}: no log parsing in shell`);
    }
  });

  it('nightly: on a schedule and by hand, a matrix of 4 shards, then a merge job that needs them', () => {
    const flow = workflow('nightly.yml');
    assert.ok(
      Array.isArray(flow.on.schedule) && (flow.on.schedule as { cron?: string }[])[0]?.cron,
      'a schedule with a cron',
    );
    assert.ok('workflow_dispatch' in flow.on);
    const detect = flow.jobs.detect!;
    assert.deepEqual(detect.strategy?.matrix?.shard, [1, 2, 3, 4]);
    const [shard] = actionSteps({ ...flow, jobs: { detect } });
    assert.equal(input(shard!, 'command'), 'detect');
    assert.equal(input(shard!, 'shard'), '${{ matrix.shard }}/4');
    assert.match(
      input(shard!, 'args'),
      /--shuffle-seed \$\{\{ github\.run_id \}\}/,
      'all shards run the same rounds, so their shares of the failures are disjoint',
    );
    assert.equal(input(shard!, 'comment-mode'), 'off');
    const report = flow.jobs.report!;
    assert.deepEqual([report.needs].flat(), ['detect']);
    const [upload] = uploads(detect);
    assert.equal(upload?.with?.name, 'detect-${{ matrix.shard }}');
    assert.equal(
      upload?.with?.path,
      `${input(shard!, 'output-dir')}/polluter.json`,
      'uploads the JSON report the Action wrote',
    );
    const download = report.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    const pattern = new RegExp(`^${String(download.with?.pattern).replaceAll('*', '.*')}$`);
    for (const n of [1, 2, 3, 4]) assert.match(`detect-${n}`, pattern, 'the download pattern takes every shard');
    assert.equal(
      download.with?.['merge-multiple'],
      undefined,
      'each shard in its own directory: the files have one name',
    );

    const merge = report.steps.find((step) => step.run?.includes('polluter merge'))!.run!;
    assert.match(merge, /merge detect-\*\/polluter\.json/);
    const written = [...merge.matchAll(/--output (\S+)/g)].map((m) => m[1]);
    assert.deepEqual(written, ['report.md', 'report.xml']);
    assert.deepEqual(String(uploads(report)[0]?.with?.path).trim().split('\n'), written, 'uploads what merge wrote');
    // merge appends its Markdown to $GITHUB_STEP_SUMMARY itself: a second copy from the workflow would show it twice.
    assert.ok(!report.steps.some((step) => step.run?.includes('GITHUB_STEP_SUMMARY')));
    assert.equal(
      uploads(report)[0]?.if,
      '${{ !cancelled() }}',
      'the report is uploaded although merge exits 1 on failures',
    );
  });

  it('pull request: records the order, then the Action searches the record after a failure; a fork gets no comment here', () => {
    const flow = workflow('pull-request.yml');
    assert.ok('pull_request' in flow.on);
    assert.equal(flow.permissions?.['pull-requests'], 'write');
    const all = steps(flow);
    const tests = all.find((step) => step.run?.includes('polluter record'))!;
    const [record] = invocations(tests.run!);
    assert.ok(tests.id, 'the next step checks this one by id');
    const [search] = actionSteps(flow);
    assert.match(String(search!.if), new RegExp(`failure\\(\\).*steps\\.${tests.id}\\.outcome == 'failure'`));
    assert.equal(input(search!, 'command'), 'find-failed');
    assert.equal(
      input(search!, 'artifact'),
      record!.args[record!.args.indexOf('--output') + 1],
      'the Action reads the record the test step wrote',
    );
    assert.match(
      input(search!, 'comment-mode'),
      /head\.repo\.full_name == github\.repository && 'failures' \|\| 'off'/,
    );
    const upload = uploads(flow.jobs.test!)[0]!;
    assert.equal(upload.with?.name, 'polluter-report');
    assert.ok(
      String(upload.with?.path)
        .split('\n')
        .includes(`${input(search!, 'output-dir')}/`),
      'the report goes up for the comment of a fork',
    );
  });

  it("pull request comment: after the tests of a fork's pull request failed, posts its uploaded report", () => {
    const flow = workflow('pull-request-comment.yml');
    const run = flow.on.workflow_run as { workflows: string[]; types: string[] };
    assert.deepEqual(run.workflows, [
      (parse(readFileSync(join(ROOT, 'samples', 'ci', 'pull-request.yml'), 'utf8')) as { name: string }).name,
    ]);
    assert.deepEqual(run.types, ['completed']);
    assert.equal(flow.permissions?.['pull-requests'], 'write');
    const job = flow.jobs.comment!;
    assert.match(String(job.if), /conclusion == 'failure'/);
    assert.match(String(job.if), /head_repository\.full_name != github\.repository/);
    const download = job.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    assert.equal(download.with?.name, 'polluter-report');
    assert.equal(download.with?.['run-id'], '${{ github.event.workflow_run.id }}');
    const [comment] = actionSteps(flow);
    assert.equal(input(comment!, 'command'), 'comment');
    assert.equal(input(comment!, 'output-dir'), 'polluter-report');
    assert.ok(
      !job.steps.some((step) => step.run?.includes('pytest')),
      "nothing of the fork's code runs with the write token",
    );
  });

  it('reads polluter invocations out of shell scripts', () => {
    assert.deepEqual(
      invocations('set -e\nnpx polluter merge a*.json \\\n  --format json --output "x y.json" | tee log'),
      [{ command: 'merge', args: ['a*.json', '--format', 'json', '--output', 'x y.json'] }],
    );
    assert.deepEqual(invocations('npx polluter record -- pytest -n 4 && npx polluter comment --report r.json'), [
      { command: 'record', args: ['--', 'pytest', '-n', '4'] },
      { command: 'comment', args: ['--report', 'r.json'] },
    ]);
  });
});

describe('samples/ci workflows use only what the built CLI accepts', () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'build the CLI first: npm run build');
  const calls = new Map<string, string[][]>();
  const add = (call: Invocation) => calls.set(call.command, [...(calls.get(call.command) ?? []), call.args]);
  for (const name of WORKFLOWS) {
    for (const step of steps(workflow(name))) {
      for (const call of invocations(step.run ?? '')) add(call);
      // The Action's args go to the command it runs.
      if (step.uses === ACTION && input(step, 'command') !== 'comment') {
        add({
          command: input(step, 'command') === 'detect' ? 'detect' : 'find',
          args: invocations(`polluter x ${input(step, 'args')}`)[0]!.args,
        });
      }
    }
  }

  it('runs polluter in the workflows, directly and through the Action', () => {
    assert.deepEqual([...calls.keys()].sort(), ['detect', 'find', 'merge', 'record']);
  });

  for (const [command, argLists] of calls) {
    it(`polluter ${command}: the command and each of its flags and choices`, () => {
      const options = helpOptions(command);
      assert.ok(options, `polluter ${command} is not a command of the built CLI`);
      for (const args of argLists) {
        const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args; // after --: the test command
        for (const [index, arg] of own.entries()) {
          if (!arg.startsWith('-')) continue;
          const flag = arg.split('=')[0]!;
          assert.ok(
            options.has(flag),
            `polluter ${command} has no ${flag} (its --help lists ${[...options.keys()].join(' ')})`,
          );
          const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : own[index + 1];
          const choices = options.get(flag)!.choices;
          if (choices && value !== undefined && !value.includes('${{')) {
            assert.ok(choices.includes(value), `polluter ${command} ${flag} takes ${choices.join('|')}, not ${value}`);
          }
        }
      }
    });
  }
});
