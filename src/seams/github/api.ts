/**
 * The GitHub API seam: what the job asks of GitHub (keep one sticky PR comment per marker, see
 * marker.ts, written by the token's own identity, see identity.ts) and how it fails. The
 * implementation, the only Octokit user, is `octokit.ts`: it survives busy PRs (paginated lookup),
 * flaky APIs (backoff, timeouts, see retry-policy.ts), rate limits (waits as GitHub asks), lost
 * answers to a create (re-lists before creating again), two runs racing, comments by others that
 * carry our marker (ignored), and tokens that may not comment (fork PRs).
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
  /** Who the comment is by: the login the token posts as, and how that was learnt. */
  author?: string;
}

export interface PullRequestHead {
  number: number;
  headSha: string;
  state: string;
}

export interface GitHubApi {
  /**
   * Finds the comment that `marker` opens and the token's own identity wrote (all pages), updates
   * it, or creates one; then makes sure exactly one such comment of ours remains. Comments by anyone
   * else are never changed. `body` is the Markdown without the marker.
   */
  upsertComment(target: CommentTarget, marker: string, body: string): Promise<UpsertResult>;
  /** The PR's current head commit (post-only mode checks a report against it). */
  getPullRequest(owner: string, repo: string, number: number): Promise<PullRequestHead>;
}

/** What stagegate was doing when GitHub said no; the warning differs (a refused edit is not a refused create). */
export type GitHubOperation = 'identify' | 'list' | 'create' | 'update' | 'delete' | 'read-pr';

/**
 * GitHub refused the token (401) or this operation (403 that is not a rate limit): fork PRs get a
 * read-only GITHUB_TOKEN, a job may lack `permissions:`, a conversation may be locked. The caller
 * warns and goes on.
 */
export class GitHubPermissionError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly operation: GitHubOperation = 'create',
    /** The comment an `update` was refused for. */
    readonly commentUrl?: string,
  ) {
    super(message);
    this.name = 'GitHubPermissionError';
  }
}

/**
 * GitHub did not answer usefully in time: 5xx, network errors, timeouts or rate limits beyond the
 * retry budget, after the retries that were safe to make. `transient` is true when the request may
 * or may not have been carried out (a create whose answer was lost).
 */
export class GitHubUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'GitHubUnavailableError';
  }
}

export interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

export function isRequestError(err: unknown): err is RequestErrorLike {
  return typeof err === 'object' && err !== null && typeof (err as RequestErrorLike).status === 'number';
}

/** Turns "the token may not do this" into a GitHubPermissionError; other errors pass through. */
export function classifyError(err: unknown, operation: GitHubOperation, commentUrl?: string): unknown {
  if (!isRequestError(err)) return err;
  const message = err.message ?? '';
  // A 403 that was a rate limit has been waited out or turned into GitHubUnavailableError already;
  // one that still says so is not the token's fault.
  if (err.status === 403 && !/rate limit/i.test(message))
    return new GitHubPermissionError(message, 403, operation, commentUrl);
  if (err.status === 401) return new GitHubPermissionError(message || 'Bad credentials', 401, operation);
  return err;
}
