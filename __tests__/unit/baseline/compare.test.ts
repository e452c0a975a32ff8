import { describe, expect, it } from '@jest/globals';
import {
  baseReportKey,
  parseBaseReport,
  parseBaseReportLayers,
  serializeBaseReport,
} from '../../../src/baseline/base-report.js';
import type { LayerFacts } from '../../../src/image/layer-facts.js';
import { createScanStore } from '../../../src/image/scan-store.js';
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

function event(pr?: { baseSha?: string; baseRef?: string; headSha?: string }): EventContext {
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
    facts: { backend: 'buildkit', serverVersion: '20.10.24', imageStore: 'classic' },
    cwd: '/repo',
    ...over,
  };
}

const keyFor = (sha: string, i: Inputs = inputs()) =>
  baseReportKey({ sha, file: i.file, target: 'app', inputs: i, imageStore: 'classic' });

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

  it("hands the saved report's layer facts to the layer store, which the head's measurement reads", async () => {
    const facts: LayerFacts = {
      diffId: 'sha256:shared',
      size: 10,
      compressedSize: 4,
      compressedFrom: 'measured',
      tarBytes: 1536,
      files: { contentBytes: 10, entries: [{ path: '/a', size: 10, kind: 'file' }] },
    };
    const { cache } = fakeCache({
      [keyFor(BASE_SHA)]: serializeBaseReport(BASE_SHA, measurement(9), [facts]),
    });
    const { engine } = gitEngine({ [BASE_SHA]: BASE_SHA });
    const scans = createScanStore();
    const measured = measureBase(args({ engine, cache, scans, event: event({ baseSha: BASE_SHA }) }));
    // Asked before the report was read: the store waits for it.
    expect(await scans.layers.get('sha256:shared')).toEqual(facts);
    expect(await measured).toMatchObject({ status: 'compared', source: 'cache' });
  });

  it('releases the layer store when there is no base report to wait for', async () => {
    const scans = createScanStore();
    await measureBase(args({ scans, inputs: inputs({ compare: 'false' }) }));
    expect(await scans.layers.get('sha256:any')).toBeUndefined();
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

  it("compares with the first parent of GitHub's merge commit, not the event's older base", async () => {
    const TIP = 'd'.repeat(40);
    const PR_HEAD = 'e'.repeat(40);
    const { cache } = fakeCache({ [keyFor(TIP)]: serializeBaseReport(TIP, measurement(42)) });
    const fake = fakeEngine({
      git: (args) => {
        if (args[0] === 'rev-parse' && args[1] === '--show-toplevel') return ok('/repo\n');
        if (args[0] === 'rev-list') return ok(`${'f'.repeat(40)} ${TIP} ${PR_HEAD}\n`);
        if (args[0] === 'show') return failed('');
        if (args[0] === 'rev-parse')
          return args[args.length - 1] === `${TIP}^{commit}` ? ok(`${TIP}\n`) : failed('');
        return undefined;
      },
    });
    const r = await measureBase(
      args({
        engine: fake.engine,
        cache,
        event: event({ baseSha: BASE_SHA, baseRef: 'main', headSha: PR_HEAD }),
      }),
    );
    expect(r).toMatchObject({ status: 'compared', sha: TIP, source: 'cache', image: { size: 42 } });
  });

  it('keeps the event base when HEAD is the PR head itself (not a merge)', async () => {
    const { cache } = fakeCache({ [keyFor(BASE_SHA)]: serializeBaseReport(BASE_SHA, measurement(7)) });
    const fake = fakeEngine({
      git: (args) => {
        if (args[0] === 'rev-parse' && args[1] === '--show-toplevel') return ok('/repo\n');
        if (args[0] === 'rev-list') return ok(`${'e'.repeat(40)} ${'a'.repeat(40)}\n`);
        if (args[0] === 'show') return failed('');
        if (args[0] === 'rev-parse') return ok(`${BASE_SHA}\n`);
        return undefined;
      },
    });
    const pr = { baseSha: BASE_SHA, baseRef: 'main', headSha: 'e'.repeat(40) };
    const r = await measureBase(args({ engine: fake.engine, cache, event: event(pr) }));
    expect(r).toMatchObject({ status: 'compared', sha: BASE_SHA });
  });

  it('ignores a saved report written for another commit or version', async () => {
    expect(parseBaseReport(serializeBaseReport(OTHER_SHA, measurement(1)), BASE_SHA)).toBeUndefined();
    expect(parseBaseReport('{"version":99}', BASE_SHA)).toBeUndefined();
    expect(parseBaseReport('not json', BASE_SHA)).toBeUndefined();
  });
});

