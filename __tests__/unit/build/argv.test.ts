import { describe, expect, it } from '@jest/globals';
import {
  buildArgv,
  classicCacheFrom,
  redactedCommand,
  safePath,
  stageCache,
  stageScope,
  supportedCacheTo,
  type BuildArgvRequest,
  type StageCacheRequest,
} from '../../../src/build/argv.js';

const base: BuildArgvRequest = {
  backend: 'buildx',
  context: '.',
  file: 'Dockerfile',
  target: 'build',
  buildArgs: [],
  cacheFrom: [],
  cacheTo: [],
  load: false,
  iidFile: '/tmp/x/iid',
  metadataFile: '/tmp/x/metadata.json',
};

describe('buildArgv', () => {
  it.each<[string, Partial<BuildArgvRequest>, string[]]>([
    [
      'buildx, minimal',
      {},
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'buildx, everything',
      {
        context: 'app',
        file: 'app/Dockerfile.prod',
        target: 'runtime',
        buildArgs: [
          { name: 'VERSION', value: '1.2' },
          { name: 'EMPTY', value: '' },
        ],
        builder: 'k8s',
        cacheFrom: ['type=gha', 'user/app:cache'],
        cacheTo: ['type=gha,mode=max'],
        load: true,
      },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=app/Dockerfile.prod',
        '--target=runtime',
        '--iidfile=/tmp/x/iid',
        '--build-arg=VERSION=1.2',
        '--build-arg=EMPTY=',
        '--metadata-file=/tmp/x/metadata.json',
        '--builder=k8s',
        '--cache-from=type=gha',
        '--cache-from=user/app:cache',
        '--cache-to=type=gha,mode=max',
        '--load',
        '--',
        'app',
      ],
    ],
    [
      'buildx, unnamed last stage: no --target',
      { target: '' },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'fallback, minimal (no metadata file, no --load: docker build always stores the image)',
      { backend: 'buildkit', load: true },
      ['build', '--progress=plain', '--file=Dockerfile', '--target=build', '--iidfile=/tmp/x/iid', '--', '.'],
    ],
    [
      'fallback, image cache-from kept, buildx-only cache dropped',
      {
        backend: 'buildkit',
        buildArgs: [{ name: 'A', value: 'b c' }],
        cacheFrom: ['user/app:cache', 'type=registry,ref=ghcr.io/o/app:buildcache', 'type=gha'],
        cacheTo: ['type=inline'],
        builder: 'remote',
      },
      [
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--build-arg=A=b c',
        '--cache-from=user/app:cache',
        '--cache-from=ghcr.io/o/app:buildcache',
        '--',
        '.',
      ],
    ],
    [
      'buildx, secrets by value: named by their variable only',
      {
        secrets: [
          { id: 'npm', value: 's3cr3t' },
          { id: 'gh', value: 'x' },
        ],
      },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--secret=id=npm,env=STAGEGATE_SECRET_0',
        '--secret=id=gh,env=STAGEGATE_SECRET_1',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'buildx, secret-envs, secret-files (a comma in a path is quoted), ssh',
      {
        secretEnvs: [{ id: 'aws', env: 'AWS_SECRET_ACCESS_KEY' }],
        secretFiles: [
          { id: 'netrc', path: '/home/runner/.netrc' },
          { id: 'odd', path: '/tmp/a,b' },
        ],
        ssh: ['default', 'github=/home/runner/.ssh/id_ed25519'],
      },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--secret=id=aws,env=AWS_SECRET_ACCESS_KEY',
        '--secret=id=netrc,src=/home/runner/.netrc',
        '--secret=id=odd,"src=/tmp/a,b"',
        '--ssh=default',
        '--ssh=github=/home/runner/.ssh/id_ed25519',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'buildx, build-contexts, platforms (not loaded: all), no-cache, pull',
      {
        buildContexts: [
          { name: 'shared', value: '../shared' },
          { name: 'alpine', value: 'docker-image://alpine:3.20' },
        ],
        platforms: ['linux/amd64', 'linux/arm64'],
        noCache: true,
        pull: true,
      },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--platform=linux/amd64,linux/arm64',
        '--no-cache',
        '--pull',
        '--build-context=shared=../shared',
        '--build-context=alpine=docker-image://alpine:3.20',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'buildx, platforms on a loaded build: the first (an engine image has one platform)',
      { platforms: ['linux/arm64', 'linux/amd64'], load: true },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--platform=linux/arm64',
        '--metadata-file=/tmp/x/metadata.json',
        '--load',
        '--',
        '.',
      ],
    ],
    [
      'buildx, cache only (a stage nothing loads, on the docker driver)',
      { cacheOnly: true },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--output=type=cacheonly',
        '--',
        '.',
      ],
    ],
    [
      'buildx, cache only and loaded: loaded',
      { cacheOnly: true, load: true },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--load',
        '--',
        '.',
      ],
    ],
    [
      'buildx, loaded through a file it is exported to (measured from it)',
      { load: true, exportTo: '/tmp/e/image.tar' },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--output=type=docker,dest=/tmp/e/image.tar',
        '--',
        '.',
      ],
    ],
    [
      'buildx, exported to a file whose path holds a comma: the field is quoted',
      { load: true, exportTo: '/tmp/a,b/image.tar' },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--output=type=docker,"dest=/tmp/a,b/image.tar"',
        '--',
        '.',
      ],
    ],
    [
      'buildx, a file to export to but nothing loaded: not exported',
      { load: false, exportTo: '/tmp/e/image.tar' },
      [
        'buildx',
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--metadata-file=/tmp/x/metadata.json',
        '--',
        '.',
      ],
    ],
    [
      'fallback, a file to export to: docker build always stores the image',
      { backend: 'buildkit', load: true, exportTo: '/tmp/e/image.tar', metadataFile: undefined },
      ['build', '--progress=plain', '--file=Dockerfile', '--target=build', '--iidfile=/tmp/x/iid', '--', '.'],
    ],
    [
      'fallback, cache only: docker build always stores the image',
      { backend: 'buildkit', cacheOnly: true, metadataFile: undefined },
      ['build', '--progress=plain', '--file=Dockerfile', '--target=build', '--iidfile=/tmp/x/iid', '--', '.'],
    ],
    [
      'fallback, secrets, ssh, one platform, no-cache, pull kept; build-contexts dropped',
      {
        backend: 'buildkit',
        secrets: [{ id: 'npm', value: 's3cr3t' }],
        secretFiles: [{ id: 'netrc', path: '/n' }],
        ssh: ['default'],
        platforms: ['linux/amd64', 'linux/arm64'],
        buildContexts: [{ name: 'shared', value: '../shared' }],
        noCache: true,
        pull: true,
      },
      [
        'build',
        '--progress=plain',
        '--file=Dockerfile',
        '--target=build',
        '--iidfile=/tmp/x/iid',
        '--platform=linux/amd64',
        '--secret=id=npm,env=STAGEGATE_SECRET_0',
        '--secret=id=netrc,src=/n',
        '--ssh=default',
        '--no-cache',
        '--pull',
        '--',
        '.',
      ],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(buildArgv({ ...base, ...overrides }).args).toEqual(expected);
  });

  it('sets DOCKER_BUILDKIT=1 on the fallback only', () => {
    expect(buildArgv({ ...base, backend: 'buildkit' }).env).toEqual({ DOCKER_BUILDKIT: '1' });
    expect(buildArgv(base).env).toEqual({});
  });

  it('puts a secret value in the environment of docker only, never in argv or the logged command', () => {
    for (const backend of ['buildx', 'buildkit'] as const) {
      const { args, env } = buildArgv({
        ...base,
        backend,
        secrets: [
          { id: 'npm', value: 'npm_s3cr3tValue' },
          { id: 'key', value: '-----BEGIN KEY-----\nAAAA\n-----END KEY-----' },
        ],
      });
      expect(env).toMatchObject({
        STAGEGATE_SECRET_0: 'npm_s3cr3tValue',
        STAGEGATE_SECRET_1: '-----BEGIN KEY-----\nAAAA\n-----END KEY-----',
      });
      const visible = [...args, redactedCommand(args)].join(' ');
      expect(visible).not.toContain('npm_s3cr3tValue');
      expect(visible).not.toContain('BEGIN KEY');
      expect(visible).toContain('--secret=id=npm,env=STAGEGATE_SECRET_0');
    }
  });

  it('warns about what the fallback and a loaded multi-platform build cannot do', () => {
    const fallback = buildArgv({
      ...base,
      backend: 'buildkit',
      platforms: ['linux/amd64', 'linux/arm64'],
      buildContexts: [{ name: 'shared', value: '../shared' }],
    }).warnings;
    expect(fallback).toEqual([
      expect.stringContaining(
        "Input 'platforms' lists 2 platforms, but docker build (without buildx) builds one; building linux/amd64 only",
      ),
      expect.stringContaining("Input 'build-contexts' entry 'shared' needs docker buildx"),
    ]);
    expect(buildArgv({ ...base, platforms: ['linux/amd64', 'linux/arm64'], load: true }).warnings).toEqual([
      expect.stringContaining('that build is for linux/amd64'),
    ]);
    expect(buildArgv({ ...base, platforms: ['linux/amd64', 'linux/arm64'] }).warnings).toEqual([]);
    expect(
      buildArgv({ ...base, platforms: ['linux/arm64'], load: true, backend: 'buildkit' }).warnings,
    ).toEqual([]);
  });

  it('warns, rather than silently dropping, what the fallback cannot do', () => {
    const { warnings } = buildArgv({
      ...base,
      backend: 'buildkit',
      builder: 'remote',
      cacheFrom: ['type=gha', 'img:tag'],
      cacheTo: ['type=registry,ref=x/y:cache'],
    });
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain("Input 'builder' (remote) needs docker buildx");
    expect(warnings[1]).toContain("'cache-from' entry 'type=gha' needs docker buildx");
    expect(warnings[2]).toContain("'cache-to' entry 'type=registry,ref=x/y:cache' needs docker buildx");
    for (const w of warnings) expect(w).toContain('docker/setup-buildx-action');
    expect(
      buildArgv({ ...base, builder: 'b', cacheFrom: ['type=gha'], cacheTo: ['type=gha'] }).warnings,
    ).toEqual([]);
  });

  it('never lets a value be read as a flag, or a path as stdin', () => {
    const { args } = buildArgv({
      ...base,
      context: '-',
      file: '--help',
      buildArgs: [{ name: 'X', value: '--privileged' }],
    });
    expect(args).toContain('--file=./--help');
    expect(args).toContain('--build-arg=X=--privileged');
    expect(args.slice(-2)).toEqual(['--', './-']);
    // Every element after the command is one flag with its value, or the context after `--`.
    const flags = args.slice(2, -2);
    for (const a of flags) expect(a).toMatch(/^--[a-z-]+(=|$)/);
  });
});

