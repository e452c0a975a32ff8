/**
 * The whole job (runJob) with a fake runner and the real engine, on a Dockerfile whose test stage
 * fails: the report, the outputs and the comment body are produced, and only then the step fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { runJob } from '../../src/main.js';
import type { Report } from '../../src/model.js';
import { createScanStore } from '../../src/image/scan-store.js';
import { createEngine, type Engine } from '../../src/seams/engine.js';
import { fakeRunner } from '../helpers/fake-runner.js';
import { BASE_IMAGE, describeWithEngine, docker } from '../helpers/engine.js';

const nonce = `${process.pid}-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'stagegate-test-build-job-'));

/** The shared fake runner, with no defaults applied and a push event without a repository. */
function runnerFor(inputs: Record<string, string>, workspace = dir) {
  return fakeRunner({ inputs, defaults: false, event: { workspace, sha: undefined, repository: undefined } });
}

describeWithEngine('runJob with a failing test stage', () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports test-result=failed with the failing output, and fails the step after the report', async () => {
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        `FROM ${BASE_IMAGE} AS build`,
        `RUN echo app-${nonce} > /app`,
        'FROM build AS test',
        `RUN echo "expected 200, got 500 (${nonce})"; exit 1`,
        `FROM ${BASE_IMAGE} AS runtime`,
        'COPY --from=build /app /app',
        '',
      ].join('\n'),
    );
    const runner = runnerFor({
      context: dir,
      file: join(dir, 'Dockerfile'),
      'test-stage': 'test',
      compare: 'false',
      comment: 'false',
      'fail-on': 'never',
    });
    const reportPath = join(dir, 'report.json');
    const result = await runJob({ runner, engine: createEngine(), reportPath });
    expect(runner.errors).toEqual([]);
    expect(result.failures).toContain("Test stage 'test' failed.");
    // Once: not also as a stage that failed to build.
    expect(result.failures.filter((f) => f.includes("'test'"))).toHaveLength(1);
    expect(runner.outputs['test-result']).toBe('failed');
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.test.failedStep).toMatchObject({ kind: 'build', line: 4, exitCode: 1 });
    expect(report.test.logTail).toContain(`expected 200, got 500 (${nonce})`);
    expect(report.builds.map((b) => [b.stage, b.status])).toEqual([
      ['build', 'built'],
      ['test', 'failed'],
      ['runtime', 'built'],
    ]);
    expect(runner.outputs['comment-body']).toBeTruthy();
    for (const b of report.builds) if (b.imageId) docker(['image', 'rm', '--force', b.imageId]);
  });
});

describeWithEngine('runJob comparing with a base commit', () => {
  const repo = mkdtempSync(join(tmpdir(), 'stagegate-test-job-base-'));
  const cwd = process.cwd();
  afterAll(() => {
    process.chdir(cwd);
    rmSync(repo, { recursive: true, force: true });
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();

  it('builds the base alongside the head, and reads an image the base shares with the head once', async () => {
    // The head commit changes only what the test stage reads: the runtime image is the same on both sides.
    writeFileSync(
      join(repo, 'Dockerfile'),
      [
        `FROM ${BASE_IMAGE} AS build`,
        `RUN echo app-${nonce} > /app`,
        'FROM build AS test',
        'COPY check.txt /check.txt',
        'RUN sleep 2 && cat /check.txt',
        `FROM ${BASE_IMAGE} AS runtime`,
        'COPY --from=build /app /app',
        '',
      ].join('\n'),
    );
    writeFileSync(join(repo, 'check.txt'), `base ${nonce}\n`);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const baseSha = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'check.txt'), `head ${nonce}\n`);
    git('commit', '-qam', 'head');

    const runner = runnerFor(
      {
        context: repo,
        file: join(repo, 'Dockerfile'),
        target: 'runtime',
        'base-ref': baseSha,
        comment: 'false',
        'fail-on': 'never',
      },
      repo,
    );
    const real = createEngine();
    const saves: string[][] = [];
    const engine: Engine = {
      run: (tool, args, options) => real.run(tool, args, options),
      stream: (tool, args, options) => {
        saves.push(args);
        return real.stream(tool, args, options);
      },
    };
    process.chdir(repo);
    const result = await runJob({
      runner,
      engine,
      reportPath: join(repo, 'report.json'),
      scans: createScanStore(),
    });
    process.chdir(cwd);
    expect(runner.errors).toEqual([]);
    const report = result.report as Report;
    expect(report.base).toMatchObject({ status: 'compared', sha: baseSha, source: 'built' });
    expect(report.base?.image?.imageId).toBe(report.image?.imageId);
    expect(report.delta?.size).toBe(0);
    // One docker save for the one image both sides ended up with.
    expect(saves.filter((a) => a[0] === 'save')).toHaveLength(1);
    // The base build began while the head's test stage (sleep 2) was still building.
    const baseStarted = runner.infos.find((i) =>
      i.message.startsWith("Building stage 'runtime' of the base commit"),
    );
    const test = report.builds.find((b) => b.stage === 'test');
    expect(baseStarted).toBeDefined();
    expect(test?.status).toBe('built');
    expect(baseStarted!.at).toBeLessThan(test!.finishedAt);
    for (const b of report.builds) if (b.imageId) docker(['image', 'rm', '--force', b.imageId]);
  });
});
