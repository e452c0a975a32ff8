/**
 * The docker command lines for one build, as argv arrays. Pure: request in, argv out, so both paths
 * (buildx and the BuildKit fallback) are covered by table-driven tests.
 *
 * Safety: every value goes in the same argv element as its flag (`--target=<x>`), so a value that
 * starts with `-` is never read as a flag, and the context comes after `--`. `-` alone means "stdin"
 * to docker for both the context and `--file`, so paths are made explicit (`./-`).
 */
import { createHash } from 'node:crypto';
import type { BuildArg, BuildContext, Inputs, SecretEnv, SecretFile, SecretValue } from '../inputs.js';

export type Backend = 'buildx' | 'buildkit';

export interface BuildArgvRequest {
  backend: Backend;
  context: string;
  file: string;
  /** Stage to build; '' builds the last stage (BuildKit cannot target an unnamed stage by index). */
  target: string;
  buildArgs: BuildArg[];
  builder?: string;
  cacheFrom: string[];
  cacheTo: string[];
  /** Load the result into the engine's image store (needed to measure or run it). */
  load: boolean;
  /**
   * With `load` (buildx): export the image to this file (`--output=type=docker,dest=<file>`) in place
   * of `--load`; the caller loads the file and measures from it (build-image.ts). Its layers arrive
   * compressed as the builder stores and would push them, so measuring them compresses nothing.
   */
  exportTo?: string;
  /**
   * A build nothing loads: keep its result in the builder's cache only (`--output=type=cacheonly`,
   * buildx). buildx's docker driver otherwise exports every build into the engine's store, which under
   * the containerd store compresses each new layer of it. Ignored with `load` and on the fallback.
   */
  cacheOnly?: boolean;
  /** Build for this platform (`linux/amd64`); default: the builder's own. */
  platform?: string;
  /** Where docker writes the image id (both backends) and the build metadata (buildx only). */
  iidFile: string;
  metadataFile?: string;
  /** Secrets by value: each reaches docker as an environment variable of its process, never in argv. */
  secrets?: SecretValue[];
  secretEnvs?: SecretEnv[];
  secretFiles?: SecretFile[];
  ssh?: string[];
  buildContexts?: BuildContext[];
  platforms?: string[];
  noCache?: boolean;
  pull?: boolean;
}

/** The build options every build of a run shares (head stages and the base commit's target). */
export type BuildOptions = Required<
  Pick<
    BuildArgvRequest,
    | 'buildArgs'
    | 'secrets'
    | 'secretEnvs'
    | 'secretFiles'
    | 'ssh'
    | 'buildContexts'
    | 'platforms'
    | 'noCache'
    | 'pull'
  >
>;

export function buildOptionsOf(inputs: Inputs): BuildOptions {
  return {
    buildArgs: inputs['build-args'],
    secrets: inputs.secrets,
    secretEnvs: inputs['secret-envs'],
    secretFiles: inputs['secret-files'],
    ssh: inputs.ssh,
    buildContexts: inputs['build-contexts'],
    platforms: inputs.platforms,
    noCache: inputs['no-cache'],
    pull: inputs.pull,
  };
}

/** The environment variable that carries the n-th `secrets` value to docker (`--secret id=X,env=...`). */
export const secretVariable = (n: number): string => `STAGEGATE_SECRET_${n}`;

export interface BuildArgv {
  args: string[];
  /** Added to the environment of the docker process. */
  env: Record<string, string>;
  /** Inputs the backend cannot honour, said plainly rather than dropped silently. */
  warnings: string[];
}

/** A path docker cannot mistake for `-` (stdin) or for a flag. */
export function safePath(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}

function csv(spec: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return out;
}

/** A cache entry's type: its `type=` field, or `registry` for a bare image reference (`user/app:cache`). */
function cacheType(spec: string): string | undefined {
  return spec.includes('=') ? csv(spec).get('type') : 'registry';
}

/**
 * What the classic `docker build --cache-from` can use: an image reference (whose inline cache BuildKit
 * reads). `type=registry,ref=<image>` says the same thing; other types (gha, local, s3, ...) need buildx.
 */
export function classicCacheFrom(spec: string): string | undefined {
  if (!spec.includes('=')) return spec;
  const fields = csv(spec);
  if (fields.get('type') === 'registry' && fields.get('ref')) return fields.get('ref');
  return undefined;
}