describe('argv helpers', () => {
  it('safePath', () => {
    expect(safePath('-')).toBe('./-');
    expect(safePath('-rf')).toBe('./-rf');
    expect(safePath('/abs/ctx')).toBe('/abs/ctx');
    expect(safePath('rel')).toBe('rel');
  });

  it.each([
    ['user/app:cache', 'user/app:cache'],
    ['type=registry,ref=user/app:cache', 'user/app:cache'],
    ['type=gha', undefined],
    ['type=local,src=/tmp/cache', undefined],
    ['type=registry', undefined],
  ])('classicCacheFrom(%s) = %s', (spec, expected) => {
    expect(classicCacheFrom(spec)).toBe(expected);
  });

  it('redacts build-arg values in logged command lines', () => {
    const line = redactedCommand(['build', '--build-arg=TOKEN=s3cr3t=x', '--build-arg=EMPTY=', '--target=t']);
    expect(line).toBe('docker build --build-arg=TOKEN=*** --build-arg=EMPTY=*** --target=t');
    expect(line).not.toContain('s3cr3t');
  });
});

describe('stageCache', () => {
  const plannedStages = ['build', 'test', 'app'];
  const request = (over: Partial<StageCacheRequest>): StageCacheRequest => ({
    cacheFrom: [],
    cacheTo: [],
    dockerfile: 'Dockerfile',
    stage: 'test',
    isTarget: false,
    plannedStages,
    ...over,
  });
  const scope = (stage: string, file = 'Dockerfile') => stageScope(file, stage);

  it('gives unscoped gha one scope per stage and Dockerfile, exported with ignore-error, and reads them all', () => {
    const c = stageCache(request({ cacheFrom: ['type=gha'], cacheTo: ['type=gha,mode=max'] }));
    expect(c.cacheTo).toEqual([`type=gha,mode=max,scope=${scope('test')},ignore-error=true`]);
    expect(c.cacheFrom).toEqual([
      'type=gha',
      `type=gha,scope=${scope('build')}`,
      `type=gha,scope=${scope('test')}`,
      `type=gha,scope=${scope('app')}`,
    ]);
  });

  it('keeps two Dockerfiles with the same stage names in separate scopes (two steps in a monorepo)', () => {
    expect(scope('build', 'api/Dockerfile')).not.toBe(scope('build', 'web/Dockerfile'));
    expect(scope('build', './api/Dockerfile')).toBe(scope('build', 'api/Dockerfile'));
    expect(scope('build', 'api/Dockerfile')).toMatch(/^stagegate-[0-9a-f]{8}-build$/);
    const api = stageCache(request({ cacheTo: ['type=gha'], dockerfile: 'api/Dockerfile' }));
    const web = stageCache(request({ cacheTo: ['type=gha'], dockerfile: 'web/Dockerfile' }));
    expect(api.cacheTo).not.toEqual(web.cacheTo);
  });

  it("keeps the user's own ignore-error", () => {
    const c = stageCache(request({ cacheTo: ['type=gha,ignore-error=false'] }));
    expect(c.cacheTo).toEqual([`type=gha,ignore-error=false,scope=${scope('test')}`]);
  });

  it('exports location-bound caches from the target build only; inline goes everywhere', () => {
    const to = [
      'type=registry,ref=r/app:cache',
      'type=gha,scope=mine',
      'type=local,dest=/c',
      'user/app:cache',
      'type=inline',
    ];
    expect(stageCache(request({ cacheTo: to, stage: 'build' })).cacheTo).toEqual(['type=inline']);
    expect(stageCache(request({ cacheTo: to, stage: 'app', isTarget: true })).cacheTo).toEqual(to);
  });

  it('passes other cache sources through unchanged', () => {
    const from = ['type=registry,ref=r/app:cache', 'type=gha,scope=mine', 'user/app:cache'];
    expect(stageCache(request({ cacheFrom: from, stage: 'app', isTarget: true })).cacheFrom).toEqual(from);
  });
});

describe('supportedCacheTo', () => {
  const to = ['type=gha,mode=max', 'type=inline', 'type=registry,ref=r/app:cache'];
  it("drops what buildx's docker driver cannot export on the classic store, saying so for each", () => {
    const r = supportedCacheTo(to, { backend: 'buildx', driver: 'docker', imageStore: 'classic' });
    expect(r.cacheTo).toEqual(['type=inline']);
    expect(r.warnings).toEqual([
      expect.stringContaining("'type=gha,mode=max' cannot be exported by buildx's docker driver"),
      expect.stringContaining("'type=registry,ref=r/app:cache' cannot be exported"),
    ]);
  });

  it('keeps every export on the containerd store and on other drivers', () => {
    for (const builder of [
      { backend: 'buildx' as const, driver: 'docker', imageStore: 'containerd' as const },
      { backend: 'buildx' as const, driver: 'docker-container', imageStore: 'classic' as const },
      { backend: 'buildx' as const, driver: 'remote', imageStore: 'classic' as const },
    ])
      expect(supportedCacheTo(to, builder)).toEqual({ cacheTo: to, warnings: [] });
  });
});
