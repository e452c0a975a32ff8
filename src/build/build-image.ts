/**
 * One `docker buildx build` (or `DOCKER_BUILDKIT=1 docker build`) of one target, through the Docker
 * client, and, for a target loaded through a file (`throughFile`), the `docker load` of its export.
 * The baseline work calls it too, from the base commit's worktree (`cwd`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { DockerError, failureSummary, type Docker } from '../seams/docker.js';
import { runnerTempDir } from '../seams/runner-temp.js';
import { buildArgv, type BuildArgvRequest } from './argv.js';
import { ProgressParser, type StepFailure, type Vertex } from './progress.js';

export type { Backend } from './argv.js';

/** What to build: the argv request less the files this module manages itself (iid, metadata). */
export interface ImageBuildRequest extends Omit<BuildArgvRequest, 'iidFile' | 'metadataFile' | 'exportTo'> {
  /**
   * Load through a file (buildx, with `load`): the build exports the image to a file, `docker load`
   * reads it, and the file is kept for the measurement (`archive` of the result), its layers compressed
   * as the builder stores them. The caller removes it with `removeExport`.
   */
  throughFile?: boolean;
  /** Working directory (the base-commit worktree builds from its own directory). */
  cwd?: string;
  /** Called with each output line, for live logs. */
  onLine?: (line: string) => void;
  /** Called with the docker argv before it starts (log it with redactedCommand: build-args hide). */
  onStart?: (args: string[]) => void;
  /** The job's cancellation: aborting ends the build. */
  signal?: AbortSignal;
}

export interface ImageBuildResult {
  ok: boolean;
  imageId?: string;
  startedAt: number;
  finishedAt: number;
  /** Every step this build's output shows came from cache (see `cachedAcrossBuilds` for concurrent builds). */
  cached: boolean;
  /** The Dockerfile steps this build's output shows. */
  steps?: Vertex[];
  /** Last lines of output (for a failure's report). */
  tail: string[];
  /** The step that failed, with its own output, when a Dockerfile step failed. */
  failure?: StepFailure;
  /** The docker exit code. */
  exitCode?: number;
  /** Inputs this backend could not honour (see argv.ts); the caller reports them once. */
  warnings?: string[];
  /** The file the image was exported to and loaded from (`throughFile`), when it built and loaded. */
  archive?: string;
  /** Docker's message when the engine failed after the build (`docker load` of its export). */
  engineFault?: string;
}

/** Removes a build's exported file (`archive`) and its folder; nothing when there is none. */
export function removeExport(archive: string | undefined): void {
  if (archive) rmSync(dirname(archive), { recursive: true, force: true });
}

/** What Docker 23+ CLIs print when DOCKER_BUILDKIT=1 is set but the buildx plugin is missing. */
const CLI_WITHOUT_BUILDKIT = /BuildKit is enabled but the buildx component is missing or broken/;

/**
 * The ids a build may have left for its image, most likely first: the iidfile, then the metadata
 * file's image (manifest) digest and config digest (buildx).
 */
function imageIdCandidates(iidFile: string, metadataFile?: string): string[] {
  const ids: string[] = [];
  try {
    const id = readFileSync(iidFile, 'utf8').trim();
    if (id) ids.push(id);
  } catch {
    // not written: no image (a failed build, or a cache-only result)
  }
  if (!metadataFile) return ids;
  try {
    const meta = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>;
    for (const key of ['containerimage.digest', 'containerimage.config.digest']) {
      const digest = meta[key];
      if (typeof digest === 'string' && digest && !ids.includes(digest)) ids.push(digest);
    }
  } catch {
    // no metadata file: the iidfile is all there is
  }
  return ids;
}

/**
 * The id under which the engine's store holds a loaded image. Under the containerd image store the
 * iidfile can name a config digest the store cannot resolve (the docker driver with attestations off
 * on older buildx; docker-container `--load` on buildx < 0.24); the metadata file's image digest then
 * is the one it knows. The first candidate the store resolves wins, as the store names it.
 */
async function resolveLoadedImage(docker: Docker, candidates: string[]): Promise<string | undefined> {
  for (const id of candidates) {
    try {
      return (await docker.inspectImage(id)).id;
    } catch (err) {
      if (!(err instanceof DockerError)) throw err;
    }
  }
  return candidates[0];
}

/**
 * BuildKit's "flightcontrol: exceeded retry timeout" (moby/buildkit#990, #1822): a step shared by
 * concurrent builds can fail this way under load, through no fault of the Dockerfile. A second try
 * normally builds, from the cache the first one filled.
 */
const TRANSIENT_FAILURE = /flightcontrol: exceeded retry timeout/;

