/**
 * The GitHub seam against the OpenAPI-checked fake server: sticky comment lookup across pages,
 * racing runs, comment ownership (a marker in someone else's comment is ignored), who the token is
 * for each kind of token, retries with backoff, rate limits, timeouts, creates whose answer was
 * lost, and permission errors. No engine needed, so these run everywhere. The retry schedule runs
 * at 1/50 of its real speed (a "second" is 20 ms).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { commentMarker } from '../../src/seams/github/marker.js';
import { GitHubPermissionError, GitHubUnavailableError } from '../../src/seams/github/api.js';
import { createGitHubApi } from '../../src/seams/github/octokit.js';
import { retryPolicyFromEnv } from '../../src/seams/github/retry-policy.js';
import { FakeGitHub } from './fake-github.js';

const TOKEN = 'ghs_e2etoken';
const target = { owner: 'acme', repo: 'app', issueNumber: 7 };
const marker = commentMarker('examples/hello/Dockerfile', undefined);
/** The real schedule at 1/50 of the speed: a "second" is 20 ms. */
const UNIT = 20;
const policy = retryPolicyFromEnv({
  STAGEGATE_GITHUB_RETRY_BASE_MS: String(UNIT),
  // Long enough for a loaded machine, short enough for the tests of requests that never answer.
  STAGEGATE_GITHUB_TIMEOUT_MS: '3000',
});
const HUMAN = 'mallory';

