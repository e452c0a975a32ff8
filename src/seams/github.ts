/**
 * The GitHub API seam: the only Octokit user. It keeps one sticky PR comment per marker (see
 * src/report/marker.ts) and survives busy PRs (paginated lookup), flaky APIs (retries on 5xx),
 * rate limits (throttling), two runs racing, and tokens that may not comment (fork PRs).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { hasMarker, withMarker } from '../report/marker.js';

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

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown };
}

function isRequestError(err: unknown): err is RequestErrorLike {
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

interface CommentLike {
  id: number;
  body?: string | null;
  html_url?: string;
}

export interface GitHubApiOptions {
  baseUrl: string;
  /** Retries for 5xx and network errors (default 3); tests lower the waits, not the behaviour. */
  retries?: number;
  /** Multiplier for retry waits in ms (Octokit's default 1000). */
  retryAfterBaseValue?: number;
  log?: { warning(message: string): void; info(message: string): void };
}

/** Retries a rate-limited request at most this many times before giving up. */
const RATE_LIMIT_RETRIES = 2;

/** Octokit's throttling callback: warn, then retry until RATE_LIMIT_RETRIES. */
function retryWhileUnder(what: string, log: GitHubApiOptions['log']) {
  return (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
    log?.warning(`GitHub ${what} for ${request.method} ${request.url}; retrying after ${retryAfter}s.`);
    return retryCount < RATE_LIMIT_RETRIES;
  };
}

export function createGitHubApi(token: string, options: GitHubApiOptions): GitHubApi {
  const log = options.log;
  const octokit = getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryAfterBaseValue },
      throttle: {
        onRateLimit: retryWhileUnder('rate limit hit', log),
        onSecondaryRateLimit: retryWhileUnder('secondary rate limit', log),
      },
    },
    retry,
    throttling,
  );

  async function markerComments(target: CommentTarget, marker: string): Promise<CommentLike[]> {
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
    });
    // Oldest first: the oldest is the sticky one, any later copy is a duplicate from a racing run.
    return all.filter((c) => hasMarker(c.body, marker)).sort((a, b) => a.id - b.id);
  }

  async function deleteComments(target: CommentTarget, ids: number[]): Promise<number> {
    let removed = 0;
    for (const id of ids) {
      try {
        await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: id });
        removed++;
      } catch (err) {
        // The racing run may have removed it first.
        if (!(isRequestError(err) && err.status === 404)) throw err;
      }
    }
    return removed;
  }

  async function update(target: CommentTarget, id: number, body: string): Promise<string | undefined> {
    const res = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: id,
      body,
    });
    return res.data.html_url;
  }

  return {
    async upsertComment(target, marker, markdown) {
      const body = withMarker(marker, markdown);
      try {
        const existing = await markerComments(target, marker);
        if (existing.length > 0) {
          const [sticky, ...duplicates] = existing;
          const url = await update(target, sticky.id, body);
          const removedDuplicates = await deleteComments(
            target,
            duplicates.map((d) => d.id),
          );
          return { action: 'updated', url, removedDuplicates };
        }
        const created = await octokit.rest.issues.createComment({
          owner: target.owner,
          repo: target.repo,
          issue_number: target.issueNumber,
          body,
        });
        // Another run may have created its comment between our lookup and our create: keep the
        // oldest (give it our body, we are at least as new) and delete the rest.
        const after = await markerComments(target, marker);
        if (after.length <= 1) return { action: 'created', url: created.data.html_url };
        const [sticky, ...duplicates] = after;
        let url: string | undefined = created.data.html_url;
        if (sticky.id !== created.data.id) url = await update(target, sticky.id, body);
        const removedDuplicates = await deleteComments(
          target,
          duplicates.map((d) => d.id),
        );
        return { action: sticky.id === created.data.id ? 'created' : 'updated', url, removedDuplicates };
      } catch (err) {
        throw classifyError(err);
      }
    },

    async getPullRequest(owner, repo, number) {
      try {
        const res = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
        return { number: res.data.number, headSha: res.data.head.sha, state: res.data.state };
      } catch (err) {
        throw classifyError(err);
      }
    },
  };
}
