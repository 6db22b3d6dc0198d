import { GitHubApiError } from '../errors.js';

/** What went wrong with one API call, in one line that says what to do; never the token. */
export function apiError(
  request: string,
  status: number,
  headers: Headers,
  body: unknown,
  target: string,
): GitHubApiError {
  const said = githubMessage(body);
  const remaining = headers.get('x-ratelimit-remaining');
  const retryAfter = headers.get('retry-after');
  if ((status === 403 || status === 429) && remaining === '0') {
    return new GitHubApiError(
      `GitHub's API rate limit for this token is used up (${request}); it resets ${resetTime(headers.get('x-ratelimit-reset'))}`,
    );
  }
  if (status === 429 || (status === 403 && (retryAfter !== null || /rate limit/i.test(said)))) {
    const wait = retryAfter === null ? resetTime(headers.get('x-ratelimit-reset')) : `in ${retryAfter} s`;
    return new GitHubApiError(`GitHub's secondary rate limit stopped ${request}; try again ${wait}`);
  }
  switch (status) {
    case 401:
      return new GitHubApiError(`GitHub rejected the token (401${said ? ` ${said}` : ''}): check GITHUB_TOKEN`);
    case 403:
      return new GitHubApiError(
        `GitHub refused ${request} (403${said ? `: ${said}` : ''}): the token needs pull-requests: write (or issues: write) on ${target}`,
      );
    case 404:
      return new GitHubApiError(
        `GitHub found no ${target} (404 on ${request}): check --repo and --pr, and that the token can see the repository`,
      );
    case 422:
      return new GitHubApiError(`GitHub refused the comment (422 on ${request}): ${said || 'validation failed'}`);
    default:
      return new GitHubApiError(`GitHub answered ${status} to ${request}${said ? `: ${said}` : ''}`);
  }
}

/** GitHub's `message`, with the details of `errors[]` (422) when there are any. */
function githubMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const details = Array.isArray(errors)
    ? errors.map((error) =>
        typeof error === 'string' ? error : typeof error?.message === 'string' ? error.message : JSON.stringify(error),
      )
    : [];
  return [typeof message === 'string' ? message : '', ...details].filter(Boolean).join('; ').replace(/\s+/g, ' ');
}

function resetTime(reset: string | null): string {
  const seconds = Number(reset);
  if (reset === null || !Number.isFinite(seconds)) return 'within the hour';
  const minutes = Math.max(0, Math.ceil((seconds * 1000 - Date.now()) / 60_000));
  return `at ${new Date(seconds * 1000).toISOString()} (in ${minutes} min)`;
}
