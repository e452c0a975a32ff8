/**
 * End to end, issue 13: the job's faults and the user's mistakes, each as a user meets them. The
 * bundled action under Node 24, the OpenAPI-checked fake API, and the real engine: bad inputs still
 * publish; a hanging test stops at test-timeout; a cancelled run publishes and leaves no container;
 * a base-ref that names no commit and paths outside the workspace are input errors; a budget the
 * base could not check is a warning; deleting the test stage fails the gate; only the annotations
 * GitHub shows are emitted.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER, describeWithEngine } from '../helpers/engine.js';
import { startSecondDaemon, type SecondDaemon } from '../helpers/second-daemon.js';
import { commentMarker } from '../../src/seams/github/marker.js';
import type { Report } from '../../src/model.js';
import { FakeGitHub } from './fake-github.js';
import {
  cleanupRuns,
  createWorkspace,
  pullRequestPayload,
  REPOSITORY,
  runAction,
  TOKEN,
  type RunOptions,
  type RunResult,
  type Workspace,
} from './harness.js';

const SLOW = 300_000;

/** A test stage whose command hangs after saying so; the runtime stage is trivial. */
const HANGING = [
  'FROM stagegate/busybox:1 AS test',
  'CMD ["sh", "-c", "echo started-hanging; sleep 600"]',
  '',
  'FROM stagegate/busybox:1 AS runtime',
  'CMD ["true"]',
  '',
].join('\n');

function reportOf(run: RunResult): Report {
  return JSON.parse(readFileSync(run.outputs['report-file'], 'utf8')) as Report;
}

/** The test container's name, as the action logs it when it starts the run. */
function containerName(stdout: string): string {
  const m = /docker run --rm --name (stagegate-test-[0-9a-f]{12})/.exec(stdout);
  if (!m) throw new Error(`no test container was started:\n${stdout.slice(-2000)}`);
  return m[1];
}