describe('GitHub seam against the OpenAPI-checked fake API', () => {
  const github = new FakeGitHub('acme/app', TOKEN);
  const api = (): ReturnType<typeof createGitHubApi> =>
    createGitHubApi(TOKEN, { baseUrl: github.url, policy });

  beforeAll(async () => {
    await github.start();
    // The fake compiles its OpenAPI validators on first use, which can take a second or two: do it
    // here, so no test's first request runs into the short timeout.
    github.seed(7, [`${marker}\nA`, `${marker}\nB`], 'github-actions[bot]');
    await api().upsertComment(target, marker, 'warm-up');
    await api().upsertComment(target, marker, 'warm-up');
    github.reset();
  });
  afterAll(() => github.stop());
  beforeEach(() => github.reset());

  it('creates the comment once, then updates it in place', async () => {
    const first = await api().upsertComment(target, marker, 'first');
    const second = await api().upsertComment(target, marker, 'second');
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    expect(github.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nsecond`]);
    expect(second.url).toMatch(/\/pull\/7#issuecomment-\d+$/);
    expect(github.violations).toEqual([]);
  });

  it('finds the marker comment on page 2 and leaves other comments alone', async () => {
    github.seed(
      7,
      Array.from({ length: 130 }, (_, i) => `chatter ${i}`),
    );
    const [sticky] = github.seed(7, [`${marker}\nold report`], 'github-actions[bot]');
    github.seed(7, [`> ${marker}\n> quoting the bot`]);
    const res = await api().upsertComment(target, marker, 'new report');
    expect(res.action).toBe('updated');
    expect(github.comments.find((c) => c.id === sticky.id)?.body).toBe(`${marker}\nnew report`);
    expect(github.commentsOn(7)).toHaveLength(132);
    const pages = github.requests
      .filter((r) => r.operationId === 'issues/list-comments')
      .map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
    expect(
      github.requests.every((r) => r.operationId !== 'issues/list-comments' || r.query.per_page === '100'),
    ).toBe(true);
    expect(github.violations).toEqual([]);
  });

  it('keeps separate comments for separate Dockerfiles and targets', async () => {
    const other = commentMarker('other/Dockerfile', undefined);
    const debug = commentMarker('examples/hello/Dockerfile', 'debug');
    const [otherComment] = github.seed(7, [`${other}\nother`], 'github-actions[bot]');
    const [debugComment] = github.seed(7, [`${debug}\ndebug`], 'github-actions[bot]');
    const res = await api().upsertComment(target, marker, 'mine');
    expect(res.action).toBe('created');
    expect(github.commentsOn(7).map((c) => c.body)).toEqual([
      `${other}\nother`,
      `${debug}\ndebug`,
      `${marker}\nmine`,
    ]);
    expect(github.comments.find((c) => c.id === otherComment.id)?.body).toBe(`${other}\nother`);
    expect(github.comments.find((c) => c.id === debugComment.id)?.body).toBe(`${debug}\ndebug`);
  });

  it('ends with exactly one comment when two runs race', async () => {
    const results = await Promise.all([
      api().upsertComment(target, marker, 'run A'),
      api().upsertComment(target, marker, 'run B'),
    ]);
    const left = github.commentsOn(7);
    expect(left).toHaveLength(1);
    expect([`${marker}\nrun A`, `${marker}\nrun B`]).toContain(left[0].body);
    expect(results.map((r) => r.action).sort()).toEqual(['created', 'updated']);
    expect(github.violations).toEqual([]);
  });

  it('cleans up duplicates a race left behind on the next run', async () => {
    github.seed(7, [`${marker}\nA`, `${marker}\nB`], 'github-actions[bot]');
    const res = await api().upsertComment(target, marker, 'C');
    expect(res).toMatchObject({ action: 'updated', removedDuplicates: 1 });
    expect(github.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nC`]);
  });

  it('retries a 500 and succeeds', async () => {
    github.inject({
      method: 'POST',
      path: /\/issues\/7\/comments$/,
      status: 500,
      body: { message: 'Server Error' },
    });
    const res = await api().upsertComment(target, marker, 'after retry');
    expect(res.action).toBe('created');
    const posts = github.requests
      .filter((r) => r.operationId === 'issues/create-comment')
      .map((r) => r.status);
    expect(posts).toEqual([500, 201]);
  });

  it('turns 403 "Resource not accessible by integration" on a create into a permission error', async () => {
    github.inject({
      method: 'POST',
      path: /\/comments$/,
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    const err = await api()
      .upsertComment(target, marker, 'x')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubPermissionError);
    expect((err as GitHubPermissionError).message).toContain('Resource not accessible by integration');
    // 403 is not retried.
    expect(github.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(1);
  });

  describe('comment ownership', () => {
    it("leaves a human's comment that starts with the marker alone and creates its own", async () => {
      const [human] = github.seed(7, [`${marker}\nI am not the bot`], HUMAN);
      const res = await api().upsertComment(target, marker, 'report');
      expect(res).toMatchObject({ action: 'created', author: 'github-actions[bot]' });
      expect(github.commentsOn(7).map((c) => [c.user, c.body])).toEqual([
        [HUMAN, `${marker}\nI am not the bot`],
        ['github-actions[bot]', `${marker}\nreport`],
      ]);
      expect(github.comments.find((c) => c.id === human.id)?.updatedAt).toBe(human.createdAt);
      expect(github.requestsFor('issues/update-comment')).toEqual([]);
      expect(github.requestsFor('issues/delete-comment')).toEqual([]);
      expect(github.violations).toEqual([]);
    });

    it("updates the bot's own older comment, not a human's newer or older one", async () => {
      github.seed(7, [`${marker}\nhuman, oldest`], HUMAN);
      const [mine] = github.seed(7, [`${marker}\nbot, earlier run`], 'github-actions[bot]');
      github.seed(7, [`${marker}\nhuman, newest`], HUMAN);
      const res = await api().upsertComment(target, marker, 'new report');
      expect(res).toMatchObject({ action: 'updated', removedDuplicates: 0 });
      expect(github.commentsOn(7).map((c) => c.body)).toEqual([
        `${marker}\nhuman, oldest`,
        `${marker}\nnew report`,
        `${marker}\nhuman, newest`,
      ]);
      expect(github.requestsFor('issues/update-comment').map((r) => r.path)).toEqual([
        `/repos/acme/app/issues/comments/${mine.id}`,
      ]);
    });

    it("removes the bot's duplicate but never a human's marker comment", async () => {
      github.seed(7, [`${marker}\nbot A`], 'github-actions[bot]');
      const [human] = github.seed(7, [`${marker}\nhuman`], HUMAN);
      github.seed(7, [`${marker}\nbot B`], 'github-actions[bot]');
      const res = await api().upsertComment(target, marker, 'C');
      expect(res).toMatchObject({ action: 'updated', removedDuplicates: 1 });
      expect(github.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nC`, `${marker}\nhuman`]);
      expect(github.requestsFor('issues/delete-comment')).toHaveLength(1);
      expect(github.comments.find((c) => c.id === human.id)?.body).toBe(`${marker}\nhuman`);
    });

    it("with a GitHub App token, owns the app bot's comments and not github-actions[bot]'s", async () => {
      github.actAs('app', 'stagegate-app[bot]');
      github.seed(7, [`${marker}\nby another workflow`], 'github-actions[bot]');
      const [mine] = github.seed(7, [`${marker}\nby the app`], 'stagegate-app[bot]');
      const res = await api().upsertComment(target, marker, 'app report');
      expect(res).toMatchObject({ action: 'updated', author: 'stagegate-app[bot]' });
      expect(github.comments.find((c) => c.id === mine.id)?.body).toBe(`${marker}\napp report`);
      expect(github.commentsOn(7)[0].body).toBe(`${marker}\nby another workflow`);
      expect(github.requestsFor('graphql')).toHaveLength(1);
      expect(github.violations).toEqual([]);
    });

    it("with a personal access token, owns its user's comments (GET /user when GraphQL is off)", async () => {
      github.actAs('pat', 'release-bot');
      github.graphql = false;
      github.seed(7, [`${marker}\nhuman`], HUMAN);
      const [mine] = github.seed(7, [`${marker}\nold`], 'release-bot');
      const res = await api().upsertComment(target, marker, 'pat report');
      expect(res).toMatchObject({ action: 'updated', author: 'release-bot' });
      expect(github.comments.find((c) => c.id === mine.id)?.body).toBe(`${marker}\npat report`);
      expect(github.requestsFor('users/get-authenticated').map((r) => r.status)).toEqual([200]);
      expect(github.violations).toEqual([]);
    });

    it('when nothing says who the token is, trusts the author of the comment it creates', async () => {
      github.actAs('app', 'stagegate-app[bot]');
      github.graphql = false;
      const [older] = github.seed(7, [`${marker}\nby the app, earlier`], 'stagegate-app[bot]');
      const res = await api().upsertComment(target, marker, 'now');
      // Assumed github-actions[bot], found nothing of its own, created; the created comment says
      // it is stagegate-app[bot], so the older app comment is the sticky one and the new one goes.
      expect(res).toMatchObject({ action: 'updated', removedDuplicates: 1, author: 'stagegate-app[bot]' });
      expect(github.commentsOn(7).map((c) => [c.id, c.body])).toEqual([[older.id, `${marker}\nnow`]]);
      expect(github.requestsFor('users/get-authenticated').map((r) => r.status)).toEqual([403]);
    });

    it('stops at a bad token (401) without guessing', async () => {
      github.inject({
        method: 'POST',
        path: /^\/graphql$/,
        status: 401,
        body: { message: 'Bad credentials' },
      });
      const err = await api()
        .upsertComment(target, marker, 'x')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitHubPermissionError);
      expect(err).toMatchObject({ status: 401, operation: 'identify' });
      expect(github.requestsFor('issues/create-comment')).toEqual([]);
    });
  });

  describe('talking to a flaky API', () => {
    const gaps = (ops: { at: number }[]): number[] => ops.slice(1).map((r, i) => r.at - ops[i].at);

    it('backs off through 5xx answers for a while (2 "seconds") and then lands the comment', async () => {
      github.inject({
        method: 'GET',
        path: /\/issues\/7\/comments$/,
        status: 502,
        body: { message: 'Bad Gateway' },
        forMs: 2 * UNIT,
      });
      const res = await api().upsertComment(target, marker, 'after the blip');
      expect(res.action).toBe('created');
      const lists = github.requestsFor('issues/list-comments');
      const failures = lists.filter((r) => r.status === 502).length;
      expect(failures).toBeGreaterThanOrEqual(2);
      expect(lists.slice(0, failures + 1).map((r) => r.status)).toEqual([...Array(failures).fill(502), 200]);
      // The waits grow: each at least half of 1, 2, 4... units (the other half is jitter).
      gaps(lists.slice(0, failures + 1)).forEach((gap, i) =>
        expect(gap).toBeGreaterThanOrEqual((UNIT * 2 ** i) / 2 - 2),
      );
      expect(github.commentsOn(7)).toHaveLength(1);
    });

    it('waits as long as Retry-After says on a 429', async () => {
      github.inject({
        method: 'POST',
        path: /\/issues\/7\/comments$/,
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': '3' },
      });
      await api().upsertComment(target, marker, 'x');
      const posts = github.requestsFor('issues/create-comment');
      expect(posts.map((r) => r.status)).toEqual([429, 201]);
      expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(3 * UNIT - 2);
      expect(github.commentsOn(7)).toHaveLength(1);
    });

    it('waits for x-ratelimit-reset on a 403 with x-ratelimit-remaining: 0', async () => {
      const reset = Math.floor(Date.now() / 1000) + 2;
      github.inject({
        method: 'GET',
        path: /\/issues\/7\/comments$/,
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 1.' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      });
      const res = await api().upsertComment(target, marker, 'x');
      expect(res.action).toBe('created');
      const lists = github.requestsFor('issues/list-comments');
      expect(lists[0].status).toBe(403);
      expect(lists[1].at - lists[0].at).toBeGreaterThanOrEqual(UNIT); // at least the reset's +1 s
    });

    it('never re-sends a create whose answer was lost: it re-lists and finds it landed', async () => {
      github.inject({
        method: 'POST',
        path: /\/issues\/7\/comments$/,
        status: 0,
        body: null,
        hang: true,
        land: true,
      });
      const res = await api().upsertComment(target, marker, 'once');
      expect(res.action).toBe('created');
      expect(github.requestsFor('issues/create-comment')).toHaveLength(1);
      expect(github.requestsFor('issues/update-comment')).toEqual([]);
      expect(github.commentsOn(7).map((c) => c.body)).toEqual([`${marker}\nonce`]);
      const order = github.requests.map((r) => r.operationId);
      const post = order.indexOf('issues/create-comment');
      expect(order.slice(post + 1)).toContain('issues/list-comments');
    });

    it('creates again after a lost create only once a re-list shows it did not land', async () => {
      github.inject({ method: 'POST', path: /\/issues\/7\/comments$/, status: 0, body: null, hang: true });
      const res = await api().upsertComment(target, marker, 'second try');
      expect(res.action).toBe('created');
      const order = github.requests.map((r) => r.operationId);
      const posts = order.flatMap((op, i) => (op === 'issues/create-comment' ? [i] : []));
      expect(posts).toHaveLength(2);
      expect(order.slice(posts[0] + 1, posts[1])).toContain('issues/list-comments');
      expect(github.commentsOn(7)).toHaveLength(1);
    });

    it('gives up within its budget when GitHub keeps failing, and says so', async () => {
      github.inject({
        method: 'GET',
        path: /\/issues\/7\/comments$/,
        status: 503,
        body: { message: 'Unavailable' },
        times: 100,
      });
      const started = Date.now();
      const err = await api()
        .upsertComment(target, marker, 'x')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitHubUnavailableError);
      expect((err as Error).message).toMatch(/503 Unavailable; gave up after 6 attempts/);
      expect(github.requestsFor('issues/list-comments')).toHaveLength(6);
      expect(Date.now() - started).toBeLessThan(policy.budgetMs + 2000);
    });

    it('tells a refused edit of its own comment from a refused create', async () => {
      github.seed(7, [`${marker}\nold`], 'github-actions[bot]');
      github.inject({
        method: 'PATCH',
        path: /\/issues\/comments\/\d+$/,
        status: 403,
        body: { message: 'Unable to update comment because issue is locked.' },
      });
      const err = await api()
        .upsertComment(target, marker, 'x')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitHubPermissionError);
      expect(err).toMatchObject({ status: 403, operation: 'update' });
      expect((err as GitHubPermissionError).commentUrl).toMatch(/#issuecomment-\d+$/);
      expect(github.requestsFor('issues/update-comment')).toHaveLength(1);
      expect(github.requestsFor('issues/create-comment')).toEqual([]);
    });
  });

  it('the fake server rejects a request GitHub would reject', async () => {
    const res = await fetch(`${github.url}/repos/acme/app/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'wrong field' }),
    });
    expect(res.status).toBe(201);
    await fetch(`${github.url}/repos/acme/app/issues/seven/comments?perpage=100`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    expect(github.violations.join('\n')).toMatch(/body: .*must have required property 'body'/);
    expect(github.violations.join('\n')).toMatch(/issue_number'='seven'/);
    expect(github.violations.join('\n')).toMatch(/undeclared query parameter 'perpage'/);
  });
});
