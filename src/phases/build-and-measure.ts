/**
 * Phase 3, build and measure: the head's stage builds and test gate, the target's measurement and
 * each stage's size, and the base commit's build and measurement, all against one builder. The base
 * needs nothing from the head, so both run at once (the builder runs the steps they share once).
 * `alongside` is this process's own work (the lint), run once the builds have started.
 */
import { measureBase } from '../baseline/compare.js';
import { removeExport } from '../build/build-image.js';
import { executePlan, prepareBuilder, type BuildOutcome } from '../build/execute.js';
import type { BuildPlan } from '../build/plan.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { targetChain } from '../image/layers.js';
import { measureImage, measureStageImages } from '../image/measure.js';
import { createSavePairing, type SavePairing } from '../image/save-pairing.js';
import type { BaseComparison, EngineFacts, ImageMeasurement, StageBuild } from '../model.js';
import { jobErrorOf, type JobContext, type JobError } from './context.js';
import type { JobPlan } from './plan.js';
import type { JobStart } from './read.js';

export interface JobMeasurements {
  /** The engine as detected; absent when none answered. */
  engine?: EngineFacts;
  outcome?: BuildOutcome;
  image?: ImageMeasurement;
  base?: BaseComparison;
  errors: JobError[];
}

/** A step's result, or the user error it ended with (bugs are thrown on). */
type Attempt<T> = { value: T; error?: undefined } | { value?: undefined; error: JobError };

function attempt<T>(step: string, work: Promise<T>): Promise<Attempt<T>> {
  return work.then(
    (value) => ({ value }),
    (err: unknown) => ({ error: jobErrorOf(step, err) }),
  );
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const errorsOf = (...attempts: Array<Attempt<unknown> | undefined>): JobError[] =>
  attempts.flatMap((a) => (a?.error ? [a.error] : []));

/** The target's measurement and every built stage's size, looked up at once. */
async function measureHead(
  ctx: JobContext,
  model: DockerfileModel,
  plan: BuildPlan,
  outcome: BuildOutcome,
  pairing: SavePairing,
): Promise<{ builds: Attempt<StageBuild[]>; image?: Attempt<ImageMeasurement> }> {
  const stageSizes = attempt(
    'build',
    measureStageImages(ctx.docker, outcome.builds, outcome.engine.imageStore),
  );
  const target = outcome.targetImage;
  const image =
    target === undefined
      ? undefined
      : await attempt(
          'size',
          ctx.runner.group('Measure image', () =>
            measureImage(ctx.docker, target, model, plan.target, {
              scans: ctx.scans,
              imageStore: outcome.engine.imageStore,
              pair: { pairing, side: 'head' },
              archive: outcome.targetArchive,
              debug: (line) => ctx.runner.debug(line),
            }),
          ),
        );
  return { builds: await stageSizes, image };
}

/**
 * Starts the head's builds and the base's at once. The head offers its target to the base's
 * measurement as soon as it is built, so that one `docker save` reads both (image/save-pairing.ts).
 */
function startBuilds(
  ctx: JobContext,
  start: JobStart,
  model: DockerfileModel,
  plan: BuildPlan,
  facts: EngineFacts,
  pairing: SavePairing,
): { base: Promise<Attempt<BaseComparison>>; head: Promise<Attempt<BuildOutcome>> } {
  const { runner, engine, docker } = ctx;
  const { inputs, event } = start;
  const base = attempt(
    'base',
    measureBase({
      engine,
      docker,
      log: runner,
      inputs,
      event,
      model,
      plan,
      facts,
      cache: ctx.cache,
      scans: ctx.scans,
      pairing,
      signal: ctx.signal,
    }),
  );
  const baseImage = model.graph.stages[plan.target] ? targetChain(model, plan.target).baseImage : 'scratch';
  // A target loaded from its own export is measured from that file: there is no save to share.
  const onTargetBuilt = (imageId: string | undefined, archive: string | undefined) =>
    pairing.offer(
      'head',
      imageId === undefined || archive !== undefined || ctx.signal.aborted
        ? undefined
        : { imageId, baseImage },
    );
  const head = attempt(
    'build',
    runner.group('Build stages', () =>
      executePlan(docker, runner, plan, model, inputs, { engine: facts, signal: ctx.signal, onTargetBuilt }),
    ),
  );
  return { base, head };
}

/** The job's cancellation as the report's error: what was known is published, and the step fails. */
function cancellation(signal: AbortSignal): JobError[] {
  if (!signal.aborted) return [];
  const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled');
  return [
    {
      step: 'cancelled',
      message: `The run was cancelled (${why}) before it finished: builds and the test run were stopped, and this report says what was known by then.`,
    },
  ];
}

export async function buildAndMeasure<T>(
  ctx: JobContext,
  start: JobStart,
  planned: JobPlan,
  alongside: () => T,
): Promise<{ measured: JobMeasurements; alongside: T }> {
  const { model } = start;
  const { plan } = planned;
  if (!model || !plan) return { measured: { errors: [] }, alongside: alongside() };
  const prepared = await attempt('build', prepareBuilder(ctx.docker, ctx.runner, start.inputs));
  if (prepared.error) return { measured: { errors: [prepared.error] }, alongside: alongside() };
  const pairing = createSavePairing();
  const { base, head } = startBuilds(ctx, start, model, plan, prepared.value, pairing);
  // Lint once the builds' processes have started (one turn of the event loop), not before.
  await nextTurn();
  const alongsideResult = alongside();
  const built = await head;
  // A head that did not build (or was cancelled) measures nothing: the base's measurement reads alone.
  if (!built.value?.targetImage || ctx.signal.aborted) pairing.offer('head', undefined);
  let sized: Awaited<ReturnType<typeof measureHead>> | undefined;
  try {
    sized =
      built.value && !ctx.signal.aborted
        ? await measureHead(ctx, model, plan, built.value, pairing)
        : undefined;
  } finally {
    removeExport(built.value?.targetArchive);
  }
  const outcome =
    built.value && sized?.builds.value ? { ...built.value, builds: sized.builds.value } : built.value;
  const compared = await ctx.runner.group('Compare with base', () => base);
  const together = pairing.readTogether();
  if (together)
    ctx.runner.debug(`Measured the head's and the base's images from one docker save: ${together.join(' ')}`);
  return {
    measured: {
      engine: prepared.value,
      outcome,
      image: sized?.image?.value,
      // A base-ref that names no commit is an input error; the report says there was no comparison.
      base:
        compared.value ??
        (compared.error
          ? {
              status: 'disabled',
              message: `there is no base to compare with (${compared.error.step} error below)`,
            }
          : undefined),
      errors: [
        ...errorsOf(built, sized?.builds, sized?.image, compared),
        ...(built.value?.errors ?? []),
        ...cancellation(ctx.signal),
      ],
    },
    alongside: alongsideResult,
  };
}
