import { describe, expect, it } from '@jest/globals';
import { baseReportKey, parseBaseReport, serializeBaseReport } from '../../../src/baseline/base-report.js';
import { measureBase, type BaselineArgs } from '../../../src/baseline/compare.js';
import { saveBaseReports, type BaseReportsToSave } from '../../../src/baseline/save.js';
import { fakeEngine, ok, type Answer } from '../../helpers/fake-engine.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { readInputs, type Inputs } from '../../../src/inputs.js';
import type { ImageMeasurement } from '../../../src/model.js';
import type { TextCache } from '../../../src/seams/cache.js';
import type { EventContext } from '../../../src/seams/runner.js';
import { fakeRunner } from '../../helpers/fake-runner.js';

const BASE_SHA = 'b'.repeat(40);
const HEAD_SHA = 'h'.repeat(40);
const OTHER_SHA = 'c'.repeat(40);

const model = parseDockerfile('FROM stagegate/busybox:1 AS app\nRUN echo hi\n', 'Dockerfile');
const plan = { target: 0, stages: [0] };
const measurement = (size: number): ImageMeasurement => ({
  imageId: `sha256:${size}`,
  size,
  compressedSize: size,
  layers: [],
});

const failed = (stderr: string) => ({ exitCode: 128, lines: stderr ? [stderr] : [] });

/** The shared fake engine: git answers from a table of known revisions; anything else fails the test. */
function gitEngine(
  revisions: Record<string, string>,
  fetch: Answer = failed('fatal: no such remote'),
  files: Record<string, string> = {},
) {
  return fakeEngine({
    git: (args) => {
      if (args[0] === 'show')
        return args[1] in files ? ok(files[args[1]]) : failed(`fatal: path '${args[1]}' does not exist`);
      if (args[0] === 'rev-parse' && args[1] === '--show-toplevel') return ok('/repo\n');
      if (args[0] === 'rev-parse') {
        const rev = args[args.length - 1].replace(/\^\{commit\}$/, '');
        return revisions[rev] ? ok(revisions[rev] + '\n') : failed('');
      }
      if (args[0] === 'fetch') return fetch;
      return undefined;
    },
  });
}

function fakeCache(entries: Record<string, string> = {}) {
  const puts: Record<string, string> = {};
  const cache: TextCache = {
    available: () => true,
    get: async (key) => entries[key],
    put: async (key, text) => {
      puts[key] = text;
      return true;
    },
  };
  return { cache, puts };
}

const log = fakeRunner();

function inputs(values: Record<string, string> = {}): Inputs {
  return readInputs((name) => values[name] ?? '');
}

function event(pr?: { baseSha?: string; baseRef?: string }): EventContext {
  return {
    eventName: pr ? 'pull_request' : 'push',
    sha: HEAD_SHA,
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    workspace: '/repo',
    pullRequest: pr ? { number: 7, fromFork: false, ...pr } : undefined,
  };
}

function args(over: Partial<BaselineArgs>): BaselineArgs {
  const fake = gitEngine({});
  return {
    engine: fake.engine,
    docker: fake.docker,
    log,
    inputs: inputs(),
    event: event(),
    model,
    plan,
    backend: 'buildkit',
    cwd: '/repo',
    ...over,
  };
}

const keyFor = (sha: string, i: Inputs = inputs()) =>
  baseReportKey({ sha, file: i.file, target: 'app', inputs: i });

