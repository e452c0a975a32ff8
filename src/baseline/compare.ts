/**
 * The base side of the size comparison: the same target, built from the base commit with the same
 * build options and builder (so unchanged layers come from the build cache), and measured the same
 * way as the head. Or, when a run for that commit already saved its measurement, that report.
 *
 * Which commit: the `base-ref` input when set (a branch, tag or sha), else the pull request's base
 * commit (`pull_request.base.sha`). Without either (a push) there is nothing to compare with, and
 * the run saves its own measurement for the pull requests that will be based on this commit.
 *
 * Outcomes (BaseComparison.status): compared; new-image when the base commit has no such Dockerfile
 * or no such target stage (nothing to compare, nothing wrong); failed when the base could not be
 * checked out, parsed or built (reported, but the PR is not failed for its base's problems);
 * disabled when `compare` is false or there is no base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { buildOptionsOf, stageCache } from '../build/argv.js';
import { buildImage, removeExport, type ImageBuildResult } from '../build/build-image.js';
import { loadsThroughFile, type Log } from '../build/execute.js';
import type { BuildPlan } from '../build/plan.js';
import { parseDockerfile } from '../dockerfile/load.js';
import type { DockerfileModel, Stage } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import { measureImage } from '../image/measure.js';
import type { LayerFacts } from '../image/layer-facts.js';
import type { SavePairing } from '../image/save-pairing.js';
import type { ScanStore } from '../image/scan-store.js';
import type { Inputs } from '../inputs.js';
import type { BaseComparison, EngineFacts } from '../model.js';
import { NO_CACHE, type TextCache } from '../seams/cache.js';
import type { Docker } from '../seams/docker.js';
import type { Engine } from '../seams/engine.js';
import type { EventContext } from '../seams/runner.js';
import { baseReportKey, parseBaseReport, parseBaseReportLayers } from './base-report.js';
import {
  fileAtCommit,
  GitError,
  parentsOf,
  repositoryRoot,
  resolveCommit,
  withWorktree,
} from './worktree.js';

export interface BaselineArgs {
  /** git, for the base commit's worktree. */
  engine: Engine;
  docker: Docker;
  log: Log;
  inputs: Inputs;
  event: EventContext;
  model: DockerfileModel;
  plan: BuildPlan;
  /** The engine as the head's build detected it: the base builds the same way. */
  facts: EngineFacts;
  /** Scans of images already read (the head's, often the same image), by image id. */
  scans?: ScanStore;
  /** The head's target, to be read from the same `docker save` as the base's image. */
  pairing?: SavePairing;
  /** Saved base reports (default: none; the action passes the Actions cache). */
  cache?: TextCache;
  /** Directory `context` and `file` are relative to (default: the process's working directory). */
  cwd?: string;
  /** The job's cancellation: the base build stops. */
  signal?: AbortSignal;
  /** Hands the saved base report's layer facts to the layer store (set by measureBase). */
  deliverLayers?: (facts: LayerFacts[]) => void;
}

const short = (sha: string): string => sha.slice(0, 7);

/** A named context that is a relative folder (not `docker-image://`, a URL or an absolute path). */
const isLocalContext = (value: string): boolean => !value.includes('://') && !isAbsolute(value);

/** The `--target` to build: the stage's name, or '' for an unnamed last stage. */
export function targetStageName(model: DockerfileModel, plan: BuildPlan): string {
  return model.graph.stages[plan.target]?.name ?? '';
}

/** The base Dockerfile's stage that corresponds to the head's target, if it has one. */
function findBaseTarget(base: DockerfileModel, head: DockerfileModel, plan: BuildPlan): Stage | undefined {
  const headStage = head.graph.stages[plan.target];
  const stages = base.graph.stages;
  if (headStage?.name) return stages.find((s) => s.key === headStage.name?.toLowerCase());
  // An unnamed target is the last stage (BuildKit can only --target a name).
  return stages[stages.length - 1];
}

/** What the base build reads: the head's cache sources, with the head's per-stage gha scopes. */
function baseCacheFrom(args: BaselineArgs): string[] {
  const { model, plan, inputs } = args;
  return stageCache({
    cacheFrom: inputs['cache-from'],
    cacheTo: [],
    dockerfile: inputs.file,
    stage: model.graph.stages[plan.target]?.key ?? String(plan.target),
    isTarget: true,
    plannedStages: plan.stages.map((i) => model.graph.stages[i]?.key ?? String(i)),
  }).cacheFrom;
}

