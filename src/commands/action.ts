// The steps of the GitHub Action (action.yml): run polluter's CLI on the artifact (or the suite), then hand the report
// to the workflow: outputs, the job summary (the CLI appends it), at most 10 annotations, one sticky comment.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import { parse as shellParse } from 'shell-quote';
import { detectFormat, type ArtifactFormat } from '../ci/detect-format.js';
import { ArtifactError } from '../ci/artifact-error.js';
import { splitJsId, splitNodeid } from '../ci/names.js';
import { badArtifact, UsageError } from '../errors.js';
import { annotationCommand, setOutput } from '../github/workflow.js';
import { isDetectReport, victimsOf, type Report } from '../report/detect-report.js';
import { FOUND } from '../report/find-report.js';
import type { CommandIo } from './io.js';

const COMMANDS = ['find-failed', 'detect', 'comment'] as const;
const COMMENT_MODES = ['always', 'failures', 'off'] as const;
const FORMATS = ['json', 'markdown', 'junit'] as const;
const ARTIFACT_FORMATS = ['auto', 'junit', 'log', 'json', 'record'] as const;
/** GitHub shows at most 10 error annotations per step. */
export const MAX_ANNOTATIONS = 10;
/** The inputs action.yml passes (as INPUT_<NAME> with `-` as `_`), and the outputs this step writes. */
export const ACTION_INPUTS = [
  'command',
  'artifact',
  'artifact-format',
  'project',
  'shard',
  'fix',
  'formats',
  'output-dir',
  'args',
  'comment-mode',
  'marker',
  'pull-request',
  'github-token',
] as const;
export const ACTION_OUTPUTS = [
  'verdict',
  'victims',
  'failures',
  'report-json',
  'report-markdown',
  'report-junit',
  'exit-code',
] as const;
const FILE_OF_FORMAT = { json: 'polluter.json', markdown: 'polluter.md', junit: 'polluter.xml' } as const;

export interface ActionInputs {
  command: (typeof COMMANDS)[number];
  artifact: string | undefined;
  artifactFormat: (typeof ARTIFACT_FORMATS)[number];
  project: string;
  shard: string | undefined;
  /** `--fix`: a proven fix (a diff) for each set of polluters, in the reports and the comment. */
  fix: boolean;
  formats: (typeof FORMATS)[number][];
  outputDir: string;
  args: string[];
  commentMode: (typeof COMMENT_MODES)[number];
  marker: string | undefined;
  pullRequest: number | undefined;
  token: string | undefined;
}

/** The inputs as action.yml passes them (INPUT_* variables), checked once. */
export function actionInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: (typeof ACTION_INPUTS)[number]) => env[inputVariable(name)]?.trim() || undefined;
  const oneOf = <T extends string>(name: (typeof ACTION_INPUTS)[number], choices: readonly T[], fallback: T): T => {
    const value = input(name) ?? fallback;
    if (!choices.includes(value as T))
      throw new UsageError(`input ${name}: expected ${choices.join(', ')}; got ${value}`);
    return value as T;
  };
  const formats = (input('formats') ?? 'markdown,json,junit').split(/[\s,]+/).filter(Boolean);
  for (const format of formats) {
    if (!FORMATS.includes(format as never))
      throw new UsageError(`input formats: expected a list of ${FORMATS.join(', ')}; got ${format}`);
  }
  const args = shellParse(input('args') ?? '');
  const operator = args.find((arg) => typeof arg !== 'string');
  if (operator !== undefined)
    throw new UsageError(
      `input args: expected polluter options (no shell operators, no variables); got ${JSON.stringify(operator)}`,
    );
  const pr = input('pull-request');
  if (pr !== undefined && !/^[1-9]\d*$/.test(pr))
    throw new UsageError(`input pull-request: expected a pull request number; got ${pr}`);
  return {
    command: oneOf('command', COMMANDS, 'find-failed'),
    artifact: input('artifact'),
    artifactFormat: oneOf('artifact-format', ARTIFACT_FORMATS, 'auto'),
    project: input('project') ?? '.',
    shard: input('shard'),
    fix: oneOf('fix', ['true', 'false'], 'false') === 'true',
    // The JSON is always written: outputs, annotations and the comment come from it.
    formats: [...new Set(['json' as const, ...(formats as (typeof FORMATS)[number][])])],
    outputDir: input('output-dir') ?? 'polluter-report',
    args: args as string[],
    commentMode: oneOf('comment-mode', COMMENT_MODES, 'failures'),
    marker: input('marker'),
    pullRequest: pr === undefined ? undefined : Number(pr),
    token: input('github-token'),
  };
}

