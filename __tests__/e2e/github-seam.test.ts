/**
 * The GitHub seam against the OpenAPI-checked fake server: sticky comment lookup across pages,
 * racing runs, retries and permission errors. No engine needed, so these run everywhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { commentMarker } from '../../src/seams/github/marker.js';
import { GitHubPermissionError } from '../../src/seams/github/api.js';
import { createGitHubApi } from '../../src/seams/github/octokit.js';
import { FakeGitHub } from './fake-github.js';

const TOKEN = 'ghs_e2etoken';
const target = { owner: 'acme', repo: 'app', issueNumber: 7 };
const marker = commentMarker('examples/hello/Dockerfile', undefined);

describe('GitHub seam against the OpenAPI-checked fake API', () => {
  const github = new FakeGitHub('acme/app', TOKEN);
  const api = (): ReturnType<typeof createGitHubApi> =>
    createGitHubApi(TOKEN, { baseUrl: github.url, retryAfterBaseValue: 10 });

  beforeAll(() => github.start());
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

  it('turns 403 "Resource not accessible by integration" into a permission error', async () => {
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
