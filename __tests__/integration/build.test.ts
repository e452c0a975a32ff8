/**
 * The build plan on the real engine (STAGEGATE_DOCKER=/usr/bin/docker here: BuildKit without buildx, so
 * the fallback path). Each Dockerfile carries a nonce so its steps really run instead of coming from a
 * cache another test (or engineer) filled; the images they make are removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { executePlan, type BuildOutcome } from '../../src/build/execute.js';
import { planBuilds } from '../../src/build/plan.js';
import { loadDockerfile } from '../../src/dockerfile/load.js';
import { INPUT_DEFAULTS, readInputs, type Inputs } from '../../src/inputs.js';
import { BASE_IMAGE, describeWithEngine, docker, realDocker } from '../helpers/engine.js';
import { fakeRunner, infoMessages } from '../helpers/fake-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const nonce = `${process.pid}-${Date.now()}`;
const madeImages = new Set<string>();

interface Recorded {
  /** The info lines the build logged. */
  lines: string[];
  warnings: string[];
  notices: string[];
}

function inputsFor(dir: string, extra: Record<string, string> = {}): Inputs {
  const values: Record<string, string> = {
    ...INPUT_DEFAULTS,
    context: dir,
    file: join(dir, 'Dockerfile'),
    ...extra,
  };
  return readInputs((name) => values[name] ?? '');
}

async function build(dir: string, extra: Record<string, string> = {}): Promise<BuildOutcome & Recorded> {
  const inputs = inputsFor(dir, extra);
  const model = loadDockerfile(inputs.file, 'Dockerfile', inputs['build-args']);
  const plan = planBuilds(model, inputs);
  const runner = fakeRunner();
  const outcome = await executePlan(realDocker(), runner, plan, model, inputs);
  for (const b of outcome.builds) if (b.imageId && dir !== exampleDir) madeImages.add(b.imageId);
  return { ...outcome, lines: infoMessages(runner), warnings: runner.warnings, notices: runner.notices };
}

const tempDirs: string[] = [];
function project(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-test-build-'));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile.replaceAll('NONCE', nonce));
  return dir;
}

const exampleDir = resolve(here, '../../examples/hello');

/**
 * How many times a step that prints `<marker>-<uuid>` ran, from every build's output: a step shared by
 * concurrent builds may show in several outputs, with the one value of its one run. 0 when none shows it.
 */
function executionsOf(lines: string[], marker: string): number {
  const ids = lines.map((l) => new RegExp(`${marker}-([0-9a-f-]{36})$`).exec(l)?.[1]).filter(Boolean);
  return new Set(ids).size;
}