/** The environment variable action.yml passes an input in. */
export function inputVariable(name: string): string {
  return `INPUT_${name.toUpperCase().replaceAll('-', '_')}`;
}

/** The whole step; returns the exit status of the CLI's search (0 nothing failed, 1 failures), 2 and up for errors. */
export async function runAction(env: NodeJS.ProcessEnv, io: CommandIo, bin: string): Promise<number> {
  const inputs = actionInputs(env);
  const outputDir = resolve(inputs.outputDir);
  mkdirSync(outputDir, { recursive: true });
  const files = Object.fromEntries(
    inputs.formats.map((format) => [format, join(outputDir, FILE_OF_FORMAT[format])]),
  ) as Partial<Record<(typeof FORMATS)[number], string>>;
  const json = files.json!;

  let status = 0;
  if (inputs.command === 'comment') {
    // The workflow_run job of a fork's pull request: the report and the pull request come from the uploaded artifact.
    io.progress(`commenting the report ${relative('.', json)}`);
  } else {
    const reports = inputs.formats.flatMap((format) => ['--format', format, '--output', files[format]!]);
    const what = inputs.command === 'detect' ? ['detect'] : ['find', '--failed', ...(await artifactFlag(inputs))];
    const args = [
      ...what,
      '--project',
      inputs.project,
      ...(inputs.shard ? ['--shard', inputs.shard] : []),
      ...(inputs.fix ? ['--fix'] : []),
      ...reports,
      ...inputs.args,
    ];
    io.progress(`polluter ${args.join(' ')}`);
    // The CLI appends the Markdown report to $GITHUB_STEP_SUMMARY itself.
    const cli = await execa(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      reject: false,
      env,
    });
    status = cli.exitCode ?? 3;
    if (status > 1) return status; // bad input or an internal error: the CLI said why
    const event = pullRequestOfEvent(env);
    if (event !== undefined) writeFileSync(join(outputDir, 'pull-request.json'), `${JSON.stringify(event)}\n`);
  }

  const report = readReport(json);
  const found = victimsOf(report).filter((victim) => FOUND.has(victim.verdict));
  const failed = failedCount(report);
  if (inputs.command === 'comment' && env.GITHUB_STEP_SUMMARY) {
    const markdown = files.markdown ?? join(outputDir, FILE_OF_FORMAT.markdown);
    const text = statSync(markdown, { throwIfNoEntry: false }) ? readFileSync(markdown, 'utf8') : undefined;
    if (text !== undefined) writeFileSync(env.GITHUB_STEP_SUMMARY, `${text}\n`, { flag: 'a' });
  }

  if (env.GITHUB_OUTPUT) {
    const verdict = failed === 0 ? 'passed' : found.length > 0 ? 'polluted' : 'failed';
    const outputs: Record<(typeof ACTION_OUTPUTS)[number], string> = {
      verdict,
      victims: String(found.length),
      failures: String(failed),
      'report-json': json,
      'report-markdown': files.markdown ?? '',
      'report-junit': files.junit ?? '',
      'exit-code': String(status),
    };
    for (const [name, value] of Object.entries(outputs)) setOutput(env.GITHUB_OUTPUT, name, value);
  }

  // One annotation per victim found, on its test file; GitHub shows 10 per step.
  for (const victim of found.slice(0, MAX_ANNOTATIONS)) {
    const culprits =
      victim.verdict === 'brittle'
        ? `passes only after ${victim.stateSetters.join(', ')}`
        : `fails after ${victim.polluters.join(', ')}`;
    const file = relative(env.GITHUB_WORKSPACE ?? process.cwd(), resolve(inputs.project, testFile(victim.victim)));
    io.stdout(
      annotationCommand({
        level: 'error',
        title: `polluter: ${victim.verdict}`,
        file,
        message: `${victim.victim} ${culprits}\nReproduce: ${victim.reproduce}`,
      }),
    );
  }
  if (found.length > MAX_ANNOTATIONS)
    io.progress(`${found.length - MAX_ANNOTATIONS} more victim(s) than annotations: the report has them all`);

  if (inputs.commentMode === 'always' || (inputs.commentMode === 'failures' && failed > 0)) {
    const pr =
      inputs.pullRequest ??
      (inputs.command === 'comment' ? pullRequestOfArtifact(outputDir, env) : pullRequestOfEvent(env)?.number);
    if (pr === undefined) {
      io.progress('no pull request to comment on (not a pull_request run, no pull-request input): no comment');
    } else {
      const args = [
        'comment',
        '--report',
        json,
        '--pr',
        String(pr),
        ...(inputs.marker ? ['--marker', inputs.marker] : []),
      ];
      const commented = await execa(process.execPath, [bin, ...args], {
        stdio: ['ignore', 'inherit', 'inherit'],
        reject: false,
        env: { ...env, ...(inputs.token ? { GITHUB_TOKEN: inputs.token } : {}) },
      });
      if (commented.exitCode !== 0) return commented.exitCode ?? 3;
    }
  }
  return status;
}

