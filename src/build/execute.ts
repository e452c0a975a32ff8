/**
 * Runs the build plan: every planned stage built once, all started together against the same builder
 * (which runs the steps they share once; see schedule.ts), then the test gate. Records per stage what
 * the report shows: times, cache, image id, and the failing step's output. Nothing here throws for a
 * failed build: failures are data, and main fails the step late, after the report and comment exist.
 */
import { stageLabel, transitiveDependencies } from '../dockerfile/graph.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Inputs } from '../inputs.js';
import type { EngineFacts, ReportError, StageBuild, TestResult } from '../model.js';
import type { Docker } from '../seams/docker.js';
import type { Runner } from '../seams/runner.js';
import { REPORT_LOG_LINES, STAGE_BUILD_CONCURRENCY } from '../limits.js';
import { buildOptionsOf, redactedCommand, stageCache, supportedCacheTo } from './argv.js';
import { cachedAcrossBuilds } from './progress.js';
import { buildImage, removeExport, type ImageBuildResult } from './build-image.js';
import { plannedDependencies, type BuildPlan } from './plan.js';
import { blameFailedDependencies, runAll } from './schedule.js';
import { locateStep, ownCommand } from './test-gate.js';
import { fromRefHints } from './hints.js';
import { buildEngineFault } from './engine-fault.js';
import { engineError, runTestImage } from './test-run.js';

export type Log = Pick<Runner, 'debug' | 'info' | 'notice' | 'warning' | 'group'>;

export interface BuildOutcome {
  /** The engine as detected once (see prepareBuilder); `engine.backend` is how stagegate built. */
  engine: EngineFacts;
  builds: StageBuild[];
  test: TestResult;
  /** Image id of the built target, loaded into the engine, when it built. */
  targetImage?: string;
  /**
   * The file the target was exported to and loaded from (`loadsThroughFile`), to measure it from;
   * whoever measures removes it (build-image.ts `removeExport`).
   */
  targetArchive?: string;
  /** The engine's faults (step 'engine'): not the Dockerfile's failures, but they fail the step. */
  errors: ReportError[];
}

export interface ExecuteOptions {
  /** How many stage builds run at once (BuildKit runs each build's steps in parallel too). */
  concurrency?: number;
  /** The engine `prepareBuilder` detected; when absent, executePlan prepares the builder itself. */
  engine?: EngineFacts;
  /** The job's cancellation: builds and the test run stop, and say so. */
  signal?: AbortSignal;
  /**
   * Told the target's image id (undefined when it did not build), and the file it was loaded from if
   * it was, once the builds are done, before the test run: the base's measurement may then read it
   * along (image/save-pairing.ts).
   */
  onTargetBuilt?: (imageId: string | undefined, archive: string | undefined) => void;
}

const LOG_TAIL = REPORT_LOG_LINES;

interface StageOutcome {
  build: StageBuild;
  result?: ImageBuildResult;
  /** Docker's message when the engine, not the Dockerfile, failed this build. */
  engineFault?: string;
}

function nonEmpty(lines: string[]): string[] {
  return lines.filter((l) => l.trim() !== '');
}

/** What the report shows for a failed build: the failing step, its output, BuildKit's message. */
function errorTail(result: ImageBuildResult): string[] {
  const f = result.failure;
  if (!f) return nonEmpty(result.tail).slice(-LOG_TAIL);
  const step = f.stage ? `[${f.stage}] ${f.command}` : f.command;
  return [`> ${step}`, ...nonEmpty(f.output).slice(-LOG_TAIL), `ERROR: ${f.message}`];
}

/**
 * Checks that the engine answers and detects, once, what it is: `docker buildx build` when buildx
 * works, else the BuildKit fallback (with a notice); the image store; the builder and its driver. The
 * `builder` input must name a builder buildx knows.
 */
