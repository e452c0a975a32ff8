/**
 * End to end, issue 14 item 4: the PR's own findings first. The bundled action under Node 24, the
 * OpenAPI-checked fake API and the real engine. The base commit's Dockerfile has a finding; the
 * head shifts it down two lines and adds a new one of the same rule (at error, by config). The
 * comment leads with the new one and marks the old one existing; fail-on and the annotations see
 * only the new one (unless fail-on-existing-findings); on a push every finding is new.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { describeWithEngine } from '../helpers/engine.js';
import type { Report } from '../../src/model.js';
import { FakeGitHub } from './fake-github.js';
import {
  cleanupRuns,
  createWorkspace,
  pullRequestPayload,
  REPOSITORY,
  runAction,
  TOKEN,
  type RunResult,
  type Workspace,
} from './harness.js';

const SLOW = 300_000;
const PR = 61;

/** `cd` in RUN (use-workdir, DL3003) is the finding; the config makes it an error. */
const CONFIG = 'severity:\n  use-workdir: error\n';
const BASE = ['FROM stagegate/busybox:1 AS runtime', 'RUN cd /tmp && echo old', 'CMD ["true"]', ''];
const HEAD = [
  'FROM stagegate/busybox:1 AS runtime',
  'ENV STAGE=head',
  'RUN echo two lines above the old finding',
  'RUN cd /tmp && echo old',
  'RUN cd /tmp && echo new',
  'CMD ["true"]',
  '',
];
/** The head without the new finding: only the shift. */
const SHIFTED = HEAD.filter((l) => !l.includes('echo new'));

const reportOf = (r: RunResult): Report =>
  JSON.parse(readFileSync(r.outputs['report-file'], 'utf8')) as Report;

/** Annotations of use-workdir, as line:level. */
const workdirAnnotations = (r: RunResult): string[] =>
  r.commands
    .filter((c) => c.properties.title?.startsWith('use-workdir'))
    .map((c) => `${c.properties.line}:${c.command}`);

const workdirFindings = (report: Report): string[] =>
  report.findings.filter((f) => f.rule === 'use-workdir').map((f) => `${f.line}:${f.baseline}`);

describeWithEngine('issue 14: the PR’s own findings first, end to end (dist/index.js under Node 24)', () => {
  const github = new FakeGitHub(REPOSITORY, TOKEN);
  let ws: Workspace;
  let baseSha: string;
  let headSha: string;

  beforeAll(async () => {
    await github.start();
    ws = createWorkspace({});
    baseSha = ws.commit({ 'app/Dockerfile': BASE.join('\n'), 'app/.stagegate.yml': CONFIG }, 'base');
    headSha = ws.commit({ 'app/Dockerfile': HEAD.join('\n') }, 'head: a new finding, the old one moved');
  });
  afterAll(async () => {
    await github.stop();
    ws?.remove();
    if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
  });

  const onPullRequest = (sha: string, inputs: Record<string, string> = {}): Promise<RunResult> =>
    runAction({
      workspace: ws.dir,
      apiUrl: github.url,
      sha,
      event: pullRequestPayload({ number: PR, baseSha, headSha: sha }),
      inputs: { context: 'app', config: 'app/.stagegate.yml', ...inputs },
    });

  it(
    'leads the comment with the new finding, marks the moved one existing, and fails for the new one only',
    async () => {
      const r = await onPullRequest(headSha);
      const report = reportOf(r);
      expect(workdirFindings(report)).toEqual(['4:existing', '5:new']);
      // The base's other findings (on the FROM line, which did not change) are existing too.
      expect(report.findingsBaseline).toMatchObject({ sha: baseSha, new: 1 });
      expect(report.findings.filter((f) => f.baseline === 'new').map((f) => f.rule)).toEqual(['use-workdir']);
      expect(r.exitCode).not.toBe(0);
      expect(r.stdout).toContain("1 new finding(s) at or above fail-on 'error'.");
      // Only the new finding is annotated.
      expect(workdirAnnotations(r)).toEqual(['5:error']);

      const body = github.commentsOn(PR).at(-1)?.body ?? '';
      expect(body).toBe(`${body.split('\n')[0]}\n${r.outputs['comment-body']}`);
      const fresh = body.indexOf('<summary>❌ 1 new error</summary>');
      const existing = body.search(/<summary>📎 \d+ existing findings? \(the base commit has them too/);
      expect(fresh).toBeGreaterThan(0);
      expect(existing).toBeGreaterThan(fresh);
      expect(body.slice(fresh, existing)).toMatch(/Dockerfile#L5\)/);
      expect(body.slice(fresh, existing)).not.toMatch(/Dockerfile#L4\)/);
      expect(body.slice(existing)).toMatch(/Dockerfile#L4\)/);
      expect(body).toContain('- ❌ 1 new finding at or above `fail-on: error`.');
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );

  // Before the next test, which moves the checkout on.
  it(
    'counts every finding as new on a push',
    async () => {
      const r = await runAction({
        workspace: ws.dir,
        apiUrl: github.url,
        sha: headSha,
        eventName: 'push',
        ref: 'refs/heads/main',
        event: { ref: 'refs/heads/main', after: headSha, repository: { full_name: REPOSITORY } },
        inputs: { context: 'app', config: 'app/.stagegate.yml', comment: 'false' },
      });
      const report = reportOf(r);
      expect(workdirFindings(report)).toEqual(['4:new', '5:new']);
      expect(report.findingsBaseline).toMatchObject({
        existing: 0,
        reason: expect.stringMatching(/pull request/),
      });
      expect(r.exitCode).not.toBe(0);
      expect(r.stdout).toContain("2 finding(s) at or above fail-on 'error'.");
      expect(workdirAnnotations(r)).toEqual(['4:error', '5:error']);
    },
    SLOW,
  );
  it(
    'passes when the PR only moves the old finding, and fails with fail-on-existing-findings: true',
    async () => {
      const shifted = ws.commit({ 'app/Dockerfile': SHIFTED.join('\n') }, 'only the shift');
      const lenient = await onPullRequest(shifted);
      expect(workdirFindings(reportOf(lenient))).toEqual(['4:existing']);
      expect({ exit: lenient.exitCode, annotated: workdirAnnotations(lenient) }).toEqual({
        exit: 0,
        annotated: [],
      });

      const strict = await onPullRequest(shifted, { 'fail-on-existing-findings': 'true' });
      expect(strict.exitCode).not.toBe(0);
      expect(strict.stdout).toContain("1 finding(s) at or above fail-on 'error'.");
      expect(workdirAnnotations(strict)).toEqual(['4:error']);
      expect(reportOf(strict).failOnExistingFindings).toBe(true);
    },
    SLOW,
  );
});
