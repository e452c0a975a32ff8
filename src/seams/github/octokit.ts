/**
 * The GitHub seam's implementation: Octokit (from @actions/github) with the retry and throttling plugins.
 * Only the action's entry point (src/action.ts) imports it, so the CLI, which never calls the API, does
 * not load Octokit.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RATE_LIMIT_RETRIES } from '../../limits.js';
import { hasMarker, withMarker } from './marker.js';
import { classifyError, isRequestError, type CommentTarget, type GitHubApi } from './api.js';

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

/** Octokit's throttling callback: warn, then retry until RATE_LIMIT_RETRIES. */
function retryWhileUnder(what: string, log: GitHubApiOptions['log']) {
  return (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
    log?.warning(`GitHub ${what} for ${request.method} ${request.url}; retrying after ${retryAfter}s.`);
    return retryCount < RATE_LIMIT_RETRIES;
  };
}

type Octokit = ReturnType<typeof getOctokit>;

function makeOctokit(token: string, options: GitHubApiOptions): Octokit {
  const log = options.log;
  return getOctokit(
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
}

/** The comment calls the sticky comment is made of. */
function commentCalls(octokit: Octokit) {
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

  async function create(target: CommentTarget, body: string): Promise<{ id: number; url?: string }> {
    const created = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body,
    });
    return { id: created.data.id, url: created.data.html_url };
  }

  return { markerComments, deleteComments, update, create };
}

export function createGitHubApi(token: string, options: GitHubApiOptions): GitHubApi {
  const octokit = makeOctokit(token, options);
  const { markerComments, deleteComments, update, create } = commentCalls(octokit);

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
        const created = await create(target, body);
        // Another run may have created its comment between our lookup and our create: keep the
        // oldest (give it our body, we are at least as new) and delete the rest.
        const after = await markerComments(target, marker);
        if (after.length <= 1) return { action: 'created', url: created.url };
        const [sticky, ...duplicates] = after;
        let url: string | undefined = created.url;
        if (sticky.id !== created.id) url = await update(target, sticky.id, body);
        const removedDuplicates = await deleteComments(
          target,
          duplicates.map((d) => d.id),
        );
        return { action: sticky.id === created.id ? 'created' : 'updated', url, removedDuplicates };
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
