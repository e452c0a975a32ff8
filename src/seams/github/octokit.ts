/**
 * The GitHub seam's implementation: Octokit (from @actions/github) with stagegate's own retry
 * wrapper around every request (the decisions are in retry-policy.ts: per-request timeout, backoff
 * with jitter, rate-limit waits, a bounded budget, creates never blindly re-sent). It replaces
 * @octokit/plugin-retry and plugin-throttling, which waited 20 ms between retries here, ignored
 * `Retry-After` on 429 and had no timeout. Only the action's entry point (src/action.ts) imports
 * it, so the CLI, which never calls the API, does not load Octokit.
 */
import { getOctokit } from '@actions/github';
import { GITHUB_API } from '../../limits.js';
import { withMarker } from './marker.js';
import {
  chooseIdentity,
  identityFromCreated,
  ownComments,
  type AuthoredComment,
  type Identity,
} from './identity.js';
import { DEFAULT_RETRY_POLICY, backoffMs, decideRetry, type RetryPolicy } from './retry-policy.js';
import {
  GitHubUnavailableError,
  classifyError,
  isRequestError,
  type CommentTarget,
  type GitHubApi,
  type GitHubOperation,
  type UpsertResult,
} from './api.js';

interface CommentLike extends AuthoredComment {
  html_url?: string;
}

export interface GitHubApiOptions {
  baseUrl: string;
  /** Timeouts, backoff and budget; real runs use the default, tests a faster one. */
  policy?: RetryPolicy;
  log?: { warning(message: string): void; info(message: string): void };
  /** For tests: the jitter's source of randomness. */
  random?: () => number;
}

type Octokit = ReturnType<typeof getOctokit>;
type Log = GitHubApiOptions['log'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface RetryState {
  policy: RetryPolicy;
  random: () => number;
  /** When the client's first request started; the retry budget counts from here. */
  startedAt?: number;
}

function describeFailure(err: unknown, timedOut: boolean, policy: RetryPolicy): string {
  if (timedOut) return `no answer within ${Math.round(policy.timeoutMs / 1000)}s`;
  const status = isRequestError(err) ? `${err.status} ` : '';
  return `${status}${err instanceof Error ? err.message : String(err)}`;
}

/** Gives up on a request: a rate limit or fault becomes GitHubUnavailableError, a refusal stays as GitHub said it. */
function giveUp(err: unknown, timedOut: boolean, reason: string, what: string, state: RetryState): unknown {
  if (reason === 'not-retryable' && !timedOut) return err;
  const status = timedOut || !isRequestError(err) ? undefined : err.status;
  const after =
    reason === 'not-repeatable'
      ? 'not repeated, since it may have been carried out'
      : reason === 'attempts'
        ? `gave up after ${state.policy.maxAttempts} attempts`
        : `gave up: waiting longer would pass stagegate's ${Math.round(state.policy.budgetMs / 1000)}s retry budget`;
  const transient = timedOut || status === undefined || status >= 500;
  return new GitHubUnavailableError(
    `GitHub API ${what}: ${describeFailure(err, timedOut, state.policy)}; ${after}`,
    status,
    transient,
  );
}

/** Runs every request with a timeout, and retries it as retry-policy.ts decides. */
function installRetries(octokit: Octokit, state: RetryState, log: Log): void {
  octokit.hook.wrap('request', async (request, options) => {
    state.startedAt ??= Date.now();
    const what = `${options.method} ${options.url}`;
    for (let attempt = 1; ; attempt++) {
      const signal = AbortSignal.timeout(state.policy.timeoutMs);
      try {
        // In place: before-after-hook hands the inner hooks the options object it was called with,
        // not the one passed on, so a copy would lose the signal.
        options.request = { ...options.request, signal };
        return await request(options);
      } catch (err) {
        const timedOut = signal.aborted;
        const decision = decideRetry(
          {
            method: options.method,
            url: options.url,
            status: timedOut || !isRequestError(err) ? undefined : err.status,
            headers: isRequestError(err) ? err.response?.headers : undefined,
            message: err instanceof Error ? err.message : String(err),
            timedOut,
            attempt,
            elapsedMs: Date.now() - state.startedAt,
            nowMs: Date.now(),
            random: state.random(),
          },
          state.policy,
        );
        if (!decision.retry) throw giveUp(err, timedOut, decision.reason, what, state);
        log?.info(
          `GitHub API ${what}: ${decision.reason}; retrying in ${(decision.waitMs / 1000).toFixed(1)}s.`,
        );
        await sleep(decision.waitMs);
      }
    }
  });
}

function makeOctokit(token: string, options: GitHubApiOptions, state: RetryState): Octokit {
  // No `request` option here: it would replace @actions/github's proxy-aware fetch.
  const octokit = getOctokit(token, { baseUrl: options.baseUrl });
  installRetries(octokit, state, options.log);
  return octokit;
}

/** Runs `call`, turning "the token may not do this" into a GitHubPermissionError naming the operation. */
async function tagged<T>(
  operation: GitHubOperation,
  call: () => Promise<T>,
  commentUrl?: string,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw classifyError(err, operation, commentUrl);
  }
}

