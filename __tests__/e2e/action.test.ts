/**
 * End to end: the bundled action under Node 24, a runner-like environment, the real Docker engine,
 * and a fake GitHub API that checks every request against GitHub's OpenAPI description.
 * Runs share one workspace and one server; after the first run every build comes from cache.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { describeWithEngine } from '../helpers/engine.js';
import { commentMarker } from '../../src/seams/github/marker.js';
import { FakeGitHub } from './fake-github.js';
import {
  cleanupRuns,
  createWorkspace,
  inputVariable,
  parseOutputFile,
  outsideCode,
  pullRequestPayload,
  REPOSITORY,
  runAction,
  TOKEN,
  type RunResult,
  type Workspace,
} from './harness.js';

const PR = 7;
const MARKER = commentMarker('examples/hello/Dockerfile', undefined);
const SLOW = 600_000;

/** The example with one more layer in the runtime stage: the PR grows the image. */
function grownDockerfile(): string {
  const original = readFileSync(new URL('../../examples/hello/Dockerfile', import.meta.url), 'utf8');
  return original.replace(
    'USER app\n',
    'RUN dd if=/dev/urandom of=/app/share/padding.bin bs=1k count=64 2>/dev/null\nUSER app\n',
  );
}

/** Hundreds of stages and instructions: a report far over GitHub's 65,536-character comment limit. */
function hugeDockerfile(): string {
  const lines = ['FROM stagegate/busybox:1 AS base'];
  for (let i = 0; i < 400; i++) {
    lines.push(`FROM base AS stage-number-${String(i).padStart(4, '0')}-with-a-long-descriptive-name`);
    lines.push(`RUN cd /tmp && apt-get install curl && echo ${i}`);
  }
  lines.push('FROM base AS runtime', 'CMD ["true"]');
  return lines.join('\n') + '\n';
}

const HOSTILE = 'x`<img src=x>`@octocat';

function hostileDockerfile(): string {
  return [
    `FROM stagegate/busybox:1 AS ${HOSTILE}`,
    'RUN echo hi',
    '',
    'FROM stagegate/busybox:1 AS runtime',
    `LABEL description="${HOSTILE}"`,
    'CMD ["true"]',
    '',
  ].join('\n');
}