function containerExists(name: string): boolean {
  const r = spawnSync(DOCKER, ['ps', '-a', '-q', '--filter', `name=^/${name}$`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker ps failed: ${r.stderr}`);
  return r.stdout.trim() !== '';
}

describeWithEngine('issue 13: faults and mistakes, end to end (dist/index.js under Node 24)', () => {
  const github = new FakeGitHub(REPOSITORY, TOKEN);
  const workspaces: Workspace[] = [];

  beforeAll(async () => {
    await github.start();
  });
  afterAll(async () => {
    await github.stop();
    for (const ws of workspaces) ws.remove();
    if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
  });

  function workspace(change: Record<string, string>): Workspace {
    const ws = createWorkspace(change);
    workspaces.push(ws);
    return ws;
  }

  const run = (
    ws: Workspace,
    pr: number,
    inputs: Record<string, string>,
    extra: Partial<RunOptions> = {},
  ): Promise<RunResult> =>
    runAction({
      workspace: ws.dir,
      apiUrl: github.url,
      sha: ws.headSha,
      event: pullRequestPayload({ number: pr, baseSha: ws.baseSha, headSha: ws.headSha }),
      ...extra,
      inputs,
    });

  it(
    'item 5: bad max-size, fail-on and build-args update the old "All checks passed" comment, write the summary and outputs, and fail',
    async () => {
      const ws = workspace({});
      const pr = 51;
      const marker = commentMarker('examples/hello/Dockerfile', undefined);
      github.seed(pr, [`${marker}\n### stagegate\n\n✅ **All checks passed**`], 'github-actions[bot]');
      const r = await run(ws, pr, {
        context: 'examples/hello',
        'max-size': 'huge',
        'fail-on': 'sometimes',
        'build-args': 'NOT-A-NAME=1',
      });
      expect(r.exitCode).not.toBe(0);
      const comments = github.commentsOn(pr);
      expect(comments).toHaveLength(1);
      const body = comments[0].body;
      expect(body).not.toContain('All checks passed');
      expect(body).toContain('Needs attention');
      expect(body).toMatch(/Input 'max-size' is 'huge'; expected a size such as 200MB/);
      expect(body).toMatch(/Input 'fail-on' is 'sometimes'; expected one of error, warning/);
      expect(body).toMatch(/Input 'build-args' has 'NOT-A-NAME'.*NAME=value/);
      expect(r.summary).toContain("Input 'max-size' is 'huge'");
      expect(r.summary).not.toContain('All checks passed');
      // The outputs that can be known: nothing was built or measured, the report exists.
      expect(r.outputs['test-result']).toBe('skipped');
      expect(r.outputs.size).toBe('');
      expect(reportOf(r).errors.map((e) => e.step)).toEqual(['inputs', 'inputs', 'inputs']);
      expect(r.outputs['comment-body']).toContain("Input 'fail-on'");
      expect(r.stdout).not.toMatch(/\[runtime\] .*build/);
      expect(r.errors.join('\n')).toContain("Input 'max-size' is 'huge'");
    },
    SLOW,
  );

  it(
    'item 3: a hanging test is stopped at test-timeout, its container removed, and reported as timed out with its output',
    async () => {
      const ws = workspace({ 'hang/Dockerfile': HANGING });
      const started = Date.now();
      const r = await run(ws, 52, { context: 'hang', compare: 'false', 'test-timeout': '3s' });
      expect(Date.now() - started).toBeLessThan(120_000);
      expect(r.exitCode).not.toBe(0);
      expect(r.outputs['test-result']).toBe('failed');
      const test = reportOf(r).test;
      expect(test).toMatchObject({ stage: 'test', result: 'failed', timedOutAfterMs: 3000 });
      expect(test.reason).toMatch(/^timed out after 3s \('test-timeout'\)/);
      expect(test.logTail).toContain('started-hanging');
      expect(r.summary).toContain('timed out after 3s');
      expect(containerExists(containerName(r.stdout))).toBe(false);
    },
    SLOW,
  );

  it(
    'item 3: SIGTERM while the test runs (a runner cancelling) removes the container and still publishes what is known',
    async () => {
      const ws = workspace({ 'hang/Dockerfile': HANGING });
      const pr = 53;
      let signalled = false;
      const r = await run(
        ws,
        pr,
        { context: 'hang', compare: 'false', 'test-timeout': '0' },
        {
          onStdout: (soFar, child) => {
            if (signalled || !soFar.includes('started-hanging')) return;
            signalled = true;
            child.kill('SIGTERM');
          },
        },
      );
      expect(signalled).toBe(true);
      expect(r.exitCode).not.toBe(0);
      expect(r.outputs['test-result']).toBe('error');
      const report = reportOf(r);
      expect(report.test.reason).toMatch(/cancelled/);
      expect(report.errors.map((e) => e.step)).toContain('cancelled');
      const [comment] = github.commentsOn(pr);
      expect(comment?.body).toMatch(/cancelled/);
      expect(comment?.body).not.toMatch(/❌ Test stage|Test stage '\w+' failed/);
      expect(r.summary).toMatch(/cancelled/);
      expect(containerExists(containerName(r.stdout))).toBe(false);
    },
    SLOW,
  );

  it(
    "item 6: a base-ref git cannot resolve ('mian') is an input error naming the ref, git's message and the fix",
    async () => {
      const ws = workspace({});
      const r = await run(ws, 54, { context: 'examples/hello', 'base-ref': 'mian' });
      expect(r.exitCode).not.toBe(0);
      const error = reportOf(r).errors.find((e) => e.step === 'inputs');
      expect(error?.message).toMatch(/^Input 'base-ref' is 'mian', which git cannot resolve to a commit: /);
      expect(error?.message).toMatch(/fatal: .*origin/);
      expect(error?.message).toMatch(/fetch-depth: 0/);
      expect(r.summary).toContain("Input 'base-ref' is 'mian'");
      expect(r.summary).not.toContain('All checks passed');
    },
    SLOW,
  );

  it(
    'item 6: a max-size-increase the failed base build could not check is a warning in the headline, never a pass',
    async () => {
      const ws = workspace({});
      const broken = ws.commit(
        { 'app/Dockerfile': 'FROM stagegate/busybox:1 AS runtime\nRUN exit 3\nCMD ["true"]\n' },
        'broken base',
      );
      const fixed = ws.commit(
        { 'app/Dockerfile': 'FROM stagegate/busybox:1 AS runtime\nCMD ["true"]\n' },
        'fix',
      );
      const r = await runAction({
        workspace: ws.dir,
        apiUrl: github.url,
        sha: fixed,
        event: pullRequestPayload({ number: 55, baseSha: broken, headSha: fixed }),
        inputs: { context: 'app', 'max-size-increase': '10%', 'fail-on': 'never' },
      });
      const report = reportOf(r);
      expect(report.base.status).toBe('failed');
      expect(report.budgets[0]).toMatchObject({ name: 'max-size-increase', skipped: true });
      expect(r.summary).not.toContain('All checks passed');
      expect(r.summary).toContain('Passed, but not everything was checked');
      expect(r.summary).toMatch(/max-size-increase.*was not checked: .*the base commit failed to build/);
    },
    SLOW,
  );

  it(
    'item 7: a context or file outside the workspace is refused as an input error, and nothing is built',
    async () => {
      const ws = workspace({});
      const outside = mkdtempSync(join(tmpdir(), 'stagegate-e2e-outside-'));
      try {
        writeFileSync(join(outside, 'Dockerfile'), 'FROM stagegate/busybox:1 AS runtime\nCMD ["true"]\n');
        const r = await run(ws, 56, { context: '../', file: join(outside, 'Dockerfile') });
        expect(r.exitCode).not.toBe(0);
        const messages = reportOf(r)
          .errors.filter((e) => e.step === 'inputs')
          .map((e) => e.message);
        expect(messages).toEqual([
          expect.stringMatching(/^Input 'context' is '\.\.\/', which resolves to .*, outside the workspace /),
          expect.stringMatching(
            /^Input 'file' is '.*Dockerfile', which resolves to .*, outside the workspace /,
          ),
        ]);
        expect(r.stdout).not.toMatch(/docker(?: buildx)? build/);
        expect(r.summary).toContain('outside the workspace');
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    "item 9: deleting the test stage the base has fails the gate; test-stage: '' still turns it off",
    async () => {
      const hello = readFileSync(new URL('../../examples/hello/Dockerfile', import.meta.url), 'utf8');
      const withoutTest = hello.replace(/FROM build AS test\nRUN sh \.\/test\.sh \/out\/bin\/hello\n/, '');
      expect(withoutTest).not.toContain('AS test');
      const ws = workspace({ 'examples/hello/Dockerfile': withoutTest });
      const r = await run(ws, 57, { context: 'examples/hello' });
      expect(r.exitCode).not.toBe(0);
      expect(r.outputs['test-result']).toBe('failed');
      expect(reportOf(r).test.reason).toMatch(/the base commit's .*Dockerfile has the test stage 'test'/);
      expect(r.summary).toMatch(/has the test stage 'test', and this commit's has none/);
      const off = await run(ws, 57, { context: 'examples/hello', 'test-stage': '' });
      expect(off.outputs['test-result']).toBe('skipped');
      expect(off.exitCode).toBe(0);
    },
    SLOW,
  );

  it(
    'item 10: thousands of findings emit only the 10 errors and 10 warnings GitHub shows, and the summary counts them all',
    async () => {
      const lines = ['FROM stagegate/busybox:1'];
      for (let i = 0; i < 1500; i++) lines.push(`RUN sudo echo ${i} | cat`);
      lines.push('FROM stagegate/busybox:1 AS runtime', 'CMD ["true"]');
      const ws = workspace({ 'many/Dockerfile': lines.join('\n') + '\n' });
      const r = await run(ws, 58, { context: 'many', compare: 'false', 'fail-on': 'never' });
      const findings = reportOf(r).findings;
      expect(findings.length).toBeGreaterThan(3000);
      const onFile = r.commands.filter((c) => c.properties.file === 'many/Dockerfile');
      const count = (level: string) => onFile.filter((c) => c.command === level).length;
      const notices = findings.filter((f) => f.severity === 'info' || f.severity === 'style').length;
      expect([count('error'), count('warning'), count('notice')]).toEqual([10, 10, Math.min(notices, 10)]);
      // Errors first, then by line: the first ten sudo lines.
      expect(onFile.filter((c) => c.command === 'error').map((c) => Number(c.properties.line))).toEqual([
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      expect(r.summary).toContain(
        `GitHub shows at most 10 annotations of each kind (error, warning, notice) per step: ${20 + Math.min(notices, 10)} of the ${findings.length} findings are annotated`,
      );
    },
    SLOW,
  );
});

describeWithEngine(
  'issue 13 item 8: a Docker daemon that dies mid-build is an engine error, not the PR failing',
  () => {
    const github = new FakeGitHub(REPOSITORY, TOKEN);
    let daemon: SecondDaemon | string;
    let ws: Workspace;

    beforeAll(async () => {
      await github.start();
      daemon = await startSecondDaemon();
      // The test stage copies a large file: the daemon is killed while it builds.
      ws = createWorkspace({
        'dies/Dockerfile': [
          'FROM stagegate/busybox:1 AS test',
          'COPY big.bin /big.bin',
          '',
          'FROM stagegate/busybox:1 AS runtime',
          'CMD ["true"]',
          '',
        ].join('\n'),
        'dies/big.bin': Buffer.alloc(200 * 1024 * 1024).toString(),
      });
    }, SLOW);

    afterAll(async () => {
      await github.stop();
      ws?.remove();
      if (typeof daemon !== 'string') daemon?.remove();
      if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
    });

    it(
      "gives test-result=error and an 'engine' error with docker's message, and never says the tests failed",
      async () => {
        if (typeof daemon === 'string') throw new Error(`cannot start a second dockerd here: ${daemon}`);
        const { host, kill } = daemon;
        let killed = false;
        const r = await runAction({
          workspace: ws.dir,
          apiUrl: github.url,
          sha: ws.headSha,
          event: pullRequestPayload({ number: 81, baseSha: ws.baseSha, headSha: ws.headSha }),
          inputs: { context: 'dies', compare: 'false' },
          env: { DOCKER_HOST: host },
          onStdout: (soFar) => {
            if (killed || !/^\[test\] #\d+ /m.test(soFar)) return;
            killed = true;
            kill();
          },
        });
        expect(killed).toBe(true);
        expect(r.exitCode).not.toBe(0);
        expect(r.outputs['test-result']).toBe('error');
        const report = reportOf(r);
        const engine = report.errors.filter((e) => e.step === 'engine');
        expect(engine.length).toBeGreaterThan(0);
        expect(engine[0].message).toMatch(
          /^The Docker engine failed while building stage.*: .*(Cannot connect to the Docker daemon|server did not provide an image ID|EOF|connection reset|error during connect|Unavailable)/,
        );
        expect(report.builds.map((b) => b.status)).not.toContain('failed');
        const [comment] = github.commentsOn(81);
        for (const text of [r.summary, comment.body, r.errors.join('\n')]) {
          // Neither the headline's "❌ Test stage ... failed" nor the step's "Test stage 'test' failed."
          expect(text).not.toMatch(/❌ Test stage|Test stage '\w+' failed|failed to build/);
          expect(text).toContain('The Docker engine failed');
        }
      },
      SLOW,
    );
  },
);
