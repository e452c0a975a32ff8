/**
 * The GitHub API seam: what the job asks of GitHub (keep one sticky PR comment per marker, see
 * src/report/marker.ts) and how it fails. The implementation, the only Octokit user, is
 * `octokit.ts`: it survives busy PRs (paginated lookup), flaky APIs (retries on 5xx), rate limits
 * (throttling), two runs racing, and tokens that may not comment (fork PRs).
 */

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface UpsertResult {
  action: 'created' | 'updated';
  url?: string;
  /** Copies of the comment removed because another run created one at the same time. */
  removedDuplicates?: number;
}

export interface PullRequestHead {
  number: number;
  headSha: string;
  state: string;
}

export interface GitHubApi {
  /**
   * Finds the comment that `marker` opens (all pages), updates it, or creates one; then makes sure
   * exactly one such comment remains. `body` is the Markdown without the marker.
   */
  upsertComment(target: CommentTarget, marker: string, body: string): Promise<UpsertResult>;
  /** The PR's current head commit (post-only mode checks a report against it). */
  getPullRequest(owner: string, repo: string, number: number): Promise<PullRequestHead>;
}

/** The token may not do this (fork PRs get a read-only GITHUB_TOKEN); the caller warns and goes on. */
export class GitHubPermissionError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GitHubPermissionError';
  }
}

export interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown };
}

export function isRequestError(err: unknown): err is RequestErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as RequestErrorLike).status === 'number';
}

/** Turns "the token may not write here" into a GitHubPermissionError; other errors pass through. */
export function classifyError(err: unknown): unknown {
  if (!isRequestError(err)) return err;
  const message = err.message ?? '';
  // 403 is also how GitHub says "secondary rate limit"; the throttling plugin has handled those already.
  if (err.status === 403 && !/rate limit/i.test(message)) return new GitHubPermissionError(message, 403);
  if (err.status === 401) return new GitHubPermissionError(`Bad credentials: ${message}`, 401);
  return err;
}
