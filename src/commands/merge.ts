import { readFile } from 'node:fs/promises';
import { UsageError, unreadableFile } from '../errors.js';
import type { DetectReport } from '../report/detect-report.js';
import { writeReports, type OutputSpec } from '../report/outputs.js';
import { detectExitStatus } from './detect.js';
import type { CommandIo } from './io.js';

export interface MergeOptions {
  files: string[];
  outputs: OutputSpec[];
}

/** `polluter merge`: the JSON reports of `detect --shard i/n` joined into the report of the whole job. */
export async function merge(options: MergeOptions, io: CommandIo): Promise<number> {
  if (options.files.length === 0) throw new UsageError('name the JSON reports of detect --shard to merge');
  const reports = await Promise.all(options.files.map(readDetectReport));
  const report = mergeReports(reports, options.files);
  report.warnings.forEach((warning) => io.progress(`warning: ${warning}`));
  await writeReports(report, options.outputs, io);
  return detectExitStatus(report);
}

async function readDetectReport(file: string): Promise<DetectReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadableFile('report', file, error);
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON: merge takes the reports of polluter detect --format json`);
  }
  const candidate = report as Partial<DetectReport> | null;
  if (
    candidate?.kind !== 'detect' ||
    !Array.isArray(candidate.victims) ||
    !Array.isArray(candidate.failures) ||
    !Array.isArray(candidate.rounds)
  ) {
    throw new UsageError(`${file} is not a report of polluter detect --format json`);
  }
  return candidate as DetectReport;
}

/** Shards share the rounds (same order, same seed) and split the failures; their victims and failures add up. */
export function mergeReports(reports: readonly DetectReport[], files: readonly string[]): DetectReport {
  const [first] = reports as [DetectReport, ...DetectReport[]];
  const runners = new Set(reports.map((report) => report.runner));
  if (runners.size > 1)
    throw new UsageError(
      `the reports come from different runners (${[...runners].join(', ')}): merge the shards of one job`,
    );
  const counts = new Set(reports.map((report) => report.shard?.count ?? 1));
  if (counts.size > 1)
    throw new UsageError(
      `the reports split the job differently (--shard …/${[...counts].join(', …/')}): merge the shards of one job`,
    );
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  reports.forEach((report, position) => {
    const index = report.shard?.index ?? 1;
    const earlier = seen.get(index);
    if (earlier !== undefined)
      throw new UsageError(`${earlier} and ${files[position]} are both shard ${index}/${count}`);
    seen.set(index, files[position]!);
  });

  const warnings = reports.flatMap((report) => report.warnings);
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    warnings.push(
      `shard(s) ${missing.map((index) => `${index}/${count}`).join(', ')} missing: their victims are not in this report`,
    );
  const failedSets = new Set(
    reports.map((report) => JSON.stringify(report.rounds.map((round) => [round.seed, [...round.failed].sort()]))),
  );
  if (failedSets.size > 1)
    warnings.push(
      'the shards saw different failures in their rounds (a flaky suite, or different seeds): some failures may have been triaged by no shard',
    );

  const byShard = [...reports].sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1));
  return {
    kind: 'detect',
    runner: first.runner,
    rounds: first.rounds,
    victims: byShard.flatMap((report) => report.victims).sort((a, b) => a.victim.localeCompare(b.victim)),
    failures: byShard.flatMap((report) => report.failures).sort((a, b) => a.id.localeCompare(b.id)),
    shard: null,
    shards: reports.length,
    trials: reports.reduce((sum, report) => sum + report.trials, 0),
    reused: reports.reduce((sum, report) => sum + report.reused, 0),
    // Shards run side by side: the job took as long as the slowest.
    seconds: Math.max(...reports.map((report) => report.seconds)),
    warnings,
    // detect --fix in the shards: each shard's fixes, for its own victims (the same polluters in two shards get two).
    ...(reports.some((report) => report.fixes) ? { fixes: byShard.flatMap((report) => report.fixes ?? []) } : {}),
  };
}
