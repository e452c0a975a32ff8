/**
 * End to end, the GitHub side of issue 13: the bundled action under Node 24 posting a report
 * (post-only mode, `report-file`, so no engine is needed) to the OpenAPI-checked fake API, with
 * comments by other people that carry stagegate's marker, and with the API failing: 5xx for a
 * while, 429 with Retry-After, a create that never answers, an edit refused, a bad token.
 * Most runs use the real retry schedule (the waits are a few seconds); the hanging create scales
 * it down with the test-only STAGEGATE_GITHUB_RETRY_BASE_MS and STAGEGATE_GITHUB_TIMEOUT_MS.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentMarker } from '../../src/seams/github/marker.js';
import { grewReport } from '../unit/report/fixtures.js';
import { FakeGitHub } from './fake-github.js';
import { cleanupRuns, pullRequestPayload, REPOSITORY, runAction, TOKEN, type RunResult } from './harness.js';

const PR = 7;
const MARKER = commentMarker('examples/hello/Dockerfile', undefined);
const BOT = 'github-actions[bot]';
const HUMAN = 'mallory';
const SLOW = 90_000;

describe('the bundled action against a GitHub API with other authors and faults', () => {
  const github = new FakeGitHub(REPOSITORY, TOKEN);
  let dir: string;
  let reportFile: string;

  const post = (env: Record<string, string> = {}): Promise<RunResult> =>
    runAction({
      workspace: dir,
      apiUrl: github.url,
      sha: 'a'.repeat(40),
      event: pullRequestPayload({ number: PR, baseSha: 'b'.repeat(40), headSha: 'a'.repeat(40) }),
      inputs: { 'report-file': reportFile },
      env,
    });

  /** What the action posted, as the comment body it must equal. */
  const posted = (result: RunResult): string => `${MARKER}\n${result.outputs['comment-body']}`;

  beforeAll(async () => {
    await github.start();
    dir = mkdtempSync(join(tmpdir(), 'stagegate-e2e-faults-'));
    reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, JSON.stringify(grewReport()));
  });

  afterAll(async () => {
    await github.stop();
    rmSync(dir, { recursive: true, force: true });
    if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
  });

  beforeEach(() => github.reset());

  it(
    "leaves a human's comment that starts with the marker untouched and creates its own",
    async () => {
      const [human] = github.seed(PR, [`${MARKER}\n## All checks passed (not really)`], HUMAN);
      const result = await post();
      expect(result.exitCode).toBe(0);
      expect(github.commentsOn(PR).map((c) => [c.user, c.body])).toEqual([
        [HUMAN, `${MARKER}\n## All checks passed (not really)`],
        [BOT, posted(result)],
      ]);
      expect(github.comments.find((c) => c.id === human.id)?.updatedAt).toBe(human.createdAt);
      expect(github.requestsFor('issues/update-comment')).toEqual([]);
      expect(github.requestsFor('issues/delete-comment')).toEqual([]);
      expect(result.stdout).toContain(`PR comment created as ${BOT}`);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    "updates the bot's own older comment, removes the bot's duplicate, and never touches a human's",
    async () => {
      const [humanFirst] = github.seed(PR, [`${MARKER}\nhuman, before the bot`], HUMAN);
      const [mine] = github.seed(PR, [`${MARKER}\nbot, an earlier run`], BOT);
      const [humanLater] = github.seed(PR, [`${MARKER}\nhuman, later`], HUMAN);
      const [duplicate] = github.seed(PR, [`${MARKER}\nbot, a racing run`], BOT);
      const result = await post();
      expect(result.exitCode).toBe(0);
      expect(github.commentsOn(PR).map((c) => [c.id, c.body])).toEqual([
        [humanFirst.id, `${MARKER}\nhuman, before the bot`],
        [mine.id, posted(result)],
        [humanLater.id, `${MARKER}\nhuman, later`],
      ]);
      expect(github.requestsFor('issues/delete-comment').map((r) => r.path)).toEqual([
        `/repos/${REPOSITORY}/issues/comments/${duplicate.id}`,
      ]);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'backs off through 5xx answers for 2 s and then lands the comment',
    async () => {
      github.inject({
        method: 'GET',
        path: /\/issues\/\d+\/comments$/,
        status: 503,
        body: { message: 'Service Unavailable' },
        forMs: 2000,
      });
      const result = await post();
      expect(result.exitCode).toBe(0);
      expect(github.commentsOn(PR).map((c) => c.body)).toEqual([posted(result)]);
      const lists = github.requestsFor('issues/list-comments');
      const failed = lists.filter((r) => r.status === 503);
      expect(failed.length).toBeGreaterThanOrEqual(2);
      expect(lists[failed.length].at - lists[0].at).toBeGreaterThanOrEqual(2000);
      expect(result.warnings).toEqual([]);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'waits as long as Retry-After says on a 429, then creates the comment',
    async () => {
      github.inject({
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': '1' },
      });
      const result = await post();
      expect(result.exitCode).toBe(0);
      const posts = github.requestsFor('issues/create-comment');
      expect(posts.map((r) => r.status)).toEqual([429, 201]);
      expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(1000);
      expect(github.commentsOn(PR)).toHaveLength(1);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'gives up on a create that never answers, re-lists, finds it landed, and does not post it again',
    async () => {
      github.inject({
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        status: 0,
        body: null,
        hang: true,
        land: true,
      });
      const started = Date.now();
      const result = await post({
        STAGEGATE_GITHUB_RETRY_BASE_MS: '100',
        STAGEGATE_GITHUB_TIMEOUT_MS: '3000',
      });
      expect(result.exitCode).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(github.requestsFor('issues/create-comment')).toHaveLength(1);
      const order = github.requests.map((r) => r.operationId);
      expect(order.slice(order.indexOf('issues/create-comment') + 1)).toContain('issues/list-comments');
      expect(github.commentsOn(PR).map((c) => c.body)).toEqual([posted(result)]);
      expect(result.warnings).toEqual([]);
    },
    SLOW,
  );

  it(
    'says the edit was refused, without blaming pull-requests: write, when GitHub refuses the update',
    async () => {
      github.seed(PR, [`${MARKER}\nan earlier run`], BOT);
      github.inject({
        method: 'PATCH',
        path: /\/issues\/comments\/\d+$/,
        status: 403,
        body: {
          message: 'Unable to update comment because issue is locked.',
          documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
        },
      });
      const result = await post();
      expect(result.exitCode).toBe(0);
      const warning = result.warnings.join('\n');
      expect(warning).toContain('refused the edit');
      expect(warning).toContain('Unable to update comment because issue is locked.');
      expect(warning).not.toContain('pull-requests: write');
      expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nan earlier run`]);
      expect(github.requestsFor('issues/create-comment')).toEqual([]);
      expect(result.summary).toContain('### stagegate');
    },
    SLOW,
  );

  it(
    'says the token is bad on a 401, without blaming pull-requests: write',
    async () => {
      github.inject({
        method: 'POST',
        path: /^\/graphql$/,
        status: 401,
        body: { message: 'Bad credentials' },
      });
      github.inject({
        method: 'GET',
        path: /./,
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
        times: 10,
      });
      const result = await post();
      expect(result.exitCode).toBe(0);
      const warning = result.warnings.join('\n');
      expect(warning).toContain('GitHub refused the token (401 Bad credentials)');
      expect(warning).not.toContain('pull-requests: write');
      expect(github.commentsOn(PR)).toEqual([]);
    },
    SLOW,
  );
});
