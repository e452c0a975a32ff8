/**
 * Secrets end to end: the bundled action under Node 24, the real engine (BuildKit), the fake GitHub
 * API. A test stage that prints a mounted secret and a build-arg token and fails, and a target whose
 * image history records the token (`RUN |1 NPM_TOKEN=... /bin/sh -c ...`): neither value may appear
 * in the comment, the job summary, GITHUB_OUTPUT, the JSON report, SARIF, the annotations or the log;
 * the marker must appear where they were. A Dockerfile that needs its secrets to build proves they
 * reach the head's and the base commit's builds.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithEngine } from '../helpers/engine.js';
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

const SLOW = 600_000;
const MOUNTED = 'npm_e2eMountedSecret7781';
const BUILD_ARG = 'argTokenE2E4412value';
const FROM_ENV = 'envSecretE2E9034value';
/**
 * BuildKit's cache key leaves secrets out: a step cached by an earlier run would pass without them.
 * A comment unique to this run in the step makes it run.
 */
const FRESH = `# run ${Date.now()}`;

/** Builds only with both secrets in place: the base commit's version, and the passing head. */
const NEEDS_SECRETS = [
  'FROM stagegate/busybox:1 AS build',
  `RUN --mount=type=secret,id=npm test "$(cat /run/secrets/npm)" = "${MOUNTED}" ${FRESH}`,
  `RUN --mount=type=secret,id=fromenv test "$(cat /run/secrets/fromenv)" = "${FROM_ENV}" ${FRESH}`,
  '',
  'FROM build AS test',
  'RUN --mount=type=secret,id=npm test -s /run/secrets/npm',
  '',
  'FROM build AS runtime',
  'CMD ["true"]',
  '',
].join('\n');

/** Prints both values and fails; the target keeps the build arg in its history. */
const LEAKS = [
  'FROM stagegate/busybox:1 AS build',
  'ARG NPM_TOKEN',
  'RUN echo "configured $NPM_TOKEN" > /configured.txt',
  '',
  'FROM build AS test',
  `RUN --mount=type=secret,id=npm cat /run/secrets/npm; echo "tok=$NPM_TOKEN"; exit 1 ${FRESH}`,
  '',
  'FROM build AS runtime',
  'CMD ["true"]',
  '',
].join('\n');

describeWithEngine('secrets in the bundled action (dist/index.js under Node 24)', () => {
  const github = new FakeGitHub(REPOSITORY, TOKEN);
  let ws: Workspace;
  /** The commit with the Dockerfile that needs its secrets: the base of both PRs. */
  let baseSha: string;

  const run = (pr: number, headSha: string, inputs: Record<string, string>): Promise<RunResult> =>
    runAction({
      workspace: ws.dir,
      apiUrl: github.url,
      sha: headSha,
      event: pullRequestPayload({ number: pr, baseSha, headSha }),
      inputs: { context: 'secret', 'test-stage': 'test', target: 'runtime', ...inputs },
      env: { STAGEGATE_E2E_FROM_ENV: FROM_ENV },
    });

  const secretInputs = {
    secrets: `npm=${MOUNTED}`,
    'secret-envs': 'fromenv=STAGEGATE_E2E_FROM_ENV',
  };

  beforeAll(async () => {
    await github.start();
    ws = createWorkspace({ 'secret/Dockerfile': NEEDS_SECRETS });
    baseSha = ws.headSha;
  });

  afterAll(async () => {
    await github.stop();
    ws?.remove();
    if (!process.env.STAGEGATE_E2E_KEEP) cleanupRuns();
  });

  it(
    'builds a Dockerfile that needs its secrets, at the head and at the base commit, and passes',
    async () => {
      const head = ws.commit({ 'secret/README': 'same Dockerfile\n' }, 'passing head');
      const r = await run(21, head, secretInputs);
      expect({ exit: r.exitCode, errors: r.errors, test: r.outputs['test-result'] }).toEqual({
        exit: 0,
        errors: [],
        test: 'passed',
      });
      // The base commit built too (it needs the same secrets), so there is a size to compare.
      expect(Number(r.outputs['base-size'])).toBeGreaterThan(0);
      expect(r.outputs['size-delta']).toMatch(/^-?\d+$/);
      // The runner is told to mask both; nothing else the step printed carries them.
      expect(r.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual(
        expect.arrayContaining([MOUNTED, FROM_ENV]),
      );
      const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(printed.join('\n')).not.toContain(MOUNTED);
    },
    SLOW,
  );

  it(
    'leaves no secret in the comment, summary, outputs, report, SARIF, annotations or log; *** where they were',
    async () => {
      const head = ws.commit({ 'secret/Dockerfile': LEAKS }, 'leaky head');
      const r = await run(22, head, { ...secretInputs, 'build-args': `NPM_TOKEN=${BUILD_ARG}` });
      expect(r.exitCode).not.toBe(0);
      expect(r.outputs['test-result']).toBe('failed');

      const comments = github.commentsOn(22);
      expect(comments).toHaveLength(1);
      const reportText = readFileSync(r.outputs['report-file'], 'utf8');
      const written: Record<string, string> = {
        comment: comments[0].body,
        summary: r.summary,
        outputs: readFileSync(join(r.runnerTemp, 'github_output'), 'utf8'),
        report: reportText,
        sarif: readFileSync(r.outputs['sarif-file'], 'utf8'),
        annotations: JSON.stringify(r.commands.filter((c) => c.command !== 'add-mask')),
        // Everything the step printed but the mask commands themselves (which the runner consumes).
        log: r.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
        stderr: r.stderr,
      };
      for (const [where, text] of Object.entries(written))
        expect({ where, leaks: [MOUNTED, BUILD_ARG, FROM_ENV].filter((s) => text.includes(s)) }).toEqual({
          where,
          leaks: [],
        });

      // Redacted, not dropped: the failing step's output and the image history say *** where the values were.
      const report = JSON.parse(reportText) as {
        test: { logTail?: string[] };
        image?: { layers: { createdBy: string }[] };
      };
      expect(report.test.logTail).toEqual(expect.arrayContaining([expect.stringMatching(/\*\*\*/)]));
      expect(report.test.logTail?.join('\n')).toContain('tok=***');
      expect(report.image?.layers.map((l) => l.createdBy).join('\n')).toContain('NPM_TOKEN=***');
      expect(comments[0].body).toMatch(/tok=(\*\*\*|\\\*\\\*\\\*)/);
      // Redacting again (the runner's outputs) changes nothing: the output is the comment posted.
      expect(comments[0].body.endsWith(`\n${r.outputs['comment-body']}`)).toBe(true);
      expect(r.errors.join('\n')).toContain("Test stage 'test' failed");
      expect(github.violations).toEqual([]);
    },
    SLOW,
  );
});