/** `--from-<format> FILE`: the format given, or read from the file's first bytes (a directory is a record). */
async function artifactFlag(inputs: ActionInputs): Promise<string[]> {
  if (inputs.artifact === undefined)
    throw new UsageError(
      'input artifact: expected the CI artifact to take the failures from (a JUnit XML, a pytest -v log, a jest/vitest JSON result or a polluter record); got nothing',
    );
  let format: ArtifactFormat;
  if (inputs.artifactFormat !== 'auto') format = inputs.artifactFormat;
  else if (statSync(inputs.artifact, { throwIfNoEntry: false })?.isDirectory()) format = 'record';
  else format = await sniff(inputs.artifact);
  return [`--from-${format}`, inputs.artifact];
}

async function sniff(file: string): Promise<ArtifactFormat> {
  const handle = await open(file, 'r').catch(() => {
    throw new UsageError(`input artifact: expected a file or a directory; got ${file}, which does not exist`);
  });
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectFormat(head.subarray(0, bytesRead));
  } catch (error) {
    if (error instanceof ArtifactError) throw badArtifact('input artifact', file, error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

function readReport(file: string): Report {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (error) {
    throw new UsageError(
      `expected a polluter JSON report at ${file}; got ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Failures the report counts: every failed test of the rounds or the artifact, whatever their kind. */
function failedCount(report: Report): number {
  if (!isDetectReport(report)) return 1;
  return new Set([
    ...report.rounds.flatMap((round) => round.failed),
    ...report.victims.map((victim) => victim.victim),
    ...report.failures.map((failure) => failure.id),
  ]).size;
}

/** The victim's test file: a pytest node id's path, a jest or vitest id's file. */
function testFile(id: string): string {
  return id.includes('::') ? splitNodeid(id).file : splitJsId(id).file;
}

/** The pull request of a pull_request run, kept beside the report for the workflow_run job of a fork's pull request. */
function pullRequestOfEvent(env: NodeJS.ProcessEnv): { number: number; headSha: string } | undefined {
  if (!env.GITHUB_EVENT_PATH || !['pull_request', 'pull_request_target'].includes(env.GITHUB_EVENT_NAME ?? ''))
    return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
    pull_request?: { number?: unknown; head?: { sha?: unknown } };
  };
  const number = event.pull_request?.number;
  const headSha = event.pull_request?.head?.sha;
  return typeof number === 'number' && typeof headSha === 'string' ? { number, headSha } : undefined;
}

/**
 * The workflow_run job: the pull request the artifact names, only when the artifact came from the run that triggered
 * this one (its head commit is the event's); the event's own pull_requests[] when the artifact names none.
 */
function pullRequestOfArtifact(outputDir: string, env: NodeJS.ProcessEnv): number | undefined {
  const event = env.GITHUB_EVENT_PATH
    ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
        workflow_run?: { head_sha?: string; pull_requests?: { number: number }[] };
      })
    : {};
  const file = join(outputDir, 'pull-request.json');
  if (statSync(file, { throwIfNoEntry: false })) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { number?: unknown; headSha?: unknown };
    if (typeof kept.number !== 'number' || !Number.isSafeInteger(kept.number) || kept.number < 1)
      throw new UsageError(`${file}: expected a pull request number; got ${String(kept.number)}`);
    const headSha = event.workflow_run?.head_sha;
    if (headSha !== undefined && kept.headSha !== headSha)
      throw new UsageError(
        `${file}: expected the pull request of commit ${headSha} (the workflow run's); got one of ${String(kept.headSha)}`,
      );
    return kept.number;
  }
  return event.workflow_run?.pull_requests?.[0]?.number;
}