describeWithEngine('building every stage on the real engine', () => {
  afterAll(() => {
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    for (const id of madeImages) {
      try {
        docker(['image', 'rm', '--force', id]);
      } catch {
        // already gone (several stages can share an image id)
      }
    }
  });

  it('builds every stage of examples/hello and passes its test stage', async () => {
    const out = await build(exampleDir);
    expect(out.engine.backend).toBe('buildkit'); // this machine has no buildx: the fallback path, with a notice
    expect(out.notices.join('\n')).toContain('docker buildx is not available');
    expect(out.builds.map((b) => [b.stage, b.status])).toEqual([
      ['build', 'built'],
      ['test', 'built'],
      ['runtime', 'built'],
    ]);
    for (const b of out.builds) {
      expect(b.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(b.finishedAt).toBeGreaterThanOrEqual(b.startedAt);
    }
    expect(out.test).toEqual({ stage: 'test', result: 'passed' });
    expect(out.targetImage).toBe(out.builds[2].imageId);
    // The target is loaded into the engine, so it can be measured and run.
    expect(docker(['image', 'inspect', '--format', '{{.Id}}', out.targetImage!]).trim()).toBe(
      out.targetImage,
    );
    // Built again, every step comes from cache.
    const again = await build(exampleDir);
    expect(again.builds.map((b) => b.cached)).toEqual([true, true, true]);
  });

  describe('a failing test stage', () => {
    let failingRun: BuildOutcome & Recorded;
    let failingCmd: BuildOutcome & Recorded;
    beforeAll(async () => {
      const runDir = project(
        [
          `FROM ${BASE_IMAGE} AS build`,
          'RUN echo built-NONCE > /ok',
          'FROM build AS test',
          'RUN echo "running the suite"; echo "assertion failed: 1 != 2 (NONCE)" >&2; exit 7',
          `FROM ${BASE_IMAGE} AS runtime`,
          'COPY --from=build /ok /ok',
          '',
        ].join('\n'),
      );
      const cmdDir = project(
        [
          `FROM ${BASE_IMAGE} AS build`,
          'RUN echo built-cmd-NONCE > /ok',
          'FROM build AS test',
          'RUN test -f /ok',
          'CMD ["sh", "-c", "echo checking /ok; echo expected 3 got 4 >&2; exit 4"]',
          'FROM build AS runtime',
          '',
        ].join('\n'),
      );
      [failingRun, failingCmd] = await Promise.all([build(runDir), build(cmdDir)]);
    });

    it('fails the test on a RUN that exits non-zero, with that command and its output', () => {
      expect(failingRun.test.result).toBe('failed');
      expect(failingRun.test.failedStep).toEqual({
        kind: 'build',
        command: 'RUN echo "running the suite"; echo "assertion failed: 1 != 2 (NONCE)" >&2; exit 7'.replace(
          'NONCE',
          nonce,
        ),
        line: 4,
        exitCode: 7,
      });
      expect(failingRun.test.logTail).toEqual(
        expect.arrayContaining(['running the suite', `assertion failed: 1 != 2 (${nonce})`]),
      );
      const test = failingRun.builds.find((b) => b.stage === 'test');
      expect(test?.status).toBe('failed');
      expect(test?.errorTail?.join('\n')).toContain(`assertion failed: 1 != 2 (${nonce})`);
      // The other stages do not need the test stage: they still build.
      expect(failingRun.builds.filter((b) => b.stage !== 'test').map((b) => b.status)).toEqual([
        'built',
        'built',
      ]);
    });

    it('fails the test on a CMD that exits non-zero, after a clean build', () => {
      expect(failingCmd.builds.map((b) => b.status)).toEqual(['built', 'built', 'built']);
      expect(failingCmd.test.result).toBe('failed');
      expect(failingCmd.test.failedStep).toEqual({
        kind: 'run',
        command: 'CMD ["sh", "-c", "echo checking /ok; echo expected 3 got 4 >&2; exit 4"]',
        line: 5,
        exitCode: 4,
      });
      // stdout and stderr interleave in either order.
      expect([...(failingCmd.test.logTail ?? [])].sort()).toEqual(['checking /ok', 'expected 3 got 4']);
    });
  });

  it('starts every stage at once, a dependent one too, and BuildKit runs each shared step once', async () => {
    const dir = project(
      [
        `FROM ${BASE_IMAGE} AS left`,
        // Each execution prints a value of its own, so the printed values count executions.
        'RUN sleep 2 && echo "left-ran-NONCE-$(cat /proc/sys/kernel/random/uuid)" | tee /left',
        `FROM ${BASE_IMAGE} AS right`,
        'RUN sleep 2 && echo right-NONCE > /right',
        `FROM ${BASE_IMAGE} AS app`,
        'COPY --from=left /left /left',
        'COPY --from=right /right /right',
        '',
      ].join('\n'),
    );
    const out = await build(dir);
    const [left, right, app] = out.builds;
    expect([left.stage, right.stage, app.stage]).toEqual(['left', 'right', 'app']);
    expect(out.builds.map((b) => b.status)).toEqual(['built', 'built', 'built']);
    // Overlapping intervals: each started before the others finished, the stage that needs both too.
    expect(left.startedAt).toBeLessThan(right.finishedAt);
    expect(right.startedAt).toBeLessThan(left.finishedAt);
    expect(app.startedAt).toBeLessThan(Math.min(left.finishedAt, right.finishedAt));
    expect(left.cached || right.cached).toBe(false);
    // Both the left and the app build show left's step; it ran once, so they show the same value.
    expect(executionsOf(out.lines, `left-ran-${nonce}`)).toBe(1);
  });

  it('reports stages that need a stage that failed as skipped because of it, not with its error again', async () => {
    const dir = project(
      [
        `FROM ${BASE_IMAGE} AS build`,
        'RUN echo "compiling NONCE"; exit 3',
        'FROM build AS test',
        'RUN echo tested',
        `FROM ${BASE_IMAGE} AS docs`,
        'RUN echo docs-NONCE > /docs',
        `FROM ${BASE_IMAGE} AS app`,
        'COPY --from=build /etc/hostname /built',
        '',
      ].join('\n'),
    );
    const out = await build(dir, { target: 'app' });
    expect(out.builds.map((b) => [b.stage, b.status, b.reason])).toEqual([
      ['build', 'failed', undefined],
      ['test', 'skipped', "it needs stage 'build', which failed to build"],
      ['docs', 'built', undefined],
      ['app', 'skipped', "it needs stage 'build', which failed to build"],
    ]);
    expect(out.builds[0].errorTail?.join('\n')).toContain(`compiling ${nonce}`);
    expect(out.test.result).toBe('failed');
  });

  it('does not build the test stage twice when the target depends on it', async () => {
    const dir = project(
      [
        `FROM ${BASE_IMAGE} AS build`,
        'RUN echo app > /app',
        'FROM build AS test',
        // The output differs from the command text, so output lines count executions, not log headers.
        // A value of its own per execution: every build that shows the step shows the same one when it ran once.
        'RUN echo "TEST-RAN-$((40 + 2))-NONCE-$(cat /proc/sys/kernel/random/uuid)" > /tested && cat /tested',
        `FROM ${BASE_IMAGE} AS release`,
        'COPY --from=test /tested /tested',
        'COPY --from=build /app /app',
        '',
      ].join('\n'),
    );
    const out = await build(dir, { target: 'release' });
    expect(out.builds.map((b) => [b.stage, b.status])).toEqual([
      ['build', 'built'],
      ['test', 'built'],
      ['release', 'built'],
    ]);
    expect(out.test.result).toBe('passed');
    expect(executionsOf(out.lines, `TEST-RAN-42-${nonce}`)).toBe(1);
    expect(out.lines.some((l) => l.startsWith('[test] ') && l.includes(`TEST-RAN-42-${nonce}`))).toBe(true);
  });
});