describe('measureBase', () => {
  it('does nothing when compare is false', async () => {
    const { cache, puts } = fakeCache();
    const r = await measureBase(args({ inputs: inputs({ compare: 'false' }), cache }));
    expect(r).toEqual({ status: 'disabled', message: 'compare is false' });
    expect(puts).toEqual({});
  });

  it('on a push, compares nothing, runs nothing and writes nothing (publish saves this commit)', async () => {
    const { cache, puts } = fakeCache();
    const { engine, calls } = gitEngine({});
    const r = await measureBase(args({ engine, cache }));
    expect(r).toEqual({
      status: 'disabled',
      message: 'Not a pull request and no base-ref: nothing to compare with.',
    });
    expect(puts).toEqual({});
    expect(calls).toEqual([]);
  });

  it('uses the saved base report of the base commit without building', async () => {
    const { cache } = fakeCache({ [keyFor(BASE_SHA)]: serializeBaseReport(BASE_SHA, measurement(999)) });
    const { engine, calls } = gitEngine({ [BASE_SHA]: BASE_SHA });
    const r = await measureBase(
      args({ engine, cache, event: event({ baseSha: BASE_SHA, baseRef: 'main' }) }),
    );
    expect(r).toMatchObject({
      status: 'compared',
      source: 'cache',
      sha: BASE_SHA,
      ref: 'main',
      image: { size: 999 },
    });
    expect(calls.some(([, a]) => a[0] === 'worktree')).toBe(false);
  });

  it("a base-ref git cannot resolve is the user's input error, with git's own message and the fix", async () => {
    const { engine } = gitEngine({}, failed("fatal: couldn't find remote ref mian"));
    const r = measureBase(
      args({ engine, inputs: inputs({ 'base-ref': 'mian' }), event: event({ baseSha: BASE_SHA }) }),
    );
    await expect(r).rejects.toMatchObject({
      step: 'inputs',
      message: expect.stringMatching(
        /^Input 'base-ref' is 'mian', which git cannot resolve.*couldn't find remote ref mian.*fetch-depth: 0/s,
      ),
    });
  });

  it("the pull request's own base sha that cannot be fetched is the base's problem, not an input error", async () => {
    const { engine } = gitEngine({}, failed('fatal: unable to access origin'));
    const r = await measureBase(args({ engine, event: event({ baseSha: BASE_SHA, baseRef: 'main' }) }));
    expect(r).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('unable to access origin'),
    });
  });

  it("reads the base commit's stage names from its Dockerfile (for the test gate), cached report or not", async () => {
    const { cache } = fakeCache({ [keyFor(BASE_SHA)]: serializeBaseReport(BASE_SHA, measurement(9)) });
    const baseFile = 'FROM stagegate/busybox:1 AS app\nFROM app AS Test\nRUN true\n';
    const { engine } = gitEngine({ [BASE_SHA]: BASE_SHA }, undefined, {
      [`${BASE_SHA}:Dockerfile`]: baseFile,
    });
    const r = await measureBase(
      args({ engine, cache, event: event({ baseSha: BASE_SHA, baseRef: 'main' }) }),
    );
    expect(r).toMatchObject({ status: 'compared', source: 'cache', stages: ['app', 'Test'] });
  });

  it('prefers the base-ref input over the pull request base, resolving branch names', async () => {
    const { cache } = fakeCache({ [keyFor(OTHER_SHA)]: serializeBaseReport(OTHER_SHA, measurement(5)) });
    const { engine } = gitEngine({ 'origin/release': OTHER_SHA });
    const r = await measureBase(
      args({ engine, cache, inputs: inputs({ 'base-ref': 'release' }), event: event({ baseSha: BASE_SHA }) }),
    );
    expect(r).toMatchObject({ status: 'compared', sha: OTHER_SHA, ref: 'release' });
  });

  it('fetches a base commit the shallow checkout lacks, and says what to do when that fails', async () => {
    const { cache } = fakeCache();
    const { engine, calls } = gitEngine({});
    const r = await measureBase(args({ engine, cache, event: event({ baseSha: BASE_SHA }) }));
    expect(calls).toContainEqual(['git', ['fetch', '--no-tags', '--depth=1', 'origin', BASE_SHA]]);
    expect(r.status).toBe('failed');
    expect(r.message).toContain(`git fetch --depth=1 origin ${BASE_SHA}' failed`);
    expect(r.message).toContain('fetch-depth: 0');
  });

  it('ignores a saved report written for another commit or version', async () => {
    expect(parseBaseReport(serializeBaseReport(OTHER_SHA, measurement(1)), BASE_SHA)).toBeUndefined();
    expect(parseBaseReport('{"version":99}', BASE_SHA)).toBeUndefined();
    expect(parseBaseReport('not json', BASE_SHA)).toBeUndefined();
  });
});

describe('saveBaseReports', () => {
  const save = (over: Partial<BaseReportsToSave>) => {
    const { cache, puts } = fakeCache();
    const request: BaseReportsToSave = {
      cache,
      log,
      inputs: inputs(),
      event: event(),
      target: 'app',
      ...over,
    };
    return { puts, saved: saveBaseReports(request) };
  };

  it('on a push, saves this commit as a base report for later pull requests', async () => {
    const { puts, saved } = save({ head: measurement(1234) });
    expect(await saved).toEqual({ own: true, base: false });
    expect(Object.keys(puts)).toEqual([keyFor(HEAD_SHA)]);
    expect(parseBaseReport(puts[keyFor(HEAD_SHA)], HEAD_SHA)?.size).toBe(1234);
  });

  it("on a pull request, saves the base it built (later pushes reuse it), never the PR's own image", async () => {
    const base = {
      status: 'compared' as const,
      sha: BASE_SHA,
      source: 'built' as const,
      image: measurement(77),
    };
    const { puts, saved } = save({ event: event({ baseSha: BASE_SHA }), head: measurement(1), base });
    expect(await saved).toEqual({ own: false, base: true });
    expect(Object.keys(puts)).toEqual([keyFor(BASE_SHA)]);
    expect(parseBaseReport(puts[keyFor(BASE_SHA)], BASE_SHA)?.size).toBe(77);
  });

  it('does not save again a base that came from the cache', async () => {
    const base = {
      status: 'compared' as const,
      sha: BASE_SHA,
      source: 'cache' as const,
      image: measurement(77),
    };
    const { puts, saved } = save({ event: event({ baseSha: BASE_SHA }), base });
    expect(await saved).toEqual({ own: false, base: false });
    expect(puts).toEqual({});
  });
});

describe('baseReportKey', () => {
  it('changes with the commit, Dockerfile, target and build options, and hides build-arg values', () => {
    const i = inputs({ 'build-args': 'TOKEN=s3cret' });
    const key = baseReportKey({ sha: BASE_SHA, file: 'Dockerfile', target: 'app', inputs: i });
    expect(key).toMatch(new RegExp(`^stagegate-base-v1-${BASE_SHA}-[0-9a-f]{20}$`));
    expect(key).not.toContain('s3cret');
    const variants = [
      baseReportKey({ sha: OTHER_SHA, file: 'Dockerfile', target: 'app', inputs: i }),
      baseReportKey({ sha: BASE_SHA, file: 'other/Dockerfile', target: 'app', inputs: i }),
      baseReportKey({ sha: BASE_SHA, file: 'Dockerfile', target: 'test', inputs: i }),
      baseReportKey({
        sha: BASE_SHA,
        file: 'Dockerfile',
        target: 'app',
        inputs: inputs({ 'build-args': 'TOKEN=other' }),
      }),
      baseReportKey({
        sha: BASE_SHA,
        file: 'Dockerfile',
        target: 'app',
        inputs: inputs({ 'build-args': 'TOKEN=s3cret', builder: 'b' }),
      }),
    ];
    expect(new Set([key, ...variants]).size).toBe(6);
    expect(
      baseReportKey({
        sha: BASE_SHA,
        file: 'Dockerfile',
        target: 'app',
        inputs: inputs({ 'build-args': 'TOKEN=s3cret' }),
      }),
    ).toBe(key);
  });
});