/** Who the token posts as (see identity.ts); a 401 stops here, anything else falls back. */
async function learnIdentity(octokit: Octokit): Promise<Identity> {
  const unauthorized = (err: unknown): boolean => isRequestError(err) && err.status === 401;
  let viewer: string | undefined;
  try {
    const res = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    viewer = res.viewer?.login;
  } catch (err) {
    if (unauthorized(err)) throw classifyError(err, 'identify');
  }
  if (viewer) return chooseIdentity(viewer, undefined);
  let user: string | undefined;
  try {
    user = (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (err) {
    // 403 "Resource not accessible by integration": an installation token (GITHUB_TOKEN included).
    if (unauthorized(err)) throw classifyError(err, 'identify');
  }
  return chooseIdentity(undefined, user);
}

/** The comment calls the sticky comment is made of. */
function commentCalls(octokit: Octokit, log: Log) {
  async function ours(target: CommentTarget, marker: string, identity: Identity): Promise<CommentLike[]> {
    const all = await tagged('list', () =>
      octokit.paginate(octokit.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        per_page: 100,
      }),
    );
    return ownComments(all, marker, identity);
  }

  async function deleteComments(target: CommentTarget, comments: CommentLike[]): Promise<number> {
    let removed = 0;
    for (const c of comments) {
      try {
        await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: c.id });
        removed++;
      } catch (err) {
        // The racing run may have removed it first (404). A refusal leaves a duplicate, not a failure.
        if (isRequestError(err) && err.status === 404) continue;
        if (isRequestError(err) && err.status === 403) {
          log?.warning(
            `GitHub refused to delete stagegate's duplicate comment ${c.html_url ?? c.id}: ${err.message}`,
          );
          continue;
        }
        throw err;
      }
    }
    return removed;
  }

  async function update(
    target: CommentTarget,
    comment: CommentLike,
    body: string,
  ): Promise<string | undefined> {
    const res = await tagged(
      'update',
      () =>
        octokit.rest.issues.updateComment({
          owner: target.owner,
          repo: target.repo,
          comment_id: comment.id,
          body,
        }),
      comment.html_url,
    );
    return res.data.html_url;
  }

  async function create(target: CommentTarget, body: string): Promise<CommentLike> {
    const created = await tagged('create', () =>
      octokit.rest.issues.createComment({
        owner: target.owner,
        repo: target.repo,
        issue_number: target.issueNumber,
        body,
      }),
    );
    return created.data;
  }

  return { ours, deleteComments, update, create };
}

type Calls = ReturnType<typeof commentCalls>;

/** Makes `existing[0]` (the oldest of ours) carry `body` and deletes the rest of ours. */
async function keepOldest(
  calls: Calls,
  target: CommentTarget,
  existing: CommentLike[],
  body: string,
  createdId: number | undefined,
): Promise<UpsertResult> {
  const [sticky, ...duplicates] = existing;
  const url = sticky.id === createdId ? sticky.html_url : await calls.update(target, sticky, body);
  const removedDuplicates = await calls.deleteComments(target, duplicates);
  return { action: sticky.id === createdId ? 'created' : 'updated', url, removedDuplicates };
}

/**
 * Creates the comment. The POST is never repeated blindly: when its answer is lost (timeout, 5xx,
 * network), stagegate waits, re-lists, and creates again only if no comment of ours has appeared.
 */
async function createChecked(
  calls: Calls,
  target: CommentTarget,
  marker: string,
  body: string,
  identity: Identity,
  state: RetryState,
): Promise<{ created?: CommentLike; landed: CommentLike[] }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { created: await calls.create(target, body), landed: [] };
    } catch (err) {
      if (!(err instanceof GitHubUnavailableError && err.transient)) throw err;
      if (attempt >= GITHUB_API.createAttempts) throw err;
      await sleep(backoffMs(attempt, state.policy.unitMs, state.random()));
      const landed = await calls.ours(target, marker, identity);
      if (landed.length > 0) return { landed };
    }
  }
}

export function createGitHubApi(token: string, options: GitHubApiOptions): GitHubApi {
  const state: RetryState = {
    policy: options.policy ?? DEFAULT_RETRY_POLICY,
    random: options.random ?? Math.random,
  };
  const octokit = makeOctokit(token, options, state);
  const calls = commentCalls(octokit, options.log);
  let identity: Identity | undefined;

  return {
    async upsertComment(target, marker, markdown) {
      const body = withMarker(marker, markdown);
      identity ??= await learnIdentity(octokit);
      const existing = await calls.ours(target, marker, identity);
      if (existing.length > 0)
        return { ...(await keepOldest(calls, target, existing, body, undefined)), author: identity.login };
      const { created, landed } = await createChecked(calls, target, marker, body, identity, state);
      if (!created) {
        // The lost create landed (same body: ours) or a racing run's did; either way keep the oldest.
        const ownLanded = landed[0].body === body ? landed[0].id : undefined;
        return { ...(await keepOldest(calls, target, landed, body, ownLanded)), author: identity.login };
      }
      identity = identityFromCreated(identity, created);
      // Another run may have created its comment between our lookup and our create: keep the
      // oldest (give it our body, we are at least as new) and delete the rest of ours.
      const after = await calls.ours(target, marker, identity);
      if (after.length <= 1) return { action: 'created', url: created.html_url, author: identity.login };
      return { ...(await keepOldest(calls, target, after, body, created.id)), author: identity.login };
    },

    async getPullRequest(owner, repo, number) {
      const res = await tagged('read-pr', () => octokit.rest.pulls.get({ owner, repo, pull_number: number }));
      return { number: res.data.number, headSha: res.data.head.sha, state: res.data.state };
    },
  };
}
