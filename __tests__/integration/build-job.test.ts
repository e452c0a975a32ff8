/**
 * The whole job (runJob) with a fake runner and the real engine, on a Dockerfile whose test stage
 * fails: the report, the outputs and the comment body are produced, and only then the step fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { runJob } from '../../src/main.js';
import type { Report } from '../../src/report/model.js';
import { createEngine } from '../../src/seams/engine.js';
import type { EventContext, Runner } from '../../src/seams/runner.js';
import { BASE_IMAGE, describeWithEngine, docker } from '../helpers/engine.js';

const nonce = `${process.pid}-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'stagegate-test-build-job-'));

function fakeRunner(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {};
  const errors: string[] = [];
  const failed: string[] = [];
  const event: EventContext = {
    eventName: 'push',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    workspace: dir,
  };
  const runner: Runner = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => void (outputs[name] = value),
    debug: () => undefined,
    info: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
    error: (m) => void errors.push(m),
    group: (_name, fn) => fn(),
    setSecret: () => undefined,
    writeSummary: async () => undefined,
    setFailed: (m) => void failed.push(m),
    event: () => event,
  };
  return { runner, outputs, errors, failed };
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
    const { runner, outputs, errors } = fakeRunner({
      context: dir,
      file: join(dir, 'Dockerfile'),
      'test-stage': 'test',
      compare: 'false',
      comment: 'false',
      'fail-on': 'never',
    });
    const reportPath = join(dir, 'report.json');
    const result = await runJob({ runner, engine: createEngine(), reportPath });
    expect(errors).toEqual([]);
    expect(result.failures).toContain("Test stage 'test' failed.");
    // Once: not also as a stage that failed to build.
    expect(result.failures.filter((f) => f.includes("'test'"))).toHaveLength(1);
    expect(outputs['test-result']).toBe('failed');
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(report.test.failedStep).toMatchObject({ kind: 'build', line: 4, exitCode: 1 });
    expect(report.test.logTail).toContain(`expected 200, got 500 (${nonce})`);
    expect(report.builds.map((b) => [b.stage, b.status])).toEqual([
      ['build', 'built'],
      ['test', 'failed'],
      ['runtime', 'built'],
    ]);
    expect(outputs['comment-body']).toBeTruthy();
    for (const b of report.builds) if (b.imageId) docker(['image', 'rm', '--force', b.imageId]);
  });
});