/** Nothing GitHub would render as HTML or a mention, outside code where it shows verbatim. */
function expectInert(markdown: string): void {
  const rendered = outsideCode(markdown);
  expect(rendered).not.toMatch(/<img|<script/i);
  expect(rendered).not.toMatch(/(^|[^\w`])@octocat/);
}

describeWithEngine('the bundled action (dist/index.js under Node 24)', () => {
  const github = new FakeGitHub(REPOSITORY, TOKEN);
  let ws: Workspace;
  let first: RunResult;

  const prEvent = (number = PR, headRepository?: string): object =>
    pullRequestPayload({ number, baseSha: ws.baseSha, headSha: ws.headSha, headRepository });

  const run = (
    inputs: Record<string, string> = {},
    number = PR,
    headRepository?: string,
  ): Promise<RunResult> =>
    runAction({
      workspace: ws.dir,
      apiUrl: github.url,
      sha: ws.headSha,
      event: prEvent(number, headRepository),
      inputs: { context: 'examples/hello', ...inputs },
    });

  beforeAll(async () => {
    await github.start();
    ws = createWorkspace({
      'examples/hello/Dockerfile': grownDockerfile(),
      'huge/Dockerfile': hugeDockerfile(),
      'hostile/Dockerfile': hostileDockerfile(),
    });
  });

  afterAll(async () => {
    await github.stop();
    ws?.remove();
    if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
  });

  it(
    'builds the example on a pull_request, writes outputs and the job summary, creates the comment, exits 0',
    async () => {
      first = await run();
      expect({ exit: first.exitCode, errors: first.errors, stderr: first.stderr }).toEqual({
        exit: 0,
        errors: [],
        stderr: '',
      });
      const o = first.outputs;
      expect(Number(o.size)).toBeGreaterThan(1_000_000);
      expect(Number(o['compressed-size'])).toBeGreaterThan(100_000);
      expect(Number(o['compressed-size'])).toBeLessThan(Number(o.size));
      expect(o['test-result']).toBe('passed');
      expect(o.findings).toMatch(/^\d+$/);
      // The base commit's image lacks the 64 kB padding layer.
      expect(Number(o['base-size'])).toBeGreaterThan(1_000_000);
      expect(Number(o['size-delta'])).toBeGreaterThanOrEqual(64 * 1024);
      expect(existsSync(o['report-file'])).toBe(true);
      const report = JSON.parse(readFileSync(o['report-file'], 'utf8')) as {
        schemaVersion: number;
        target: string;
      };
      expect(report).toMatchObject({ schemaVersion: 1, target: 'runtime' });
      const sarif = JSON.parse(readFileSync(o['sarif-file'], 'utf8')) as {
        version: string;
        runs: { results: unknown[] }[];
      };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results).toHaveLength(Number(o.findings));
      expect(o['comment-body']).toContain('### stagegate · `runtime` · `examples/hello/Dockerfile`');
      expect(o['comment-body']).toContain('| Size on disk | Compressed | Test | Findings | Budgets |');
      expect(first.summary).toContain('### stagegate · `runtime`');

      const comments = github.commentsOn(PR);
      expect(comments).toHaveLength(1);
      expect(comments[0].body).toBe(`${MARKER}\n${o['comment-body']}`);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'updates the same comment on the next run (exactly one comment)',
    async () => {
      const before = github.commentsOn(PR);
      const second = await run();
      expect(second.exitCode).toBe(0);
      const after = github.commentsOn(PR);
      expect(after).toHaveLength(1);
      expect(after[0].id).toBe(before[0].id);
      expect(github.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(1);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'finds its comment on page 2 of a busy PR',
    async () => {
      github.reset();
      github.seed(
        PR,
        Array.from({ length: 120 }, (_, i) => `review comment ${i}`),
      );
      const [mine] = github.seed(PR, [`${MARKER}\nan older report`], 'github-actions[bot]');
      github.seed(PR, ['lgtm']);
      const result = await run();
      expect(result.exitCode).toBe(0);
      expect(github.commentsOn(PR)).toHaveLength(122);
      expect(github.comments.find((c) => c.id === mine.id)?.body).toBe(
        `${MARKER}\n${result.outputs['comment-body']}`,
      );
      const pages = github.requests
        .filter((r) => r.operationId === 'issues/list-comments')
        .map((r) => r.query.page);
      expect(pages).toEqual([undefined, '2']);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'warns with the fix when the token may not comment (fork PR, 403), keeps outputs and summary, exits 0',
    async () => {
      github.reset();
      github.inject({
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        },
      });
      const result = await run({}, PR, 'contributor/app');
      expect(result.exitCode).toBe(0);
      expect(github.commentsOn(PR)).toHaveLength(0);
      const warning = result.warnings.find((w) => w.includes('could not comment'));
      expect(warning).toContain('Resource not accessible by integration');
      expect(warning).toContain('comes from a fork');
      expect(warning).toContain('pull-requests: write');
      expect(warning).toContain('docs/forks.md');
      expect(result.outputs['comment-body']).toContain('### stagegate');
      expect(existsSync(result.outputs['report-file'])).toBe(true);
      expect(result.summary).toContain('### stagegate');
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'retries a 500 from the API and then creates the comment',
    async () => {
      github.reset();
      github.inject({
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        status: 500,
        body: { message: 'Server Error' },
      });
      const result = await run();
      expect(result.exitCode).toBe(0);
      const posts = github.requests
        .filter((r) => r.operationId === 'issues/create-comment')
        .map((r) => r.status);
      expect(posts).toEqual([500, 201]);
      expect(github.commentsOn(PR)).toHaveLength(1);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'on push and workflow_dispatch: outputs and job summary, no comment and no API call',
    async () => {
      for (const eventName of ['push', 'workflow_dispatch']) {
        github.reset();
        const result = await runAction({
          workspace: ws.dir,
          apiUrl: github.url,
          sha: ws.headSha,
          ref: 'refs/heads/main',
          eventName,
          event:
            eventName === 'push' ? { ref: 'refs/heads/main', after: ws.headSha } : { ref: 'refs/heads/main' },
          inputs: { context: 'examples/hello' },
        });
        expect({ eventName, exit: result.exitCode }).toEqual({ eventName, exit: 0 });
        expect(result.outputs['test-result']).toBe('passed');
        expect(Number(result.outputs.size)).toBeGreaterThan(0);
        expect(result.summary).toContain('### stagegate · `runtime`');
        expect(github.requests).toEqual([]);
      }
    },
    SLOW,
  );

  it(
    'posts an earlier report from a workflow_run (post-only mode) after checking the PR head',
    async () => {
      github.reset();
      github.pulls.set(PR, { headSha: ws.headSha, baseSha: ws.baseSha });
      const workflowRun = (headSha: string): object => ({
        action: 'completed',
        workflow_run: { id: 99, head_sha: headSha, event: 'pull_request', pull_requests: [] },
      });
      const base = { workspace: ws.dir, apiUrl: github.url, sha: ws.baseSha, eventName: 'workflow_run' };
      const inputs = { 'report-file': first.outputs['report-file'] };
      const posted = await runAction({ ...base, event: workflowRun(ws.headSha), inputs });
      expect(posted.exitCode).toBe(0);
      expect(posted.stdout).not.toContain('::group::Build stages');
      expect(github.commentsOn(PR).map((c) => c.body)).toEqual([
        `${MARKER}\n${posted.outputs['comment-body']}`,
      ]);
      expect(posted.outputs['size']).toBe(first.outputs['size']);

      // A report that names a PR the triggering run did not build is not posted.
      const forged = await runAction({ ...base, event: workflowRun(ws.baseSha), inputs });
      expect(forged.exitCode).toBe(0);
      expect(forged.warnings.join('\n')).toContain(`Not commenting on PR #${PR}`);
      expect(github.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(0);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'trims a report that would exceed 65,536 characters and says where the full report is',
    async () => {
      github.reset();
      const result = await run(
        { context: '.', file: 'huge/Dockerfile', stages: 'runtime', 'test-stage': '', compare: 'false' },
        8,
      );
      expect(result.stderr).not.toContain('failed unexpectedly');
      const body = result.outputs['comment-body'];
      const [comment] = github.commentsOn(8);
      expect(comment.body.length).toBeLessThanOrEqual(65_536);
      expect(body).toContain("This report was trimmed to fit GitHub's");
      expect(body).toContain('job summary');
      // Headline and tables stay; the stage table lists the built stage and names the rest.
      expect(body).toContain('| Size on disk | Compressed | Test | Findings | Budgets |');
      expect(body).toMatch(/\| \[`runtime`\]\([^)]*huge\/Dockerfile#L\d+\) \| target \|/);
      expect(body).toContain('stages stagegate did not build');
      // The room the compact table left is given back to the findings.
      expect(body).toContain('#### Findings');
      // The summary has room (1 MiB): it keeps what the comment had to cut.
      expect(result.summary.length).toBeGreaterThan(65_536);
      expect(result.summary).not.toContain('trimmed to fit');
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  it(
    'renders a stage named x`<img src=x>`@octocat inert',
    async () => {
      github.reset();
      const result = await run(
        { context: '.', file: 'hostile/Dockerfile', 'test-stage': '', compare: 'false' },
        9,
      );
      expect(result.stderr).not.toContain('failed unexpectedly');
      const [comment] = github.commentsOn(9);
      expect(comment.body).toContain('img src=x');
      expectInert(comment.body);
      expectInert(result.summary);
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );
});

describe('e2e harness', () => {
  it('reads GITHUB_OUTPUT heredocs as @actions/core writes them', () => {
    const text =
      'size<<ghadelimiter_1\n123\nghadelimiter_1\ncomment-body<<ghadelimiter_2\n# a\n\nb=c\nghadelimiter_2\nold=style\n';
    expect(parseOutputFile(text)).toEqual({ size: '123', 'comment-body': '# a\n\nb=c', old: 'style' });
  });

  it('names input variables as the runner does', () => {
    expect(inputVariable('test-stage')).toBe('INPUT_TEST-STAGE');
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
  });
});
