/**
 * The base comparison on the real engine and real git: a temp repository with three commits (no
 * Dockerfile; a Dockerfile; the same plus a RUN that writes exactly 3 MiB of random bytes). The head
 * is built from the working tree, the base through measureBase's worktree, and computeDelta must
 * say +3,145,728 bytes exactly. A shallow clone (one commit deep) must fetch the base and agree.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureBase, type BaselineArgs } from '../../src/baseline/compare.js';
import { saveBaseReports } from '../../src/baseline/save.js';
import { buildImage } from '../../src/build/build-image.js';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { computeDelta } from '../../src/image/delta.js';
import { measureImage } from '../../src/image/measure.js';
import { INPUT_DEFAULTS, readInputs } from '../../src/inputs.js';
import type { ImageMeasurement } from '../../src/model.js';
import type { TextCache } from '../../src/seams/cache.js';
import { createEngine } from '../../src/seams/engine.js';
import type { EventContext } from '../../src/seams/runner.js';
import { BASE_IMAGE, DOCKER, describeWithEngine, realDocker } from '../helpers/engine.js';
import { fakeRunner } from '../helpers/fake-runner.js';

const nonce = `${process.pid}-${Date.now()}`;
const baseDockerfile = `FROM ${BASE_IMAGE} AS app\nRUN echo ${nonce} > /nonce\nUSER app\n`;
const headDockerfile = `FROM ${BASE_IMAGE} AS app\nRUN echo ${nonce} > /nonce\nRUN dd if=/dev/urandom of=/blob bs=1048576 count=3\nUSER app\n`;
const madeImages = new Set<string>();

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const log = fakeRunner();
const inputs = readInputs((name) => INPUT_DEFAULTS[name] ?? '');
const model = parseDockerfile(headDockerfile, 'Dockerfile');
const plan = { target: 0, stages: [0] };

function prEvent(baseSha: string, workspace: string): EventContext {
  return {
    eventName: 'pull_request',
    sha: 'f'.repeat(40),
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    workspace,
    pullRequest: { number: 1, baseSha, baseRef: 'main', fromFork: false },
  };
}

/** A cache with nothing in it that records what is saved. */
function emptyCache(): TextCache & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    available: () => true,
    get: async () => undefined,
    put: async (key) => (saved.push(key), true),
  };
}

function baseline(cwd: string, baseSha: string, cache = emptyCache()): BaselineArgs {
  return {
    engine: createEngine(),
    docker: realDocker(),
    log,
    inputs,
    event: prEvent(baseSha, cwd),
    model,
    plan,
    facts: { backend: 'buildkit', serverVersion: '20.10.24', imageStore: 'classic' },
    cwd,
    cache,
  };
}

describeWithEngine('measureBase + measureImage + computeDelta on the real engine', () => {
  let repo: string;
  let noDockerfileSha: string;
  let baseSha: string;
  let head: ImageMeasurement;

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'stagegate-baseline-'));
    git(repo, 'init', '-q', '-b', 'main');
    // Lets a one-commit-deep clone fetch the base by sha, as GitHub allows.
    git(repo, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'no dockerfile yet');
    noDockerfileSha = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(join(repo, 'Dockerfile'), baseDockerfile);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    baseSha = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(join(repo, 'Dockerfile'), headDockerfile);
    git(repo, 'commit', '-q', '-am', 'head: add 3 MiB');

    const built = await buildImage(realDocker(), {
      backend: 'buildkit',
      context: '.',
      file: 'Dockerfile',
      target: 'app',
      buildArgs: [],
      cacheFrom: [],
      cacheTo: [],
      load: true,
      cwd: repo,
    });
    expect(built.ok).toBe(true);
    madeImages.add(built.imageId ?? '');
    head = await measureImage(realDocker(), built.imageId ?? '', model, 0);
  });

  afterAll(() => {
    for (const id of madeImages) if (id) spawnSync(DOCKER, ['image', 'rm', '-f', id]);
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('reports a size delta of exactly 3,145,728 bytes for a PR that adds 3 MiB, and which layer it is', async () => {
    const cache = emptyCache();
    const base = await measureBase(baseline(repo, baseSha, cache));
    if (base.image) madeImages.add(base.image.imageId);
    expect(base).toMatchObject({ status: 'compared', source: 'built', sha: baseSha, ref: 'main' });
    const delta = computeDelta(head, base.image as ImageMeasurement);
    expect(delta.size).toBe(3_145_728);
    expect(delta.unchanged).toBe(false);
    expect(delta.baseImageChanged).toBe(false);
    // Random bytes do not compress: the compressed figure grows by about as much.
    expect(delta.compressedSize).toBeGreaterThan(3_145_728);
    expect(delta.compressedSize).toBeLessThan(3_145_728 * 1.01);
    const changed = delta.layers.filter((l) => l.change !== 'unchanged');
    expect(changed).toEqual([
      expect.objectContaining({
        change: 'added',
        delta: 3_145_728,
        instruction: expect.objectContaining({ line: 3 }),
      }),
    ]);
    // Measuring the base only reads saved reports; publishing saves it for this PR's later runs.
    expect(cache.saved).toHaveLength(0);
    const args = baseline(repo, baseSha, cache);
    const saved = await saveBaseReports({ ...args, cache, target: 'app', imageStore: 'classic', head, base });
    expect(saved).toEqual({ own: false, base: true });
    expect(cache.saved).toHaveLength(1);
    // The worktree is gone.
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it("says 'new-image' when the base commit has no Dockerfile, without failing", async () => {
    const base = await measureBase(baseline(repo, noDockerfileSha));
    expect(base.status).toBe('new-image');
    expect(base.image).toBeUndefined();
    expect(base.message).toMatch(/has no (\.\/)?Dockerfile/);
  });

  it("says 'new-image' when the base commit's Dockerfile lacks the target stage", async () => {
    const other = parseDockerfile(`FROM ${BASE_IMAGE} AS server\n`, 'Dockerfile');
    const base = await measureBase({ ...baseline(repo, baseSha), model: other });
    expect(base.status).toBe('new-image');
    expect(base.message).toContain("no stage 'server'");
  });

  it('compares from a shallow clone by fetching the base commit', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'stagegate-shallow-'));
    try {
      const clone = join(parent, 'clone');
      git(parent, 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
      expect(spawnSync('git', ['cat-file', '-e', `${baseSha}^{commit}`], { cwd: clone }).status).not.toBe(0);
      const base = await measureBase(baseline(clone, baseSha));
      if (base.image) madeImages.add(base.image.imageId);
      expect(base.status).toBe('compared');
      expect(computeDelta(head, base.image as ImageMeasurement).size).toBe(3_145_728);
      expect(readdirSync(parent)).toEqual(['clone']);
      expect(git(clone, 'worktree', 'list').split('\n')).toHaveLength(1);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
