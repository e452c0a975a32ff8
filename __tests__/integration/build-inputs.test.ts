/**
 * The build inputs on the real engine (the BuildKit fallback, docker build 20.10): a secret file and
 * an SSH agent reach `RUN --mount`, one platform and `no-cache` are honoured, and named build
 * contexts, which docker build lacks, are warned about. Steps carry a nonce so they really run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { executePlan } from '../../src/build/execute.js';
import { planBuilds } from '../../src/build/plan.js';
import { loadDockerfile } from '../../src/dockerfile/load.js';
import { INPUT_DEFAULTS, readInputs } from '../../src/inputs.js';
import { describeWithEngine, docker, realDocker } from '../helpers/engine.js';
import { fakeRunner } from '../helpers/fake-runner.js';

const nonce = `${process.pid}-${Date.now()}`;

const DOCKERFILE = [
  'FROM stagegate/busybox:1 AS build',
  `RUN --mount=type=secret,id=netrc test "$(cat /run/secrets/netrc)" = "machine-${nonce}"`,
  `RUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo "ssh ok ${nonce}"`,
  '',
  'FROM build AS runtime',
  'CMD ["true"]',
  '',
].join('\n');

describeWithEngine('build inputs on the real engine (BuildKit fallback)', () => {
  let dir: string;
  let agent: ChildProcess | undefined;
  const madeImages = new Set<string>();
  const previousSock = process.env.SSH_AUTH_SOCK;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stagegate-build-inputs-'));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(dir, 'netrc'), `machine-${nonce}`);
    // An agent of our own (no keys needed: the step checks that the socket is mounted).
    const sock = join(dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    process.env.SSH_AUTH_SOCK = sock;
  });

  afterAll(() => {
    if (agent?.pid) process.kill(agent.pid);
    if (previousSock === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = previousSock;
    for (const id of madeImages) docker(['image', 'rm', '-f', id]);
    rmSync(dir, { recursive: true, force: true });
  });

  const build = async (extra: Record<string, string>) => {
    const values: Record<string, string> = {
      ...INPUT_DEFAULTS,
      context: dir,
      file: join(dir, 'Dockerfile'),
      'test-stage': '',
      'secret-files': `netrc=${join(dir, 'netrc')}`,
      ssh: 'default',
      ...extra,
    };
    const inputs = readInputs((name) => values[name] ?? '');
    const model = loadDockerfile(inputs.file, 'Dockerfile', inputs['build-args']);
    const runner = fakeRunner();
    const outcome = await executePlan(realDocker(), runner, planBuilds(model, inputs), model, inputs);
    for (const b of outcome.builds) if (b.imageId) madeImages.add(b.imageId);
    return { outcome, warnings: runner.warnings };
  };

  it('mounts a secret file and the SSH agent, builds for the one platform, and warns that named contexts need buildx', async () => {
    const { outcome, warnings } = await build({
      platforms: 'linux/amd64',
      'build-contexts': 'shared=../shared',
    });
    expect(outcome.builds.map((b) => [b.stage, b.status, b.errorTail])).toEqual([
      ['build', 'built', undefined],
      ['runtime', 'built', undefined],
    ]);
    expect(warnings).toEqual([
      expect.stringContaining("Input 'build-contexts' entry 'shared' needs docker buildx"),
    ]);
  }, 300_000);

  it('without the secret the same Dockerfile fails (the build above really used it)', async () => {
    // BuildKit's cache key leaves secrets out: only a build that runs the step again shows it.
    const { outcome } = await build({ 'secret-files': '', 'no-cache': 'true' });
    expect(outcome.builds[0].status).toBe('failed');
    expect(outcome.builds[0].errorTail?.join('\n')).toContain("can't open '/run/secrets/netrc'");
  }, 300_000);

  it('no-cache: a build the cache could answer runs its steps again', async () => {
    const cached = await build({});
    expect(cached.outcome.builds.every((b) => b.cached)).toBe(true);
    const fresh = await build({ 'no-cache': 'true' });
    expect(fresh.outcome.builds.map((b) => [b.status, b.cached])).toEqual([
      ['built', false],
      ['built', false],
    ]);
  }, 300_000);
});