export async function prepareBuilder(docker: Docker, log: Log, inputs: Inputs): Promise<EngineFacts> {
  // Both are quick questions to the CLI; asking them at once takes one round trip, not two.
  const [info, buildxVersion] = await Promise.all([docker.info(), docker.buildxVersion()]);
  const daemon = { serverVersion: info.serverVersion, imageStore: info.imageStore, platform: info.platform };
  if (buildxVersion === undefined) {
    log.notice(
      "docker buildx is not available ('docker buildx version' failed); building with DOCKER_BUILDKIT=1 docker build instead. " +
        'Add docker/setup-buildx-action for buildx, remote builders and cache export.',
    );
    return { backend: 'buildkit', ...daemon };
  }
  const builder = await docker.inspectBuilder(inputs.builder);
  return {
    backend: 'buildx',
    ...daemon,
    buildxVersion,
    builder: builder.name ?? inputs.builder,
    driver: builder.driver,
  };
}

interface StageBuildSetup {
  docker: Docker;
  log: Log;
  plan: BuildPlan;
  model: DockerfileModel;
  inputs: Inputs;
  engine: EngineFacts;
  /** The test stage's own CMD/ENTRYPOINT, when it sets one (its image is then loaded and run). */
  testCommand: ReturnType<typeof ownCommand>;
  signal?: AbortSignal;
}

const labelOf = (model: DockerfileModel, i: number): string => stageLabel(model.graph.stages[i]);

/**
 * Whether a stage nothing loads is built with `--output=type=cacheonly`. buildx's docker driver
 * exports every build into the engine's store; under the containerd store that export compresses
 * each new layer (seconds per 100 MB) for a stage image the report cannot size anyway (the store's
 * Size is packed: docs/size.md). Under the classic store the export compresses nothing and gives the
 * stage table its sizes, so it is kept. Other drivers keep an unloaded build in their cache anyway:
 * saying so only spares the log buildx's "No output specified" warning, once per stage. With the
 * driver unknown nothing is asked (it may be the classic store's docker driver).
 */
export function cacheOnlyUnlessLoaded(engine: EngineFacts): boolean {
  if (engine.backend !== 'buildx' || engine.driver === undefined) return false;
  return !(engine.driver === 'docker' && engine.imageStore === 'classic');
}

/**
 * Whether the target is loaded through a file it is exported to (`--output=type=docker,dest=`, then
 * `docker load`), and measured from that file. On buildx drivers other than docker (docker-container,
 * remote, kubernetes) a loaded image is an export the builder streams to the engine anyway, its
 * layers gzip-compressed as the builder stores and would push them: read from the file, their
 * compressed sizes are exact and nothing is compressed again, and no `docker save` is needed. The
 * docker driver writes straight into the engine's store: there is no export to keep.
 */
export function loadsThroughFile(engine: EngineFacts): boolean {
  return engine.backend === 'buildx' && engine.driver !== undefined && engine.driver !== 'docker';
}

/** Builds one planned stage; a warning several builds give is logged once. */
function stageBuilder(setup: StageBuildSetup): (i: number) => Promise<StageOutcome> {
  const { docker, log, plan, model, inputs, engine, testCommand } = setup;
  const { backend } = engine;
  const plannedStages = plan.stages.map((i) => model.graph.stages[i].key);
  const exportable = supportedCacheTo(inputs['cache-to'], engine);
  for (const w of exportable.warnings) log.warning(w);
  const warned = new Set<string>();
  return async (i) => {
    const stage = model.graph.stages[i];
    const label = labelOf(model, i);
    // The fallback cannot use cache exports at all: its warnings name the inputs as the user wrote them.
    const cache =
      backend === 'buildx'
        ? stageCache({
            cacheFrom: inputs['cache-from'],
            cacheTo: exportable.cacheTo,
            dockerfile: inputs.file,
            stage: stage.key,
            isTarget: i === plan.target,
            plannedStages,
          })
        : { cacheFrom: inputs['cache-from'], cacheTo: inputs['cache-to'] };
    // Load what later steps use: the target (measured) and a test image that is run.
    const load = i === plan.target || (i === plan.testStage && testCommand !== undefined);
    const result = await buildImage(docker, {
      backend,
      context: inputs.context,
      file: inputs.file,
      // Only the last stage may be unnamed here (the plan refuses others): no --target builds it.
      target: stage.name ?? '',
      ...buildOptionsOf(inputs),
      builder: inputs.builder,
      cacheFrom: cache.cacheFrom,
      cacheTo: cache.cacheTo,
      load,
      // The target is measured: from the file it was loaded from, where the driver exports (loadsThroughFile).
      throughFile: i === plan.target && loadsThroughFile(engine),
      cacheOnly: !load && cacheOnlyUnlessLoaded(engine),
      // What is loaded is measured or run here: build it for this engine, whatever the builder's own node is.
      platform: load && backend === 'buildx' ? engine.platform : undefined,
      signal: setup.signal,
      onStart: (args) => log.info(`[${label}] ${redactedCommand(args)}`),
      onLine: (line) => log.info(`[${label}] ${line}`),
    });
    for (const w of result.warnings ?? []) {
      if (warned.has(w)) continue;
      warned.add(w);
      log.warning(w);
    }
    return stageOutcome(label, result, setup.signal);
  };
}