/** Builds and measures the target in a worktree of `sha`. */
async function buildBase(
  args: BaselineArgs,
  repo: string,
  cwd: string,
  sha: string,
): Promise<BaseComparison> {
  const { engine, inputs, log } = args;
  // Paths as the user gave them, relative to `cwd`; the worktree mirrors the repository root.
  const prefix = relative(repo, cwd);
  const inWorktree = (dir: string, p: string): string =>
    join(dir, isAbsolute(p) ? relative(repo, p) : join(prefix, p));
  return withWorktree(engine, repo, sha, async (dir) => {
    const file = inWorktree(dir, inputs.file);
    if (!existsSync(file)) {
      return {
        status: 'new-image',
        sha,
        message: `The base commit ${short(sha)} has no ${inputs.file}: this is a new image, so there is no size change to report.`,
      };
    }
    let baseModel: DockerfileModel;
    try {
      baseModel = parseDockerfile(readFileSync(file, 'utf8'), inputs.file, inputs['build-args']);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return {
        status: 'failed',
        sha,
        message: `The base commit's ${inputs.file} could not be read: ${err.message}`,
      };
    }
    const stage = findBaseTarget(baseModel, args.model, args.plan);
    if (!stage) {
      const name = targetStageName(args.model, args.plan);
      return {
        status: 'new-image',
        sha,
        message: `The base commit ${short(sha)} has no stage '${name}' in ${inputs.file}: this is a new image, so there is no size change to report.`,
      };
    }
    log.info(`Building stage '${stage.name ?? stage.index}' of the base commit ${short(sha)}...`);
    const built = await buildImage(args.docker, {
      backend: args.facts.backend,
      context: inWorktree(dir, inputs.context),
      file,
      target: stage.name ?? '',
      // The same secrets, ssh, platforms and cache settings as the head; named contexts that are
      // folders are the base commit's, like the main context.
      ...buildOptionsOf(inputs),
      buildContexts: inputs['build-contexts'].map((c) =>
        isLocalContext(c.value) ? { ...c, value: inWorktree(dir, c.value) } : c,
      ),
      builder: inputs.builder,
      // The same caches the head's builds read, its per-stage gha scopes included; the base build must
      // not overwrite what the head exported, so it exports nothing.
      cacheFrom: baseCacheFrom(args),
      cacheTo: [],
      load: true,
      // Measured: from the file it was loaded from, where the driver exports (as the head's target).
      throughFile: loadsThroughFile(args.facts),
      cwd: join(dir, prefix),
      signal: args.signal,
      onLine: (line) => log.debug(line),
    });
    return measureBuiltBase(args, built, baseModel, stage.index, sha);
  });
}

/** The base's built target, measured (from the file it was loaded from, where there is one). */
async function measureBuiltBase(
  args: BaselineArgs,
  built: ImageBuildResult,
  baseModel: DockerfileModel,
  target: number,
  sha: string,
): Promise<BaseComparison> {
  try {
    if (!built.ok || !built.imageId) return notBuilt(sha, built.exitCode, built.tail);
    const image = await measureImage(args.docker, built.imageId, baseModel, target, {
      scans: args.scans,
      imageStore: args.facts.imageStore,
      pair: args.pairing && { pairing: args.pairing, side: 'base' },
      archive: built.archive,
      debug: (line) => args.log.debug(line),
    });
    return { status: 'compared', sha, source: 'built', image };
  } finally {
    removeExport(built.archive);
  }
}

/** The comparison when the base commit's target did not build: the build's last lines say why. */
function notBuilt(sha: string, exitCode: number | undefined, lines: string[]): BaseComparison {
  const tail = lines
    .filter((l) => l.trim())
    .slice(-5)
    .join('\n');
  return {
    status: 'failed',
    sha,
    message: `The base commit ${short(sha)} did not build (exit ${exitCode}), so there is no size change to report.${tail ? `\n${tail}` : ''}`,
  };
}

/**
 * Builds and measures the target at the base commit (or reuses a cached base report). The head's
 * measurement waits (in the layer store) until the saved report was looked up: its layer facts are
 * those of most of the head's layers.
 */
export async function measureBase(args: BaselineArgs): Promise<BaseComparison> {
  const deliver = args.scans?.layers.expect() ?? (() => undefined);
  try {
    return await measureBaseWith({ ...args, deliverLayers: deliver });
  } finally {
    deliver([]);
    // No base image was measured (a saved report, no base, a failed build): the head reads alone.
    args.pairing?.offer('base', undefined);
  }
}

async function measureBaseWith(args: BaselineArgs): Promise<BaseComparison> {
  const { inputs, event } = args;
  if (!inputs.compare) return { status: 'disabled', message: 'compare is false' };
  const cache = args.cache ?? NO_CACHE;
  const cwd = resolve(args.cwd ?? process.cwd());
  const pr = event.pullRequest;

  const ref = inputs['base-ref'] ?? pr?.baseRef;
  const wanted = inputs['base-ref'] ?? pr?.baseSha;
  if (!wanted) {
    return {
      status: 'disabled',
      message: pr
        ? 'The pull request event has no base commit; set base-ref to compare.'
        : 'Not a pull request and no base-ref: nothing to compare with.',
    };
  }
  return compareWith(args, cwd, cache, ref, wanted);
}

