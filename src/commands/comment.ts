import { readFile } from 'node:fs/promises';
import { badMarker, noGitHubToken, notAReport, unreadableFile } from '../errors.js';
import { GitHubClient } from '../github/client.js';
import { apiUrlFrom, pullRequestFrom, type TargetArgs } from '../github/target.js';
import { isDetectReport, type Report } from '../report/detect-report.js';
import { renderMarkdown } from '../report/markdown.js';
import type { CommandIo } from './io.js';

export interface CommentOptions extends TargetArgs {
  /** The JSON of `find --format json`, `detect` or `merge`. */
  report: string;
  /** Tells this comment from others polluter keeps on the same pull request. */
  marker?: string | undefined;
  dryRun: boolean;
}

/** GitHub refuses a comment body longer than this. */
const MAX_BODY = 65_536;

/** `polluter comment`: posts the report's Markdown on the pull request, or updates the comment it posted before. */
export async function comment(
  options: CommentOptions,
  io: CommandIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (options.marker !== undefined && !/^[\w.-]+$/.test(options.marker)) throw badMarker(options.marker);
  const marker = `<!-- polluter-report${options.marker === undefined ? '' : `:${options.marker}`} -->`;
  const report = await readReport(options.report);
  const body = fitted(`${marker}\n${renderMarkdown(report, { maxChars: MAX_BODY - marker.length - 200 })}`);
  const apiUrl = apiUrlFrom(options, env);

  if (options.dryRun) {
    io.stdout(body);
    let where = 'a pull request (pass --repo and --pr)';
    try {
      const pr = pullRequestFrom(options, env);
      where = `${pr.owner}/${pr.repo}#${pr.number}`;
    } catch {
      // a dry run shows the Markdown even where the pull request is not known
    }
    io.progress(`dry run: would update the comment marked ${marker} on ${where} through ${apiUrl}, or post one`);
    return 0;
  }

  const token = env.GITHUB_TOKEN;
  if (!token) throw noGitHubToken();
  const pr = pullRequestFrom(options, env);
  const github = new GitHubClient(apiUrl, token, io.signal);
  const ours = (await github.listComments(pr)).find((existing) => existing.body?.trimStart().startsWith(marker));
  if (ours) {
    await github.updateComment(pr, ours.id, body);
    io.progress(`updated comment ${ours.id} on ${pr.owner}/${pr.repo}#${pr.number}`);
  } else {
    const created = await github.createComment(pr, body);
    io.progress(`posted comment ${created.id} on ${pr.owner}/${pr.repo}#${pr.number}`);
  }
  return 0;
}

async function readReport(file: string): Promise<Report> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw unreadableFile('report', file, error);
  });
  let report: Report;
  try {
    report = JSON.parse(text);
  } catch {
    throw notAReport(file);
  }
  if (typeof report !== 'object' || report === null) throw notAReport(file);
  const looksRight = isDetectReport(report)
    ? Array.isArray(report.victims) && Array.isArray(report.failures) && Array.isArray(report.rounds)
    : typeof report.victim === 'string' && typeof report.verdict === 'string' && typeof report.reproduce === 'string';
  if (!looksRight) throw notAReport(file);
  return report;
}

/** A report too long for one comment is cut at a line, with a note; the JSON report keeps everything. */
function fitted(body: string): string {
  if (body.length <= MAX_BODY) return body;
  const note = '\n\n… cut to fit a GitHub comment; the JSON report has everything.\n';
  const cut = body.slice(0, MAX_BODY - note.length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0))}${note}`;
}