/**
 * A build's record. One the engine failed (or the job's cancellation ended) did not finish: it is
 * `skipped`, saying why, never `failed` (that is the Dockerfile's failure).
 */
function stageOutcome(label: string, result: ImageBuildResult, signal?: AbortSignal): StageOutcome {
  const fault = result.ok
    ? undefined
    : (result.engineFault ??
      buildEngineFault({
        exitCode: result.exitCode,
        tail: result.tail,
        stepMessage: result.failure?.message,
        stepExitCode: result.failure?.exitCode,
      }));
  const cancelled = !result.ok && signal?.aborted === true;
  const unfinished = fault !== undefined || cancelled;
  const build: StageBuild = {
    stage: label,
    status: result.ok ? 'built' : unfinished ? 'skipped' : 'failed',
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: result.finishedAt - result.startedAt,
    cached: result.cached,
    imageId: result.imageId,
    errorTail: result.ok || unfinished ? undefined : errorTail(result),
    ...(cancelled
      ? { reason: 'the run was cancelled before it finished' }
      : fault
        ? { reason: `the Docker engine failed: ${fault}` }
        : {}),
  };
  return { build, result, engineFault: cancelled ? undefined : fault };
}

/** One engine error per distinct message docker gave, naming the stages it ended. */
function engineErrors(model: DockerfileModel, outcomes: Map<number, StageOutcome>): ReportError[] {
  const byMessage = new Map<string, string[]>();
  for (const [i, o] of outcomes) {
    if (o.engineFault === undefined) continue;
    byMessage.set(o.engineFault, [...(byMessage.get(o.engineFault) ?? []), labelOf(model, i)]);
  }
  return [...byMessage].map(([message, stages]) =>
    engineError(
      `building stage${stages.length > 1 ? 's' : ''} ${stages.map((s) => `'${s}'`).join(', ')}`,
      message,
    ),
  );
}

/**
 * Stages that failed because a stage they need failed, reported as skipped and blaming that stage
 * (always one that failed on its own account; see blameFailedDependencies) instead of its error again.
 */
function blameDependencies(
  model: DockerfileModel,
  plan: BuildPlan,
  attempted: Map<number, StageOutcome>,
): Map<number, StageOutcome> {
  return blameFailedDependencies<StageOutcome>(
    attempted,
    plannedDependencies(model.graph, plan),
    (o) => o.build.status === 'failed',
    (i, dep) => {
      const { startedAt, finishedAt } = attempted.get(i)!.build;
      return {
        build: {
          stage: labelOf(model, i),
          status: 'skipped',
          startedAt,
          finishedAt,
          durationMs: 0,
          cached: false,
          reason: `it needs stage '${labelOf(model, dep)}', which failed to build`,
        },
      };
    },
  );
}