/**
 * The commit GitHub merged the PR onto, when HEAD is its two-parent merge (refs/pull/N/merge, what
 * actions/checkout checks out for pull_request): its first parent, the base branch's tip when GitHub
 * made the merge. `pull_request.base.sha` can be older, and comparing with it would count other PRs'
 * changes as this one's. Undefined when `base-ref` is set or HEAD is not such a merge.
 */
async function mergedOnto(args: BaseLocating, repo: string): Promise<string | undefined> {
  const pr = args.event.pullRequest;
  if (args.inputs['base-ref'] || !pr?.headSha) return undefined;
  const parents = await parentsOf(args.engine, repo, 'HEAD');
  if (parents.length !== 2 || parents[1] !== pr.headSha) return undefined;
  if (parents[0] !== pr.baseSha)
    args.log.info(
      `HEAD is GitHub's merge of the pull request onto ${short(parents[0])}: comparing with that commit, ` +
        `not the event's older base ${short(pr.baseSha ?? '')}.`,
    );
  return parents[0];
}

/** What finding the base commit needs. */
export type BaseLocating = Pick<BaselineArgs, 'engine' | 'log' | 'inputs' | 'event'>;

/**
 * The repository and the base commit `wanted` (a sha or ref; GitHub's merge base when HEAD is the
 * pull request's merge), fetched when the checkout lacks it. Throws GitError when git cannot.
 */
export async function locateBase(
  args: BaseLocating,
  cwd: string,
  wanted: string,
): Promise<{ repo: string; sha: string }> {
  const repo = await repositoryRoot(args.engine, cwd);
  const sha = await resolveCommit(args.engine, repo, (await mergedOnto(args, repo)) ?? wanted);
  return { repo, sha };
}

async function compareWith(
  args: BaselineArgs,
  cwd: string,
  cache: TextCache,
  ref: string | undefined,
  wanted: string,
): Promise<BaseComparison> {
  const { inputs } = args;
  let repo: string;
  let sha: string;
  try {
    ({ repo, sha } = await locateBase(args, cwd, wanted));
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    const given = inputs['base-ref'];
    // A base-ref the user wrote that names no commit is their mistake (a typo such as 'mian'), not the base's.
    if (given !== undefined)
      throw new UserError(
        `Input 'base-ref' is '${given}', which git cannot resolve to a commit: ${err.message} ` +
          "Set it to a branch, tag or commit sha that exists in the repository (e.g. 'main'), and check out " +
          "with actions/checkout 'fetch-depth: 0' so git has it.",
        'inputs',
      );
    return {
      status: 'failed',
      ref,
      message: `${err.message} Fetch the base with actions/checkout 'fetch-depth: 0' if origin is unreachable.`,
    };
  }
  const stages = await baseStageNames(args, repo, cwd, sha);
  return { ...(await comparisonAt(args, repo, cwd, cache, sha)), ref, ...(stages ? { stages } : {}) };
}

/** The stage names of the base commit's Dockerfile (for the test gate), when it has one that parses. */
async function baseStageNames(
  args: BaselineArgs,
  repo: string,
  cwd: string,
  sha: string,
): Promise<string[] | undefined> {
  const path = relative(repo, resolve(cwd, args.inputs.file));
  const text = await fileAtCommit(args.engine, repo, sha, path);
  if (text === undefined) return undefined;
  try {
    const model = parseDockerfile(text, args.inputs.file, args.inputs['build-args']);
    return model.graph.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return undefined;
  }
}

/** The base's measurement at `sha`: a saved report, else built in a worktree. */
async function comparisonAt(
  args: BaselineArgs,
  repo: string,
  cwd: string,
  cache: TextCache,
  sha: string,
): Promise<BaseComparison> {
  const { inputs, log } = args;
  const key = baseReportKey({
    sha,
    file: inputs.file,
    target: targetStageName(args.model, args.plan),
    inputs,
    imageStore: args.facts.imageStore,
  });
  const cachedText = await cache.get(key);
  const cached = cachedText ? parseBaseReport(cachedText, sha) : undefined;
  // Before building: the base's own measurement reads the layer store too.
  args.deliverLayers?.(cached && cachedText ? parseBaseReportLayers(cachedText, sha) : []);
  if (cached) {
    log.info(`Using the saved base report for ${short(sha)} (${key}).`);
    return { status: 'compared', sha, source: 'cache', image: cached };
  }

  try {
    return await buildBase(args, repo, cwd, sha);
  } catch (err) {
    // The base's own problems (checkout, build, measuring) are reported, not held against the PR.
    if (!(err instanceof GitError || err instanceof UserError)) throw err;
    return { status: 'failed', sha, message: err.message };
  }
}
