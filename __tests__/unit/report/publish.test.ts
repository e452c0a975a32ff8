import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentMarker } from '../../../src/seams/github/marker.js';
import { postReportFile, publishReport, readReportFile } from '../../../src/report/publish.js';
import { createRedactor } from '../../../src/report/redact.js';
import { classifyError, GitHubPermissionError, type GitHubApi } from '../../../src/seams/github/api.js';
import type { EventContext } from '../../../src/seams/runner.js';
import { fakeRunner } from '../../helpers/fake-runner.js';
import { grewReport, HEAD_SHA } from './fixtures.js';

/** The shared fake runner on a pull_request event. */
const prRunner = () => fakeRunner({ defaults: false, event: event('pull_request') });

function fakeApi(behaviour: { fail?: Error; headSha?: string } = {}): GitHubApi & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    async upsertComment(target, marker, body) {
      calls.push(['upsert', target, marker, body]);
      if (behaviour.fail) throw behaviour.fail;
      return { action: 'created', url: 'https://github.com/acme/app/pull/7#issuecomment-1' };
    },
    async getPullRequest(owner, repo, number) {
      calls.push(['pull', owner, repo, number]);
      return { number, headSha: behaviour.headSha ?? HEAD_SHA, state: 'open' };
    },
  };
}

function event(eventName: string, extra: Partial<EventContext> = {}): EventContext {
  return {
    eventName,
    repository: 'acme/app',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.test',
    workspace: '/w',
    runId: '42',
    ...extra,
  };
}

const inputs = { comment: true, 'github-token': 't', file: 'examples/hello/Dockerfile', target: undefined };
const pr = { number: 7, fromFork: false, headSha: HEAD_SHA };