/**
 * Builds one target with `docker buildx build` or `DOCKER_BUILDKIT=1 docker build`. A build that
 * fails with BuildKit's known transient error is tried once more, and says so in its warnings.
 */
export async function buildImage(docker: Docker, request: ImageBuildRequest): Promise<ImageBuildResult> {
  const first = await buildOnce(docker, request);
  const text = [...first.tail, first.failure?.message ?? ''].join('\n');
  if (first.ok || !TRANSIENT_FAILURE.test(text)) return first;
  const second = await buildOnce(docker, request);
  const note =
    "BuildKit failed a build with its transient error 'flightcontrol: exceeded retry timeout' " +
    '(moby/buildkit#1822, under load with concurrent builds); stagegate built it again once.';
  return { ...second, startedAt: first.startedAt, warnings: [...(second.warnings ?? []), note] };
}

/** The built image's id; for a buildx build loaded into the engine, the id the engine's store resolves. */
async function imageIdOf(
  docker: Docker,
  request: ImageBuildRequest,
  iidFile: string,
  metadataFile?: string,
): Promise<string | undefined> {
  const candidates = imageIdCandidates(iidFile, metadataFile);
  if (request.backend !== 'buildx' || !request.load || candidates.length < 2) return candidates[0];
  return resolveLoadedImage(docker, candidates);
}

/** Where a build loaded through a file exports to: its own folder, kept until the caller removes it. */
function exportFileFor(request: ImageBuildRequest): string | undefined {
  if (!request.throughFile || !request.load || request.backend !== 'buildx') return undefined;
  return join(runnerTempDir('stagegate-export-'), 'image.tar');
}

/** `docker load` of the build's export; docker's message when the engine could not. */
async function loadExport(docker: Docker, file: string): Promise<string | undefined> {
  try {
    await docker.load(file);
    return undefined;
  } catch (err) {
    if (!(err instanceof DockerError)) throw err;
    return `'docker load' of the build's export failed: ${failureSummary(err.result)}`;
  }
}

async function buildOnce(docker: Docker, request: ImageBuildRequest): Promise<ImageBuildResult> {
  const dir = runnerTempDir('stagegate-build-');
  const iidFile = join(dir, 'iid');
  const metadataFile = request.backend === 'buildx' ? join(dir, 'metadata.json') : undefined;
  const exportTo = exportFileFor(request);
  let keepExport = false;
  const { args, env, warnings } = buildArgv({ ...request, iidFile, metadataFile, exportTo });
  const progress = new ProgressParser();
  request.onStart?.(args);
  const startedAt = Date.now();
  try {
    const result = await docker.build(args, {
      cwd: request.cwd,
      env,
      signal: request.signal,
      onLine: (line) => {
        progress.push(line);
        request.onLine?.(line);
      },
    });
    const finishedAt = Date.now();
    const ok = result.exitCode === 0;
    if (!ok && request.backend === 'buildkit' && CLI_WITHOUT_BUILDKIT.test(result.tail.join('\n'))) {
      // Not the Dockerfile's fault, and every stage would fail the same way: say what to change once.
      throw new UserError(
        'This docker CLI has neither the buildx plugin nor a built-in BuildKit builder (Docker 23+ CLIs ' +
          'refuse DOCKER_BUILDKIT=1 without buildx), so nothing can be built. Add docker/setup-buildx-action ' +
          'before stagegate, install the docker-buildx-plugin package, or set STAGEGATE_DOCKER to a docker CLI ' +
          "with BuildKit built in (e.g. Debian's docker.io: /usr/bin/docker).",
        'build',
      );
    }
    // The build is done when its export is in the engine: a load that fails is the engine's fault.
    const loadFault = ok && exportTo ? await loadExport(docker, exportTo) : undefined;
    const loaded = ok && loadFault === undefined;
    keepExport = loaded && exportTo !== undefined;
    return {
      ok: loaded,
      imageId: loaded ? await imageIdOf(docker, request, iidFile, metadataFile) : undefined,
      startedAt,
      // A load is part of the build, as with --load, whose stream it replaces.
      finishedAt: exportTo && ok ? Date.now() : finishedAt,
      cached: loaded && progress.fullyCached(),
      steps: progress.steps().filter((v) => v.command !== undefined),
      tail: loadFault === undefined ? result.tail : [...result.tail, loadFault],
      failure: ok ? undefined : progress.failure(),
      exitCode: loadFault === undefined ? result.exitCode : 1,
      warnings,
      ...(keepExport ? { archive: exportTo } : {}),
      ...(loadFault !== undefined ? { engineFault: loadFault } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!keepExport) removeExport(exportTo);
  }
}
