import { describe, expect, it } from '@jest/globals';
import { baseReportKey, parseBaseReport, serializeBaseReport } from '../../../src/baseline/base-report.js';
import { measureBase, type BaselineArgs } from '../../../src/baseline/compare.js';
import type { Log } from '../../../src/build/execute.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { readInputs, type Inputs } from '../../../src/inputs.js';
import type { ImageMeasurement } from '../../../src/report/model.js';
import type { TextCache } from '../../../src/seams/cache.js';
import type { Engine, RunResult, Tool } from '../../../src/seams/engine.js';
import type { EventContext } from '../../../src/seams/runner.js';

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

const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '', tail: [] });
const fail = (stderr: string): RunResult => ({ exitCode: 128, stdout: '', stderr, tail: [stderr] });

/** git answers from a table of known revisions; anything else is recorded and fails. */
function fakeEngine(revisions: Record<string, string>, fetch: RunResult = fail('fatal: no such remote')) {
  const calls: Array<[Tool, string[]]> = [];
  const engine: Engine = {
    async run(tool, args) {
      calls.push([tool, args]);
      if (tool === 'git' && args[0] === 'rev-parse' && args[1] === '--show-toplevel') return ok('/repo\n');
      if (tool === 'git' && args[0] === 'rev-parse') {
        const rev = args[args.length - 1].replace(/\^\{commit\}$/, '');
        return revisions[rev] ? ok(revisions[rev] + '\n') : fail('');
      }
      if (tool === 'git' && args[0] === 'fetch') return fetch;
      return fail(`unexpected ${tool} ${args.join(' ')}`);
    },
    stream() {
      throw new Error('no docker save expected');
    },
  };
  return { engine, calls };
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

const log: Log = {
  debug: () => undefined,
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  group: (_n, fn) => fn(),
};

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
  return {
    engine: fakeEngine({}).engine,
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
    const r = await measureBase(args({ inputs: inputs({ compare: 'false' }), cache, head: measurement(1) }));
    expect(r).toEqual({ status: 'disabled', message: 'compare is false' });
    expect(puts).toEqual({});
  });

  it('on a push, compares nothing but saves this commit as a base report for later pull requests', async () => {
    const { cache, puts } = fakeCache();
    const { engine, calls } = fakeEngine({});
    const r = await measureBase(args({ engine, cache, head: measurement(1234) }));
    expect(r.status).toBe('disabled');
    expect(r.message).toMatch(/saved for pull requests/);
    expect(Object.keys(puts)).toEqual([keyFor(HEAD_SHA)]);
    expect(parseBaseReport(puts[keyFor(HEAD_SHA)], HEAD_SHA)?.size).toBe(1234);
    expect(calls).toEqual([]);
  });

  it('uses the saved base report of the base commit without building', async () => {
    const { cache } = fakeCache({ [keyFor(BASE_SHA)]: serializeBaseReport(BASE_SHA, measurement(999)) });
    const { engine, calls } = fakeEngine({ [BASE_SHA]: BASE_SHA });
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

  it('prefers the base-ref input over the pull request base, resolving branch names', async () => {
    const { cache } = fakeCache({ [keyFor(OTHER_SHA)]: serializeBaseReport(OTHER_SHA, measurement(5)) });
    const { engine } = fakeEngine({ 'origin/release': OTHER_SHA });
    const r = await measureBase(
      args({ engine, cache, inputs: inputs({ 'base-ref': 'release' }), event: event({ baseSha: BASE_SHA }) }),
    );
    expect(r).toMatchObject({ status: 'compared', sha: OTHER_SHA, ref: 'release' });
  });

  it('fetches a base commit the shallow checkout lacks, and says what to do when that fails', async () => {
    const { cache } = fakeCache();
    const { engine, calls } = fakeEngine({});
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