export async function executePlan(
  docker: Docker,
  log: Log,
  plan: BuildPlan,
  model: DockerfileModel,
  inputs: Inputs,
  options: ExecuteOptions = {},
): Promise<BuildOutcome> {
  const engine = options.engine ?? (await prepareBuilder(docker, log, inputs));
  for (const hint of fromRefHints(model.graph))
    log.warning(hint.message, { title: 'stagegate: --from', file: model.file, startLine: hint.line });
  const testCommand =
    plan.testStage === undefined ? undefined : ownCommand(model.text, model.graph, plan.testStage);
  const { signal } = options;
  const buildStage = stageBuilder({ docker, log, plan, model, inputs, engine, testCommand, signal });
  const attempted = await runAll(plan.stages, options.concurrency ?? STAGE_BUILD_CONCURRENCY, buildStage);
  judgeCacheAcrossBuilds(model.graph, attempted);
  const outcomes = blameDependencies(model, plan, attempted);
  const builds = plan.stages.map((i) => outcomes.get(i)!.build);
  const target = outcomes.get(plan.target);
  const targetImage = target?.build.status === 'built' ? target.build.imageId : undefined;
  const targetArchive = targetImage ? target?.result?.archive : undefined;
  if (!targetArchive) removeExport(target?.result?.archive);
  options.onTargetBuilt?.(targetImage, targetArchive);
  // The test image was built for the first of the user's platforms, else for the engine's own.
  const runPlatform = engine.backend === 'buildx' ? (inputs.platforms?.[0] ?? engine.platform) : undefined;
  const gate = await testGate({
    docker,
    log,
    plan,
    model,
    outcomes,
    command: testCommand,
    inputs,
    signal,
    platform: runPlatform,
  });
  return {
    engine,
    builds,
    test: gate.test,
    targetImage,
    ...(targetArchive ? { targetArchive } : {}),
    errors: [...engineErrors(model, attempted), ...(gate.error ? [gate.error] : [])],
  };
}

/** BuildKit's bracket names for a stage's steps: its name, and `stage-N` (what unnamed stages show). */
function bracketNames(graph: DockerfileModel['graph'], index: number): string[] {
  const name = graph.stages[index]?.name;
  return name ? [name.toLowerCase(), `stage-${index}`] : [`stage-${index}`];
}

/**
 * Sets each built stage's `cached` from every build's output together: the stage's own output may lack
 * steps a concurrent build ran (or loaded from cache) for both. See cachedAcrossBuilds.
 */
function judgeCacheAcrossBuilds(graph: DockerfileModel['graph'], outcomes: Map<number, StageOutcome>): void {
  const outputs = [...outcomes.values()].map((o) => o.result?.steps ?? []);
  for (const [i, o] of outcomes) {
    if (o.build.status !== 'built') continue;
    const stages = new Set([i, ...transitiveDependencies(graph, i)].flatMap((s) => bracketNames(graph, s)));
    o.build.cached = cachedAcrossBuilds(outputs, stages) ?? o.build.cached;
  }
}

/** The step that failed first among the stages the test stage needs (for a test that could not build). */
function failedDependency(
  model: DockerfileModel,
  plan: BuildPlan,
  outcomes: Map<number, StageOutcome>,
  testStage: number,
): number | undefined {
  const deps = plannedDependencies(model.graph, plan).get(testStage) ?? [];
  return deps.find((d) => outcomes.get(d)?.build.status === 'failed');
}

/** The test verdict from a failed build of the test stage (or of a stage it needs). */
function buildFailure(
  model: DockerfileModel,
  plan: BuildPlan,
  stage: number,
  outcome: StageOutcome,
): TestResult['failedStep'] {
  const r = outcome.result;
  const f = r?.failure;
  const located = f ? locateStep(model.text, model.graph, f, stage) : {};
  return {
    kind: 'build',
    command: f?.command ?? `docker build --target ${stageLabel(model.graph.stages[stage])}`,
    line: located.line,
    exitCode: f?.exitCode ?? r?.exitCode,
  };
}

