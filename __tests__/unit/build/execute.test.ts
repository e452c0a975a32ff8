import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildImage, removeExport, type ImageBuildRequest } from '../../../src/build/build-image.js';
import { executePlan } from '../../../src/build/execute.js';
import { planBuilds } from '../../../src/build/plan.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { UserError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, readInputs, type Inputs } from '../../../src/inputs.js';
import { DAEMON_DOWN, fail, fakeEngine, INFO_JSON, ok } from '../../helpers/fake-engine.js';
import { fakeRunner, infoMessages } from '../../helpers/fake-runner.js';

interface FakeEngineOptions {
  info?: number;
  /** The containerd image store (docker info's DriverStatus), and the default builder's driver. */
  containerd?: boolean;
  driver?: string;
  /** docker info's Architecture (e.g. aarch64), for the engine's platform. */
  arch?: string;
  buildx?: number;
  /** Per target: plain-progress lines to print and the exit code. */
  builds?: Record<string, { lines: string[]; exitCode: number }>;
  run?: { lines: string[]; exitCode: number };
  /** `docker load` of a build's export: its failure line, when it fails. */
  loadFails?: string;
}

/** The shared fake engine, answering docker info/buildx version/build/run the way the options say. */
function engineFor(o: FakeEngineOptions) {
  const fake = fakeEngine({
    docker: (args) => {
      if (args[0] === 'info') {
        if (o.info) return fail(DAEMON_DOWN, o.info);
        if (o.containerd)
          return ok(
            JSON.stringify({
              ServerVersion: '29.0.1',
              Driver: 'overlayfs',
              DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']],
            }),
          );
        return ok(
          o.arch
            ? JSON.stringify({ ServerVersion: '29.0.1', OSType: 'linux', Architecture: o.arch })
            : INFO_JSON,
        );
      }
      if (args[0] === 'buildx' && args[1] === 'version')
        return (o.buildx ?? 1) === 0 ? ok('github.com/docker/buildx v0.30.1 abc\n') : fail('', 1);
      if (args[0] === 'buildx' && args[1] === 'inspect' && args.length === 2 && o.driver)
        return ok(`Name:          default\nDriver:        ${o.driver}\n\nNodes:\nName: default\n`);
      if (args[0] === 'buildx' && args[1] === 'inspect')
        return args[3] === 'k8s' ? ok() : fail(`ERROR: no builder "${args[3]}" found`);
      if (args.includes('build')) {
        const target = args.find((a) => a.startsWith('--target='))?.slice('--target='.length) ?? '';
        const spec = o.builds?.[target] ?? {
          lines: [`#5 [${target} 2/2] RUN true`, '#5 DONE 0.1s'],
          exitCode: 0,
        };
        const iid = args.find((a) => a.startsWith('--iidfile='))?.slice('--iidfile='.length);
        if (iid && spec.exitCode === 0) writeFileSync(iid, `sha256:${target.padEnd(64, '0')}`);
        const dest = /^--output=type=docker,dest=(.+)$/.exec(
          args.find((a) => a.startsWith('--output=type=docker,')) ?? '',
        );
        if (dest?.[1] && spec.exitCode === 0) writeFileSync(dest[1], `the ${target} image's archive`);
        return { exitCode: spec.exitCode, lines: spec.lines };
      }
      if (args[0] === 'load') return o.loadFails ? fail(o.loadFails) : ok('Loaded image ID: sha256:x\n');
      if (args[0] === 'run') return { exitCode: o.run?.exitCode ?? 0, lines: o.run?.lines ?? [] };
      return undefined;
    },
  });
  return { docker: fake.docker, calls: fake.dockerCalls(), fake };
}

const inputs = (values: Record<string, string> = {}): Inputs => {
  const all: Record<string, string> = { ...INPUT_DEFAULTS, ...values };
  return readInputs((n) => all[n] ?? '');
};