describe('publishReport', () => {
  it('on pull_request: outputs, summary and the comment under the marker', async () => {
    const runner = prRunner();
    const api = fakeApi();
    const res = await publishReport(
      { runner, github: () => api },
      {
        report: grewReport(),
        reportPath: '/tmp/r.json',
        inputs,
        event: event('pull_request', { pullRequest: pr }),
      },
    );
    expect(res.comment).toBe('created');
    expect(runner.outputs).toMatchObject({
      size: '12345678',
      'compressed-size': '4567890',
      'base-size': '11145678',
      'size-delta': '1200000',
      'test-result': 'passed',
      findings: '1',
      'report-file': '/tmp/r.json',
    });
    expect(runner.outputs['comment-body']).toBe(res.commentBody);
    expect(runner.summaries).toEqual([res.summary]);
    expect(api.calls).toEqual([
      [
        'upsert',
        { owner: 'acme', repo: 'app', issueNumber: 7 },
        commentMarker('examples/hello/Dockerfile', undefined),
        res.commentBody,
      ],
    ]);
  });

  it.each(['push', 'workflow_dispatch', 'schedule'])(
    'on %s: summary and outputs, no comment',
    async (name) => {
      const runner = prRunner();
      const api = fakeApi();
      const res = await publishReport(
        { runner, github: () => api },
        { report: grewReport(), reportPath: '/r.json', inputs, event: event(name) },
      );
      expect(res.comment).toBe('skipped');
      expect(api.calls).toEqual([]);
      expect(runner.summaries).toHaveLength(1);
      expect(runner.outputs['comment-body']).toContain('### stagegate');
    },
  );

  it('does not comment when the comment input is false', async () => {
    const api = fakeApi();
    await publishReport(
      { runner: prRunner(), github: () => api },
      {
        report: grewReport(),
        reportPath: '/r.json',
        inputs: { ...inputs, comment: false },
        event: event('pull_request', { pullRequest: pr }),
      },
    );
    expect(api.calls).toEqual([]);
  });

  it('warns with the fix on a permission error and keeps everything else', async () => {
    const runner = prRunner();
    const api = fakeApi({ fail: new GitHubPermissionError('Resource not accessible by integration', 403) });
    const res = await publishReport(
      { runner, github: () => api },
      {
        report: grewReport(),
        reportPath: '/r.json',
        inputs,
        event: event('pull_request', { pullRequest: { ...pr, fromFork: true } }),
      },
    );
    expect(res.comment).toBe('failed');
    expect(runner.warnings).toHaveLength(1);
    expect(runner.warnings[0]).toMatch(
      /could not comment on PR #7: .*403 Resource not accessible by integration/,
    );
    expect(runner.warnings[0]).toContain('comes from a fork');
    expect(runner.warnings[0]).toContain('pull-requests: write');
    expect(runner.outputs['comment-body']).toBe(res.commentBody);
    expect(runner.summaries).toHaveLength(1);
  });

  describe('tells apart why GitHub said no', () => {
    const warningFor = async (err: Error, fromFork = false): Promise<string> => {
      const runner = prRunner();
      const res = await publishReport(
        { runner, github: () => fakeApi({ fail: err }) },
        {
          report: grewReport(),
          reportPath: '/r.json',
          inputs,
          event: event('pull_request', { pullRequest: { ...pr, fromFork } }),
        },
      );
      expect(res.comment).toBe('failed');
      expect(runner.warnings).toHaveLength(1);
      return runner.warnings[0];
    };

    it('a bad token (401): the token, not permissions', async () => {
      const w = await warningFor(new GitHubPermissionError('Bad credentials', 401, 'identify'));
      expect(w).toContain('GitHub refused the token (401 Bad credentials)');
      expect(w).toContain('invalid, expired or revoked');
      expect(w).not.toContain('pull-requests: write`');
    });

    it("a refused edit of stagegate's own comment: says so, names it, no permission advice", async () => {
      const url = 'https://github.com/acme/app/pull/7#issuecomment-5';
      const w = await warningFor(
        new GitHubPermissionError('Unable to update comment because issue is locked.', 403, 'update', url),
      );
      expect(w).toContain(`GitHub refused the edit of ${url}`);
      expect(w).toContain('still shows an earlier run');
      expect(w).not.toContain('pull-requests: write');
    });

    it('a refused edit for lack of permission: then the permission is the fix', async () => {
      const w = await warningFor(
        new GitHubPermissionError('Resource not accessible by integration', 403, 'update'),
      );
      expect(w).toContain('may not edit its comment');
      expect(w).toContain('permissions: pull-requests: write');
    });

    it("a fork PR's read-only token: the fork pattern, and permissions do not help", async () => {
      const w = await warningFor(
        new GitHubPermissionError('Resource not accessible by integration', 403, 'create'),
        true,
      );
      expect(w).toContain('comes from a fork');
      expect(w).toContain('does not help here');
      expect(w).toContain('docs/forks.md');
    });

    it('a refused create: the missing permission', async () => {
      const w = await warningFor(
        new GitHubPermissionError('Resource not accessible by integration', 403, 'create'),
      );
      expect(w).toContain('may not write comments');
      expect(w).toContain('permissions: pull-requests: write');
    });
  });

  it('warns (and does not throw) on any other API failure', async () => {
    const runner = prRunner();
    const res = await publishReport(
      { runner, github: () => fakeApi({ fail: new Error('HTTP 502') }) },
      {
        report: grewReport(),
        reportPath: '/r.json',
        inputs,
        event: event('pull_request', { pullRequest: pr }),
      },
    );
    expect(res.comment).toBe('failed');
    expect(runner.warnings[0]).toContain('HTTP 502');
  });

  it('links the trimmed comment to this run’s job summary', async () => {
    const report = grewReport();
    report.findings = Array.from({ length: 2000 }, (_, i) => ({
      ...report.findings[0],
      line: i + 1,
      message: 'm'.repeat(200),
    }));
    const res = await publishReport(
      { runner: prRunner(), github: () => fakeApi() },
      { report, reportPath: '/r.json', inputs, event: event('pull_request', { pullRequest: pr }) },
    );
    expect(res.commentBody.length + commentMarker(inputs.file, undefined).length + 1).toBeLessThanOrEqual(
      65_536,
    );
    expect(res.commentBody).toContain("GitHub's 65,536-character limit for comments");
    expect(res.commentBody).toContain('[job summary](https://github.com/acme/app/actions/runs/42)');
    expect(res.summary).not.toContain('trimmed');
  });
});