describe('saveBaseReports', () => {
  const save = (over: Partial<Omit<BaseReportsToSave, 'imageStore'>>) => {
    const { cache, puts } = fakeCache();
    const request: BaseReportsToSave = {
      cache,
      log,
      inputs: inputs(),
      event: event(),
      target: 'app',
      imageStore: 'classic',
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

  it("keeps the layer facts of the saved image's layers in its report, for pull requests on hosted runners", async () => {
    const scans = createScanStore();
    const facts: LayerFacts = { diffId: 'sha256:l1', size: 5, compressedSize: 3, compressedFrom: 'registry' };
    await scans.layers.put([facts, { ...facts, diffId: 'sha256:other' }]);
    const head = {
      ...measurement(5),
      layers: [{ diffId: 'sha256:l1', size: 5, compressedSize: 3, createdBy: '' }],
    };
    const { puts, saved } = save({ head, layers: scans.layers });
    await saved;
    expect(parseBaseReportLayers(puts[keyFor(HEAD_SHA)], HEAD_SHA)).toEqual([facts]);
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
  const keyOf = (over: Partial<Parameters<typeof baseReportKey>[0]> = {}) =>
    baseReportKey({
      sha: BASE_SHA,
      file: 'Dockerfile',
      target: 'app',
      inputs: inputs({ 'build-args': 'TOKEN=s3cret' }),
      imageStore: 'classic',
      ...over,
    });

  it('changes with the commit, Dockerfile, target, build options and image store, and hides build-arg values', () => {
    const key = keyOf();
    expect(key).toMatch(new RegExp(`^stagegate-base-v1-${BASE_SHA}-[0-9a-f]{20}$`));
    expect(key).not.toContain('s3cret');
    const variants = [
      keyOf({ sha: OTHER_SHA }),
      keyOf({ file: 'other/Dockerfile' }),
      keyOf({ target: 'test' }),
      keyOf({ inputs: inputs({ 'build-args': 'TOKEN=other' }) }),
      // Sizes on disk are read differently under the containerd store: never compare across stores.
      keyOf({ imageStore: 'containerd' }),
    ];
    expect(new Set([key, ...variants]).size).toBe(6);
    expect(keyOf()).toBe(key);
  });

  it("does not change with the builder's name (setup-buildx-action makes a new one every run)", () => {
    expect(keyOf({ inputs: inputs({ 'build-args': 'TOKEN=s3cret', builder: 'builder-4f1c' }) })).toBe(
      keyOf(),
    );
  });
});

describe('baseReportKey and the build inputs', () => {
  const keyOf = (values: Record<string, string>) =>
    baseReportKey({
      sha: BASE_SHA,
      file: 'Dockerfile',
      target: 'app',
      inputs: inputs(values),
      imageStore: 'classic',
    });

  it('changes with platforms and named contexts (they change the image), not with secrets or cache flags', () => {
    const plain = keyOf({});
    expect(keyOf({ platforms: 'linux/arm64' })).not.toBe(plain);
    expect(keyOf({ 'build-contexts': 'shared=../shared' })).not.toBe(plain);
    expect(keyOf({ secrets: 'npm=s3cr3t-value' })).toBe(plain);
    expect(keyOf({ 'no-cache': 'true', pull: 'true' })).toBe(plain);
    expect(keyOf({ secrets: 'npm=s3cr3t-value' })).not.toContain('s3cr3t');
  });
});