/** One field of docker's CSV specs (`--secret id=x,src=path`), quoted when it holds a comma or quote. */
function csvField(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * `--secret`, `--ssh`, `--no-cache`, `--pull` (both backends take them; docker build with BuildKit since
 * 18.09). A `secrets` value goes in `env`, named in argv only by its variable: argv is logged and
 * visible to every process on the machine, the environment of docker's process is not.
 */
function secretArgs(req: BuildArgvRequest, env: Record<string, string>): string[] {
  const args: string[] = [];
  (req.secrets ?? []).forEach((s, n) => {
    env[secretVariable(n)] = s.value;
    args.push(`--secret=id=${s.id},env=${secretVariable(n)}`);
  });
  for (const s of req.secretEnvs ?? []) args.push(`--secret=id=${s.id},env=${s.env}`);
  for (const s of req.secretFiles ?? []) args.push(`--secret=id=${s.id},${csvField(`src=${s.path}`)}`);
  for (const spec of req.ssh ?? []) args.push(`--ssh=${spec}`);
  if (req.noCache) args.push('--no-cache');
  if (req.pull) args.push('--pull');
  return args;
}

/**
 * `--platform`. Only a single-platform image can be loaded into the engine (to be measured or run):
 * with several platforms, a loaded build (and every build of the fallback, which takes one) builds the
 * first, and says so.
 */
function platformArgs(req: BuildArgvRequest, warnings: string[]): string[] {
  const platforms = req.platforms ?? [];
  if (platforms.length === 0) return [];
  const single = req.backend === 'buildkit' || req.load;
  if (!single || platforms.length === 1) return [`--platform=${platforms.join(',')}`];
  warnings.push(
    req.backend === 'buildkit'
      ? `Input 'platforms' lists ${platforms.length} platforms, but docker build (without buildx) builds one; building ${platforms[0]} only. Add docker/setup-buildx-action to build them all.`
      : `Input 'platforms' lists ${platforms.length} platforms; an image loaded into the engine (to measure it or run its tests) has one, so that build is for ${platforms[0]}. Stages that are not loaded are built for every platform.`,
  );
  return [`--platform=${platforms[0]}`];
}

/** `docker buildx build ...` (or `docker build ...` with DOCKER_BUILDKIT=1 on the fallback path). */
export function buildArgv(req: BuildArgvRequest): BuildArgv {
  const warnings: string[] = [];
  const env: Record<string, string> = {};
  const common = [
    '--progress=plain',
    `--file=${safePath(req.file)}`,
    ...(req.target ? [`--target=${req.target}`] : []),
    `--iidfile=${req.iidFile}`,
    ...req.buildArgs.map((a) => `--build-arg=${a.name}=${a.value}`),
    ...platformArgs(req, warnings),
    ...secretArgs(req, env),
  ];
  if (req.backend === 'buildx') {
    const args = ['buildx', 'build', ...common];
    for (const c of req.buildContexts ?? []) args.push(`--build-context=${c.name}=${c.value}`);
    if (req.metadataFile) args.push(`--metadata-file=${req.metadataFile}`);
    if (req.builder) args.push(`--builder=${req.builder}`);
    // The engine's platform, for an image it loads, unless the user chose platforms (platformArgs).
    if (req.platform && !req.platforms?.length) args.push(`--platform=${req.platform}`);
    for (const c of req.cacheFrom) args.push(`--cache-from=${c}`);
    for (const c of req.cacheTo) args.push(`--cache-to=${c}`);
    // Without --load the result stays in the builder's cache (enough for stages nobody runs or measures).
    if (req.load)
      args.push(req.exportTo ? `--output=type=docker,${csvField(`dest=${req.exportTo}`)}` : '--load');
    else if (req.cacheOnly) args.push('--output=type=cacheonly');
    args.push('--', safePath(req.context));
    return { args, env, warnings };
  }

  const args = ['build', ...common];
  for (const c of req.buildContexts ?? [])
    warnings.push(
      `Input 'build-contexts' entry '${c.name}' needs docker buildx (docker build has no named contexts); it is ignored, so a stage that uses it fails to build. Add docker/setup-buildx-action to use it.`,
    );
  if (req.builder)
    warnings.push(
      `Input 'builder' (${req.builder}) needs docker buildx, which is not available; building with the default BuildKit engine instead. Add docker/setup-buildx-action to use a builder.`,
    );
  for (const c of req.cacheFrom) {
    const ref = classicCacheFrom(c);
    if (ref !== undefined) args.push(`--cache-from=${ref}`);
    else
      warnings.push(
        `Input 'cache-from' entry '${c}' needs docker buildx (docker build only reads the inline cache of an image reference); it is ignored. Add docker/setup-buildx-action to use it.`,
      );
  }
  for (const c of req.cacheTo)
    warnings.push(
      `Input 'cache-to' entry '${c}' needs docker buildx (docker build cannot export a cache); it is ignored. Add docker/setup-buildx-action to use it.`,
    );
  // docker build always stores the image in the engine, so there is nothing to ask for with --load.
  args.push('--', safePath(req.context));
  return { args, env: { ...env, DOCKER_BUILDKIT: '1' }, warnings };
}

/** The command line as it may be logged: build-arg values are never shown (they may be secrets). */
export function redactedCommand(args: string[]): string {
  return [
    'docker',
    ...args.map((a) => (a.startsWith('--build-arg=') ? a.replace(/^(--build-arg=[^=]*)=.*$/s, '$1=***') : a)),
  ].join(' ');
}

/** The cache settings of one stage's build (see stageCache). */
export interface StageCacheRequest {
  cacheFrom: string[];
  cacheTo: string[];
  /** The Dockerfile as the `file` input names it: two stagegate steps with two files never share a scope. */
  dockerfile: string;
  /** The stage's key (its lower-cased name, or its index). */
  stage: string;
  isTarget: boolean;
  /** Every planned stage's key: each build reads all their scopes. */
  plannedStages: string[];
}

/** `stagegate-<8 hex of the Dockerfile path>-<stage>`: the gha scope of one stage of one Dockerfile. */
export function stageScope(dockerfile: string, stage: string): string {
  const path = dockerfile.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return `stagegate-${createHash('sha256').update(path).digest('hex').slice(0, 8)}-${stage}`;
}

/**
 * The cache settings for one stage's build. Each stage is its own build, and several builds exporting
 * to one cache location would overwrite each other (the last one wins). So:
 * - `type=gha` without a `scope` gets one scope per stage and Dockerfile (stageScope), exported with
 *   `ignore-error=true` (a throttled export must not fail a stage), and every build reads all the
 *   Dockerfile's scopes plus the default scope (where docker/build-push-action writes);
 * - other location-bound exports (registry, local, s3, azblob, gha with a scope) are written by the
 *   target's build only;
 * - `type=inline` (cache inside the image) goes with every build.
 */
export function stageCache(req: StageCacheRequest): { cacheFrom: string[]; cacheTo: string[] } {
  const scoped = (spec: string, key: string) => `${spec},scope=${stageScope(req.dockerfile, key)}`;
  const isUnscopedGha = (spec: string) => {
    const f = csv(spec);
    return f.get('type') === 'gha' && !f.has('scope');
  };
  const from = req.cacheFrom.flatMap((c) =>
    isUnscopedGha(c) ? [c, ...req.plannedStages.map((k) => scoped(c, k))] : [c],
  );
  const to = req.cacheTo.flatMap((c) => {
    if (isUnscopedGha(c)) {
      const spec = scoped(c, req.stage);
      return [csv(c).has('ignore-error') ? spec : `${spec},ignore-error=true`];
    }
    return cacheType(c) === 'inline' || req.isTarget ? [c] : [];
  });
  return { cacheFrom: [...new Set(from)], cacheTo: to };
}

/** What the builder can do with caches, from what the run detected about it. */
export interface CacheCapability {
  backend: Backend;
  driver?: string;
  imageStore: 'classic' | 'containerd';
}

/**
 * The cache exports this builder can do. buildx's docker driver on the classic image store refuses
 * any export but `type=inline` ("Cache export is not supported for the docker driver"), failing the
 * whole build: those entries are dropped, each with a warning that says what to change.
 */
export function supportedCacheTo(
  cacheTo: string[],
  builder: CacheCapability,
): { cacheTo: string[]; warnings: string[] } {
  if (builder.backend !== 'buildx' || builder.driver !== 'docker' || builder.imageStore !== 'classic')
    return { cacheTo, warnings: [] };
  const kept: string[] = [];
  const warnings: string[] = [];
  for (const c of cacheTo) {
    if (cacheType(c) === 'inline') kept.push(c);
    else
      warnings.push(
        `Input 'cache-to' entry '${c}' cannot be exported by buildx's docker driver on the classic image store; it is ignored. ` +
          'Add docker/setup-buildx-action (a docker-container builder) or enable the containerd image store to export it.',
      );
  }
  return { cacheTo: kept, warnings };
}
