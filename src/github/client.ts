// The few calls of GitHub's REST API that `polluter comment` needs, with Node's own fetch.
import { GitHubApiError } from '../errors.js';
import { apiError } from './api-error.js';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
}

export interface IssueComment {
  id: number;
  body?: string | null;
}

const REQUEST_SECONDS = 30;

export class GitHubClient {
  private readonly origin: string;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
  ) {
    this.origin = new URL(apiUrl).origin;
  }

  /** Every comment of the pull request, page after page (`Link: rel="next"`). */
  async listComments(pr: PullRequest): Promise<IssueComment[]> {
    const comments: IssueComment[] = [];
    let url: string | undefined = `${this.apiUrl}/repos/${path(pr)}/issues/${pr.number}/comments?per_page=100`;
    while (url !== undefined) {
      const { body, headers }: { body: unknown; headers: Headers } = await this.call('GET', url, pr);
      if (!Array.isArray(body))
        throw new GitHubApiError(
          `GitHub answered GET ${new URL(url).pathname} with something other than a list of comments`,
        );
      comments.push(...(body as IssueComment[]));
      url = nextPage(headers.get('link'));
      // The token goes only where the API is: a next page elsewhere would receive it.
      if (url !== undefined && new URL(url).origin !== this.origin)
        throw new GitHubApiError(`GitHub's next page ${new URL(url).origin} is not on ${this.origin}; stopped`);
    }
    return comments;
  }

  async createComment(pr: PullRequest, body: string): Promise<IssueComment> {
    const url = `${this.apiUrl}/repos/${path(pr)}/issues/${pr.number}/comments`;
    return (await this.call('POST', url, pr, { body })).body as IssueComment;
  }

  async updateComment(pr: PullRequest, id: number, body: string): Promise<IssueComment> {
    const url = `${this.apiUrl}/repos/${path(pr)}/issues/comments/${id}`;
    return (await this.call('PATCH', url, pr, { body })).body as IssueComment;
  }

  private async call(
    method: string,
    url: string,
    pr: PullRequest,
    json?: unknown,
  ): Promise<{ body: unknown; headers: Headers }> {
    const request = `${method} ${new URL(url).pathname}`;
    const timeout = AbortSignal.timeout(REQUEST_SECONDS * 1000);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'polluter',
          ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout,
      });
    } catch (error) {
      if (this.signal?.aborted) throw error; // Ctrl-C: the CLI says "interrupted"
      throw this.redacted(
        new GitHubApiError(`cannot reach GitHub at ${this.apiUrl} (${request}): ${networkReason(error, timeout)}`),
      );
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON (a proxy's error page): the status says enough
    }
    if (!response.ok)
      throw this.redacted(
        apiError(
          request,
          response.status,
          response.headers,
          body,
          `pull request #${pr.number} in ${pr.owner}/${pr.repo}`,
        ),
      );
    return { body, headers: response.headers };
  }

  /** GitHub never echoes the token, but a proxy might: it never reaches a terminal or a log. */
  private redacted(error: GitHubApiError): GitHubApiError {
    return this.token === '' ? error : new GitHubApiError(error.message.replaceAll(this.token, '***'));
  }
}

function path(pr: PullRequest): string {
  return `${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}`;
}

/** The `rel="next"` URL of a Link header (RFC 8288), as GitHub paginates. */
export function nextPage(link: string | null): string | undefined {
  for (const part of link?.split(',') ?? []) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/.test(match[2]!)) return match[1];
  }
  return undefined;
}

function networkReason(error: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) return `no answer within ${REQUEST_SECONDS} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  return code || (cause instanceof Error ? cause.message : String(cause));
}