function failureLog(outcome: StageOutcome): string[] {
  const r = outcome.result;
  if (!r) return [];
  const own = r.failure ? nonEmpty(r.failure.output) : [];
  return (own.length ? [...own, `ERROR: ${r.failure?.message ?? ''}`] : nonEmpty(r.tail)).slice(-LOG_TAIL);
}

/**
 * The test gate. Building the test stage ran its RUN steps; when the stage sets CMD/ENTRYPOINT itself
 * its image is also run once (see test-gate.ts for why only then, and why with the default network).
 */
interface TestGateSetup {
  docker: Docker;
  log: Log;
  plan: BuildPlan;
  model: DockerfileModel;
  outcomes: Map<number, StageOutcome>;
  command: ReturnType<typeof ownCommand>;
  inputs: Inputs;
  signal?: AbortSignal;
  /** The platform the test image was built for (`docker run --platform`). */
  platform?: string;
}

async function testGate(setup: TestGateSetup): Promise<{ test: TestResult; error?: ReportError }> {
  const { plan, model, outcomes, command } = setup;
  if (plan.testStage === undefined)
    return { test: { result: 'skipped', reason: plan.testSkipReason ?? 'no test stage' } };
  const index = plan.testStage;
  const stage = stageLabel(model.graph.stages[index]);
  const outcome = outcomes.get(index);
  if (!outcome) return { test: { stage, result: 'skipped', reason: 'the test stage was not built' } };
  const unfinished = unfinishedTest(stage, setup, index);
  if (unfinished) return { test: unfinished };
  const built = builtTestVerdict(stage, plan, model, outcomes, index);
  if (built) return { test: built };
  if (!command) return { test: { stage, result: 'passed' } };
  const image = outcome.build.imageId;
  if (!image)
    return {
      test: {
        stage,
        result: 'failed',
        reason: 'the test image was built but its id is unknown, so its CMD/ENTRYPOINT could not be run',
        failedStep: { kind: 'run', command: command.command, line: command.line },
      },
    };
  return runTestImage(setup.docker, {
    stage,
    image,
    command,
    timeoutMs: setup.inputs['test-timeout'],
    signal: setup.signal,
    platform: setup.platform,
    log: setup.log,
  });
}

/**
 * No verdict when the engine failed the test stage (or a stage it needs), or the run was cancelled
 * before the tests ran: `error`, never `failed`.
 */
function unfinishedTest(stage: string, setup: TestGateSetup, index: number): TestResult | undefined {
  const { model, plan, outcomes } = setup;
  const needed = [index, ...(plannedDependencies(model.graph, plan).get(index) ?? [])];
  const fault = needed.map((i) => outcomes.get(i)?.engineFault).find((f) => f !== undefined);
  if (fault) return { stage, result: 'error', reason: `the Docker engine failed: ${fault}` };
  if (setup.signal?.aborted && outcomes.get(index)?.build.status !== 'built')
    return { stage, result: 'error', reason: 'the run was cancelled before the test stage was built' };
  return undefined;
}

/** The verdict when the test stage failed to build (or a stage it needs did); undefined when it built. */
function builtTestVerdict(
  stage: string,
  plan: BuildPlan,
  model: DockerfileModel,
  outcomes: Map<number, StageOutcome>,
  index: number,
): TestResult | undefined {
  const outcome = outcomes.get(index)!;

  if (outcome.build.status === 'failed')
    return {
      stage,
      result: 'failed',
      failedStep: buildFailure(model, plan, index, outcome),
      logTail: failureLog(outcome),
    };
  if (outcome.build.status === 'skipped') {
    // The tests could not run because what they test did not build: that blocks the merge too.
    const dep = failedDependency(model, plan, outcomes, index);
    const depOutcome = dep === undefined ? undefined : outcomes.get(dep);
    return {
      stage,
      result: 'failed',
      reason: `the test stage did not build: ${outcome.build.reason ?? 'a stage it needs failed'}`,
      failedStep: dep !== undefined && depOutcome ? buildFailure(model, plan, dep, depOutcome) : undefined,
      logTail: depOutcome ? failureLog(depOutcome) : undefined,
    };
  }
  return undefined;
}
