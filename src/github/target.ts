import { readFileSync } from 'node:fs';
import { badApiUrl, badPullRequest, badRepository, noPullRequest, noRepository, unreadableFile } from '../errors.js';
import type { PullRequest } from './client.js';

export interface TargetArgs {
  repo?: string | undefined;
  pr?: number | undefined;
  apiUrl?: string | undefined;
}

/** The API, from --api-url, else GitHub Actions' GITHUB_API_URL (GitHub Enterprise), else github.com's. */
export function apiUrlFrom(args: TargetArgs, env: NodeJS.ProcessEnv): string {
  const value = args.apiUrl ?? (env.GITHUB_API_URL || 'https://api.github.com');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badApiUrl(value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badApiUrl(value);
  return value.replace(/\/+$/, '');
}

/** The pull request to comment on: flags first, then the GitHub Actions environment and its event file. */
export function pullRequestFrom(args: TargetArgs, env: NodeJS.ProcessEnv): PullRequest {
  const repository = args.repo ?? env.GITHUB_REPOSITORY;
  if (!repository) throw noRepository();
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (!match) throw badRepository(repository);
  const number = args.pr ?? eventNumber(env.GITHUB_EVENT_PATH);
  if (number === undefined) throw noPullRequest(env.GITHUB_EVENT_PATH);
  if (!Number.isSafeInteger(number) || number < 1) throw badPullRequest(number);
  return { owner: match[1]!, repo: match[2]!, number };
}

/** `pull_request.number` (pull_request events) or `issue.number` (issue_comment events). */
function eventNumber(eventPath: string | undefined): number | undefined {
  if (!eventPath) return undefined;
  let event: { pull_request?: { number?: unknown }; issue?: { number?: unknown } };
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw unreadableFile('GitHub event file (GITHUB_EVENT_PATH)', eventPath, error);
  }
  const number = event?.pull_request?.number ?? event?.issue?.number;
  return typeof number === 'number' ? number : undefined;
}