const TEXT = [
  'FROM busybox AS build',
  'RUN make',
  'FROM build AS test',
  'RUN make test',
  'FROM busybox AS docs',
  'FROM busybox AS app',
  'COPY --from=build /out /out',
  '',
].join('\n');
const model = parseDockerfile(TEXT, 'Dockerfile');

async function execute(o: FakeEngineOptions, values: Record<string, string> = {}, text = TEXT) {
  const m = text === TEXT ? model : parseDockerfile(text, 'Dockerfile');
  const i = inputs(values);
  const { docker, fake } = engineFor(o);
  const runner = fakeRunner();
  const outcome = await executePlan(docker, runner, planBuilds(m, i), m, i);
  const lines = [...runner.debugs, ...infoMessages(runner)];
  return { outcome, calls: fake.dockerCalls(), lines, warnings: runner.warnings, notices: runner.notices };
}

describe('executePlan', () => {
  it('says how to get an engine when docker info fails', async () => {
    const err = await execute({ info: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).step).toBe('engine');
    expect((err as UserError).message).toContain('Cannot connect to the Docker daemon');
    expect((err as UserError).message).toContain('Start the Docker daemon');
    expect((err as UserError).message).toContain('docker/setup-buildx-action');
  });

  it('explains once, with the fixes, a docker CLI that refuses BuildKit without buildx', async () => {
    const refusal = {
      lines: [
        'ERROR: BuildKit is enabled but the buildx component is missing or broken.',
        '       Install the buildx component to build images with BuildKit:',
      ],
      exitCode: 1,
    };
    const err = await execute({ builds: { build: refusal, docs: refusal } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).step).toBe('build');
    expect((err as UserError).message).toMatch(
      /docker\/setup-buildx-action.*docker-buildx-plugin.*STAGEGATE_DOCKER/,
    );
  });

  it('uses buildx when it answers, loading only the images later steps use', async () => {
    const { outcome, calls, notices } = await execute({ buildx: 0 });
    expect(outcome.engine.backend).toBe('buildx');
    expect(notices).toEqual([]);
    const builds = calls.filter((c) => c[0] === 'buildx' && c[1] === 'build');
    const loaded = builds
      .filter((c) => c.includes('--load'))
      .map((c) => c.find((a) => a.startsWith('--target=')));
    expect(loaded).toEqual(['--target=app']); // the test stage sets no CMD: nothing runs it
    expect(builds).toHaveLength(4);
    expect(outcome.targetImage).toBe(`sha256:${'app'.padEnd(64, '0')}`);
    expect(outcome.test).toEqual({ stage: 'test', result: 'passed' });
  });

  it.each<[string, FakeEngineOptions, string[], 'load' | 'file']>([
    [
      'docker driver, containerd store',
      { containerd: true, driver: 'docker' },
      ['build', 'test', 'docs'],
      'load',
    ],
    // The classic store's export compresses nothing and sizes the stage table: kept.
    ['docker driver, classic store', { driver: 'docker' }, [], 'load'],
    // Other drivers keep unloaded builds in their cache anyway: saying so spares buildx's warning.
    // They stream a loaded image to the engine as an export: the target's goes through a file.
    ['docker-container driver', { driver: 'docker-container' }, ['build', 'test', 'docs'], 'file'],
    [
      'remote driver, containerd store',
      { containerd: true, driver: 'remote' },
      ['build', 'test', 'docs'],
      'file',
    ],
    // Unknown (buildx inspect failed): it may be the classic store's docker driver, so nothing is asked.
    ['driver unknown, containerd store', { containerd: true }, [], 'load'],
  ])(
    'builds stages nothing loads cache-only except on the classic docker driver: %s',
    async (_, o, only, loadsTarget) => {
      const { outcome, calls } = await execute({ buildx: 0, ...o });
      expect(outcome.engine.driver).toBe(o.driver);
      const builds = calls.filter((c) => c[0] === 'buildx' && c[1] === 'build');
      const targetsWith = (flag: (a: string) => boolean) =>
        builds
          .filter((c) => c.some(flag))
          .map((c) => c.find((a) => a.startsWith('--target='))?.slice('--target='.length));
      expect(targetsWith((a) => a === '--output=type=cacheonly').sort()).toEqual(only.sort());
      expect(targetsWith((a) => a === '--load')).toEqual(loadsTarget === 'load' ? ['app'] : []);
      expect(targetsWith((a) => a.startsWith('--output=type=docker,dest='))).toEqual(
        loadsTarget === 'file' ? ['app'] : [],
      );
      expect(calls.filter((c) => c[0] === 'load')).toHaveLength(loadsTarget === 'file' ? 1 : 0);
      expect(outcome.targetArchive !== undefined).toBe(loadsTarget === 'file');
      removeExport(outcome.targetArchive);
      expect(outcome.builds.map((b) => b.status)).toEqual(['built', 'built', 'built', 'built']);
    },
  );

  it('loads the target through the file it exports to on docker-container, keeping it to measure from', async () => {
    const text = TEXT.replace('RUN make test', 'RUN make test\nCMD ["make", "check"]');
    const { outcome, calls } = await execute({ buildx: 0, driver: 'docker-container' }, {}, text);
    const appBuild = calls.find((c) => c[1] === 'build' && c.includes('--target=app'))!;
    const dest = appBuild.find((a) => a.startsWith('--output=type=docker,dest='))!.split('dest=')[1];
    // Loaded from that file, after the build, and the file kept for the measurement.
    expect(calls.filter((c) => c[0] === 'load')).toEqual([['load', '--quiet', `--input=${dest}`]]);
    expect(outcome.targetArchive).toBe(dest);
    expect(readFileSync(dest, 'utf8')).toBe("the app image's archive");
    // The test image is run, not measured: loaded as before.
    const testBuild = calls.find((c) => c[1] === 'build' && c.includes('--target=test'))!;
    expect(testBuild).toContain('--load');
    removeExport(outcome.targetArchive);
    expect(existsSync(dest)).toBe(false);
  });

  it("reports a failed docker load of the target's export as the engine's fault, and keeps no file", async () => {
    const refused = 'Error response from daemon: write /var/lib/docker/tmp: no space left on device';
    const { outcome, calls } = await execute({ buildx: 0, driver: 'docker-container', loadFails: refused });
    const appBuild = calls.find((c) => c[1] === 'build' && c.includes('--target=app'))!;
    const dest = appBuild.find((a) => a.startsWith('--output=type=docker,dest='))!.split('dest=')[1];
    const app = outcome.builds.find((b) => b.stage === 'app')!;
    expect(app.status).toBe('skipped');
    expect(app.reason).toBe(
      `the Docker engine failed: 'docker load' of the build's export failed: ${refused}`,
    );
    expect(outcome.targetImage).toBeUndefined();
    expect(outcome.targetArchive).toBeUndefined();
    expect(outcome.errors.map((e) => e.step)).toEqual(['engine']);
    expect(existsSync(dest)).toBe(false);
  });

  it('keeps no export of a target that fails to build', async () => {
    const failed = {
      lines: [
        '#5 [app 2/2] RUN false',
        '#5 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1',
      ],
      exitCode: 1,
    };
    const { outcome, calls } = await execute({
      buildx: 0,
      driver: 'docker-container',
      builds: { app: failed },
    });
    const appBuild = calls.find((c) => c[1] === 'build' && c.includes('--target=app'))!;
    const dest = appBuild.find((a) => a.startsWith('--output=type=docker,dest='))!.split('dest=')[1];
    expect(outcome.builds.find((b) => b.stage === 'app')?.status).toBe('failed');
    expect(calls.filter((c) => c[0] === 'load')).toEqual([]);
    expect(existsSync(dirname(dest))).toBe(false);
  });

  it('passes a known builder to every build, and explains an unknown one', async () => {
    const { calls } = await execute({ buildx: 0 }, { builder: 'k8s' });
    const builds = calls.filter((c) => c[1] === 'build');
    expect(builds.every((c) => c.includes('--builder=k8s'))).toBe(true);
    const err = await execute({ buildx: 0 }, { builder: 'typo' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('no builder "typo" found');
    expect((err as UserError).message).toContain('docker/setup-buildx-action');
  });

  it('falls back to DOCKER_BUILDKIT=1 docker build with a notice, warning once per unusable input', async () => {
    const { outcome, calls, notices, warnings } = await execute(
      { buildx: 1 },
      { 'cache-to': 'type=gha,mode=max' },
    );
    expect(outcome.engine.backend).toBe('buildkit');
    expect(notices[0]).toContain('DOCKER_BUILDKIT=1 docker build');
    expect(calls.filter((c) => c[0] === 'build')).toHaveLength(4);
    // Four stage builds, one warning naming the entry as written.
    expect(warnings.filter((w) => w.includes("'cache-to'"))).toEqual([
      expect.stringContaining("'cache-to' entry 'type=gha,mode=max' needs docker buildx"),
    ]);
    expect(new Set(warnings).size).toBe(warnings.length);
  });

  it('blames stages whose dependency failed on it and fails the test with the failing step', async () => {
    // Every stage build starts at once; one that needs `build` fails at build's step too, as BuildKit does.
    const failure = {
      lines: [
        '#5 [build 2/2] RUN make',
        '#5 0.100 cc -o app main.c',
        '#5 0.200 main.c:1: error: expected ;',
        '#5 ERROR: executor failed running [/bin/sh -c make]: exit code: 2',
      ],
      exitCode: 1,
    };
    const { outcome, calls } = await execute({ builds: { build: failure, test: failure, app: failure } });
    expect(calls.filter((c) => c.includes('build'))).toHaveLength(4);
    expect(outcome.builds.map((b) => [b.stage, b.status, b.reason])).toEqual([
      ['build', 'failed', undefined],
      ['test', 'skipped', "it needs stage 'build', which failed to build"],
      ['docs', 'built', undefined],
      ['app', 'skipped', "it needs stage 'build', which failed to build"],
    ]);
    expect(outcome.builds[0].errorTail).toEqual([
      '> [build] RUN make',
      'cc -o app main.c',
      'main.c:1: error: expected ;',
      'ERROR: executor failed running [/bin/sh -c make]: exit code: 2',
    ]);
    expect(outcome.test).toMatchObject({
      stage: 'test',
      result: 'failed',
      failedStep: { kind: 'build', command: 'RUN make', line: 2, exitCode: 2 },
    });
    expect(outcome.test.reason).toContain("it needs stage 'build'");
    expect(outcome.test.logTail).toContain('main.c:1: error: expected ;');
    expect(outcome.targetImage).toBeUndefined();
  });

  it('runs a test stage that sets CMD, by image id, and fails on its exit code', async () => {
    const text = TEXT.replace('RUN make test', 'RUN make test\nCMD ["make", "check"]');
    const { outcome, calls } = await execute({ run: { lines: ['1 test failed'], exitCode: 2 } }, {}, text);
    const run = calls.find((c) => c[0] === 'run');
    // A name stagegate chose, so the container can be removed at test-timeout or on cancel.
    expect(run).toEqual([
      'run',
      '--rm',
      '--name',
      expect.stringMatching(/^stagegate-test-[0-9a-f]{12}$/),
      '--',
      `sha256:${'test'.padEnd(64, '0')}`,
    ]);
    expect(outcome.test).toEqual({
      stage: 'test',
      result: 'failed',
      failedStep: { kind: 'run', command: 'CMD ["make", "check"]', line: 5, exitCode: 2 },
      logTail: ['1 test failed'],
    });
  });

  it("builds what it loads for the engine's platform and runs the test image on it (a remote builder may be another arch)", async () => {
    const text = TEXT.replace('RUN make test', 'RUN make test\nCMD ["make", "check"]');
    const { calls, outcome } = await execute({ buildx: 0, arch: 'aarch64' }, {}, text);
    expect(outcome.engine.platform).toBe('linux/arm64');
    const builds = calls.filter((c) => c[0] === 'buildx' && c[1] === 'build');
    const platformOf = (target: string) =>
      builds.find((c) => c.includes(`--target=${target}`))?.find((a) => a.startsWith('--platform='));
    expect(platformOf('app')).toBe('--platform=linux/arm64');
    expect(platformOf('test')).toBe('--platform=linux/arm64');
    expect(platformOf('build')).toBeUndefined(); // not loaded: the builder's own platform is fine
    const run = calls.find((c) => c[0] === 'run') ?? [];
    expect(run.slice(run.indexOf('--'))).toEqual(['--', `sha256:${'test'.padEnd(64, '0')}`]);
    expect(run.slice(0, run.indexOf('--'))).toContain('--platform=linux/arm64');
  });

  it('skips the gate with a reason when it is off', async () => {
    const { outcome, calls } = await execute({}, { 'test-stage': '' });
    expect(outcome.test).toEqual({
      result: 'skipped',
      reason: "the test gate is off ('test-stage' is empty)",
    });
    expect(calls.some((c) => c[0] === 'run')).toBe(false);
  });

  it('never logs build-arg values', async () => {
    const { lines, calls } = await execute({}, { 'build-args': 'NPM_TOKEN=s3cr3t-value\nVERSION=1' });
    expect(calls.some((c) => c.includes('--build-arg=NPM_TOKEN=s3cr3t-value'))).toBe(true);
    expect(lines.some((l) => l.includes('--build-arg=NPM_TOKEN=***'))).toBe(true);
    expect(lines.join('\n')).not.toContain('s3cr3t-value');
  });

  it('records a fully cached build', async () => {
    const { outcome } = await execute({
      builds: {
        docs: {
          lines: [
            '#4 [docs 1/2] FROM docker.io/library/busybox',
            '#4 DONE 0.0s',
            '#5 [docs 2/2] RUN x',
            '#5 CACHED',
          ],
          exitCode: 0,
        },
      },
    });
    expect(outcome.builds.map((b) => [b.stage, b.cached])).toEqual([
      ['build', false],
      ['test', false],
      ['docs', true],
      ['app', false],
    ]);
  });
});

describe('buildImage and BuildKit transient failures', () => {
  const flaky = (failures: number) => {
    let builds = 0;
    const fake = fakeEngine({
      docker: (args) => {
        builds++;
        const lines =
          builds <= failures
            ? [
                '#5 [build 2/2] RUN make',
                '#5 ERROR: executor failed running [/bin/sh -c make]: flightcontrol: exceeded retry timeout',
              ]
            : ['#5 [build 2/2] RUN make', '#5 DONE 0.1s'];
        const iid = args.find((a) => a.startsWith('--iidfile='))?.slice('--iidfile='.length);
        if (iid && builds > failures) writeFileSync(iid, `sha256:${'b'.repeat(64)}`);
        return { exitCode: builds <= failures ? 1 : 0, lines };
      },
    });
    return { docker: fake.docker, count: () => builds };
  };
  const request: ImageBuildRequest = {
    backend: 'buildkit',
    context: '.',
    file: 'Dockerfile',
    target: 'build',
    load: true,
    buildArgs: [],
    cacheFrom: [],
    cacheTo: [],
  };

  it("builds again once after 'flightcontrol: exceeded retry timeout', and says so", async () => {
    const { docker, count } = flaky(1);
    const result = await buildImage(docker, request);
    expect(count()).toBe(2);
    expect(result.ok).toBe(true);
    expect(result.imageId).toBe(`sha256:${'b'.repeat(64)}`);
    expect(result.warnings?.some((w) => w.includes('flightcontrol'))).toBe(true);
  });

  it('tries only once more, and never for an ordinary failure', async () => {
    const twice = flaky(2);
    expect((await buildImage(twice.docker, request)).ok).toBe(false);
    expect(twice.count()).toBe(2);
    const { docker, fake } = engineFor({
      builds: { build: { lines: ['#5 ERROR: exit code: 2'], exitCode: 1 } },
    });
    expect((await buildImage(docker, request)).ok).toBe(false);
    expect(fake.dockerCalls().filter((c) => c.includes('build'))).toHaveLength(1);
  });
});

describe('buildImage: the id of a loaded image', () => {
  const CONFIG = `sha256:${'c'.repeat(64)}`;
  const MANIFEST = `sha256:${'m'.repeat(64)}`;
  /** A buildx build that writes an iidfile with the config digest and a metadata file with both. */
  const containerdStore = (resolvable: string[]) =>
    fakeEngine({
      docker: (args) => {
        if (args[0] === 'image' && args[1] === 'inspect') {
          const id = args[args.length - 1];
          return resolvable.includes(id)
            ? ok(JSON.stringify({ Id: id, Size: 1, RootFS: { Layers: [] } }))
            : fail(`Error response from daemon: No such image: ${id}`);
        }
        const value = (flag: string) => args.find((a) => a.startsWith(flag))?.slice(flag.length);
        writeFileSync(value('--iidfile=') ?? '', CONFIG);
        writeFileSync(
          value('--metadata-file=') ?? '',
          JSON.stringify({ 'containerimage.config.digest': CONFIG, 'containerimage.digest': MANIFEST }),
        );
        return { exitCode: 0, lines: ['#5 [app 1/1] RUN true', '#5 DONE 0.1s'] };
      },
    });
  const request: ImageBuildRequest = {
    backend: 'buildx',
    context: '.',
    file: 'Dockerfile',
    target: 'app',
    load: true,
    buildArgs: [],
    cacheFrom: [],
    cacheTo: [],
  };

  it("falls back to the metadata file's image digest when the store cannot resolve the iidfile's", async () => {
    const fake = containerdStore([MANIFEST]);
    expect((await buildImage(fake.docker, request)).imageId).toBe(MANIFEST);
  });

  it("keeps the iidfile's id when the store resolves it", async () => {
    const fake = containerdStore([CONFIG, MANIFEST]);
    expect((await buildImage(fake.docker, request)).imageId).toBe(CONFIG);
  });

  it('asks nothing more of an image that is not loaded', async () => {
    const fake = containerdStore([]);
    expect((await buildImage(fake.docker, { ...request, load: false })).imageId).toBe(CONFIG);
    expect(fake.dockerCalls().filter((a) => a[0] === 'image')).toEqual([]);
  });
});

describe('executePlan: engine faults are not Dockerfile failures', () => {
  it("a build the daemon ended (EOF, no image id) is skipped with docker's message, an engine error, and test-result error", async () => {
    const died = {
      lines: [
        '#5 [build 2/2] RUN make',
        'ERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF',
      ],
      exitCode: 1,
    };
    const { outcome } = await execute({ builds: { build: died, test: died, app: died } });
    expect(outcome.builds.map((b) => b.status)).not.toContain('failed');
    expect(outcome.builds.find((b) => b.stage === 'build')?.reason).toMatch(
      /^the Docker engine failed: .*error reading from server: EOF/,
    );
    expect(outcome.test).toMatchObject({ stage: 'test', result: 'error' });
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({ step: 'engine' });
    expect(outcome.errors[0].message).toMatch(
      /building stages 'build', 'test', 'app'.*error reading from server: EOF/,
    );
  });

  it('a RUN step that exits non-zero stays a failed build, even when it printed engine-like words', async () => {
    const failing = {
      lines: [
        '#5 [test 2/2] RUN make test',
        '#5 0.2 curl: (56) Recv failure: Connection reset by peer',
        '#5 ERROR: process "/bin/sh -c make test" did not complete successfully: exit code: 56',
      ],
      exitCode: 1,
    };
    const { outcome } = await execute({ builds: { test: failing } });
    expect(outcome.builds.find((b) => b.stage === 'test')?.status).toBe('failed');
    expect(outcome.test.result).toBe('failed');
    expect(outcome.errors).toEqual([]);
  });
});