describe('post-only mode (report-file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-publish-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const good = file('good.json', JSON.stringify(grewReport()));
  const runEvent = (headSha: string, pullRequests: number[] = []): EventContext =>
    event('workflow_run', { workflowRun: { headSha, event: 'pull_request', pullRequests } });

  it('explains a missing, non-JSON or foreign report file', () => {
    expect(() => readReportFile(join(dir, 'nope.json'))).toThrow(
      /does not exist. Download the report artifact first/,
    );
    expect(() => readReportFile(file('bad.json', '{'))).toThrow(/is not JSON/);
    expect(() => readReportFile(file('other.json', '{"schemaVersion": 9, "findings": {}}'))).toThrow(
      /not a stagegate report \(schema 1\): schemaVersion is 9; .*findings is not a list/,
    );
  });

  it('accepts the directory an artifact was downloaded to when it holds one report', () => {
    const only = mkdtempSync(join(dir, 'artifact-'));
    writeFileSync(join(only, 'stagegate-report-x.json'), JSON.stringify(grewReport()));
    expect(readReportFile(only).target).toBe('runtime');
    writeFileSync(join(only, 'other.json'), '{}');
    expect(() => readReportFile(only)).toThrow(/holds 2 JSON files .*name the report file itself/);
  });

  it('posts to the PR the report names when that PR’s head is the commit the run built', async () => {
    const api = fakeApi({ headSha: HEAD_SHA });
    const runner = prRunner();
    const res = await postReportFile(
      { runner, github: () => api },
      { ...inputs, 'report-file': good },
      runEvent(HEAD_SHA),
    );
    expect(res.failures).toEqual([]);
    expect(api.calls.map((c) => c[0])).toEqual(['pull', 'upsert']);
    expect(runner.outputs['report-file']).toBe(good);
  });

  it('redacts a report it reads before posting it (a run that wrote it may not have)', async () => {
    const leaky = grewReport();
    leaky.image!.layers[1].createdBy = 'RUN |1 NPM_TOKEN=ghp_leakedByAnOlderRun /bin/sh -c make';
    leaky.errors = [{ step: 'build', message: 'failed for thisRunsSecretValue' }];
    const path = file('leaky.json', JSON.stringify(leaky));
    const api = fakeApi({ headSha: HEAD_SHA });
    const runner = prRunner();
    const res = await postReportFile(
      { runner, github: () => api, redact: createRedactor(['thisRunsSecretValue']) },
      { ...inputs, 'report-file': path },
      runEvent(HEAD_SHA),
    );
    const posted = JSON.stringify([res.report, runner.outputs, runner.summaries, api.calls]);
    expect(posted).not.toContain('ghp_leakedByAnOlderRun');
    expect(posted).not.toContain('thisRunsSecretValue');
    expect(res.report?.image?.layers[1].createdBy).toBe('RUN |1 NPM_TOKEN=*** /bin/sh -c make');
  });

  it('refuses a report whose PR head is not the commit the run built', async () => {
    const api = fakeApi({ headSha: 'f'.repeat(40) });
    const runner = prRunner();
    await postReportFile(
      { runner, github: () => api },
      { ...inputs, 'report-file': good },
      runEvent(HEAD_SHA),
    );
    expect(api.calls.map((c) => c[0])).toEqual(['pull']);
    expect(runner.warnings[0]).toContain('Not commenting on PR #7');
  });

  it('refuses a PR number the triggering run is not associated with', async () => {
    const api = fakeApi();
    const runner = prRunner();
    await postReportFile(
      { runner, github: () => api },
      { ...inputs, 'report-file': good },
      runEvent(HEAD_SHA, [8]),
    );
    expect(api.calls).toEqual([]);
    expect(runner.warnings[0]).toContain('names PR #7');
  });

  it('fails the step with the reason when the file cannot be read', async () => {
    const runner = prRunner();
    const res = await postReportFile(
      { runner },
      { ...inputs, 'report-file': join(dir, 'missing.json') },
      runEvent(HEAD_SHA),
    );
    expect(res.failures[0]).toContain('does not exist');
    expect(runner.errors).toHaveLength(1);
  });
});

describe('classifyError', () => {
  it('treats 403 and 401 as permission problems, but not rate limits or other errors', () => {
    const err = (status: number, message: string): object => Object.assign(new Error(message), { status });
    expect(classifyError(err(403, 'Resource not accessible by integration'), 'create')).toBeInstanceOf(
      GitHubPermissionError,
    );
    expect(classifyError(err(401, 'Bad credentials'), 'create')).toBeInstanceOf(GitHubPermissionError);
    expect(classifyError(err(403, 'You have exceeded a secondary rate limit'), 'create')).not.toBeInstanceOf(
      GitHubPermissionError,
    );
    expect(classifyError(err(500, 'boom'), 'create')).not.toBeInstanceOf(GitHubPermissionError);
  });
});
