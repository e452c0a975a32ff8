/**
 * The whole job, in order: inputs -> Dockerfile model -> findings -> builds + test gate -> image size
 * -> base comparison -> report -> outputs, summary, annotations, comment -> fail (late).
 * Every side effect goes through the three seams passed in `JobDeps`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Backend } from './build/build-image.js';
import { executePlan, prepareBuilder, type BuildOutcome } from './build/execute.js';
import { planBuilds, type BuildPlan } from './build/plan.js';
import { loadDockerfile } from './dockerfile/load.js';
import type { DockerfileModel } from './dockerfile/types.js';
import { UserError } from './errors.js';
import { InputError, readRunnerInputs, type Inputs } from './inputs.js';
import { measureBase } from './baseline/compare.js';
import { evaluateBudgets } from './image/budgets.js';
import { computeDelta } from './image/delta.js';
import { measureImage, measureStageImages } from './image/measure.js';
import { createScanStore, type ScanStore } from './image/scan-store.js';
import { assembleReport } from './report/assemble.js';
import { renderMarkdown } from './report/markdown.js';
import { postReportFile, publishReport } from './report/publish.js';
import type { BaseComparison, ImageMeasurement, Report, ReportError, StageBuild } from './report/model.js';
import { annotationsFor } from './rules/annotations.js';
import { lintDockerfile, loadLintSetup } from './rules/lint.js';
import { allRules } from './rules/registry.js';
import { toSarif } from './rules/sarif.js';
import { findingsFailingOn, type Finding } from './rules/types.js';
import type { TextCache } from './seams/cache.js';
import type { Engine } from './seams/engine.js';
import type { GitHubApi } from './seams/github.js';
import type { EventContext, Runner } from './seams/runner.js';

export interface JobDeps {
  runner: Runner;
  engine: Engine;
  /** Makes the GitHub API client; absent where there is no API (the CLI). */
  github?: (token: string, baseUrl: string) => GitHubApi;
  /** Where the JSON report goes; default: a file under RUNNER_TEMP. */
  reportPath?: string;
  /** Saved base reports; default: none. The action passes the Actions cache, the benchmarks a local store. */
  cache?: TextCache;
  /** Image scans by image id; default: this run's only. The action and the CLI keep them on the machine. */
  scans?: ScanStore;
}

export interface JobResult {
  report?: Report;
  markdown?: string;
  reportPath?: string;
  /** Why the step fails; empty when it passes. */
  failures: string[];
}

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|CREDENTIAL|AUTH)/i;

function defaultReportPath(inputs: Inputs): string {
  const dir = process.env.RUNNER_TEMP || tmpdir();
  const slug = `${inputs.file}-${inputs.target ?? 'last'}`.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return join(dir, `stagegate-report-${slug}.json`);
}

function annotate(runner: Runner, findings: Finding[]): void {
  for (const a of annotationsFor(findings)) runner[a.level](a.message, a.props);
}

function sourceOf(event: EventContext): Report['source'] {
  return {
    repository: event.repository,
    serverUrl: event.serverUrl,
    sha: event.pullRequest?.headSha ?? event.sha,
    pullRequest: event.pullRequest?.number,
    event: event.eventName || undefined,
  };
}

/** A promise's outcome as data, so work started early can be awaited (and its error reported) later. */
type Settled<T> = { value: T } | { error: unknown };
const settledValue = <T>(value: T): Settled<T> => ({ value });
const settledError = <T>(error: unknown): Settled<T> => ({ error });

/** Runs the job and returns what it produced; it never throws for user errors. */
export async function runJob(deps: JobDeps): Promise<JobResult> {
  const { runner, engine } = deps;
  const event = runner.event();
  const errors: ReportError[] = [];
  const failures: string[] = [];

  let inputs: Inputs;
  try {
    inputs = readRunnerInputs(runner);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) runner.error(p, { title: 'stagegate: invalid input' });
    return { failures: err.problems };
  }
  if (inputs['report-file']) {
    // Post-only mode (the workflow_run half of the fork pattern): nothing is built here.
    const posted = await postReportFile({ runner, github: deps.github }, inputs, event);
    return {
      report: posted.report,
      markdown: posted.result?.commentBody,
      reportPath: inputs['report-file'],
      failures: posted.failures,
    };
  }
  if (event.eventName === 'pull_request_target') {
    runner.warning(
      'stagegate is building pull request code under pull_request_target, where it runs with a write token and ' +
        'the repository secrets. Build under pull_request and post from a workflow_run workflow instead (docs/forks.md).',
    );
  }
  for (const arg of inputs['build-args']) {
    if (arg.value && SECRET_NAME.test(arg.name)) runner.setSecret(arg.value);
  }

  // `fallbackStep` names the pipeline step; a UserError that knows better (e.g. a Dockerfile problem
  // found while planning) keeps its own.
  const recordError = (fallbackStep: string, err: unknown): void => {
    if (!(err instanceof UserError)) throw err;
    const step = err.step || fallbackStep;
    errors.push({ step, message: err.message });
    runner.error(err.message, {
      title: `stagegate: ${step}`,
      file: err.location?.file,
      startLine: err.location?.line,
    });
    failures.push(err.message);
  };

  let model: DockerfileModel | undefined;
  let plan: BuildPlan | undefined;
  let findings: Finding[] = [];
  let outcome: BuildOutcome | undefined;
  let image: ImageMeasurement | undefined;
  let base: BaseComparison | undefined;
  let builderReady: Promise<Backend> | undefined;

  try {
    model = loadDockerfile(resolve(inputs.file), inputs.file, inputs['build-args']);
  } catch (err) {
    recordError('dockerfile', err);
  }

  if (model) {
    // The engine checks (docker info, buildx version) start as soon as there is a plan.
    try {
      plan = planBuilds(model, inputs);
    } catch (err) {
      recordError('inputs', err);
    }
    if (plan) {
      builderReady = prepareBuilder(engine, runner, inputs);
      builderReady.catch(() => undefined); // awaited (and reported) below
    }
  }

  let linted = false;
  const lint = (): void => {
    if (!model || linted) return;
    linted = true;
    try {
      const setup = loadLintSetup({ config: inputs.config, context: inputs.context, file: inputs.file });
      findings = lintDockerfile(model, {
        ...setup.options,
        target: plan?.target,
        testStage: plan?.testStage,
        builtStages: plan?.stages,
        onNotice: (message) => runner.warning(message, { title: 'stagegate: internal' }),
      });
      annotate(runner, findings);
    } catch (err) {
      recordError('findings', err);
    }
  };

  if (model && plan) {
    const [m, p] = [model, plan];
    // Scans of the images this run reads (the base image is often the head's own), kept on this
    // machine when deps.scans has a directory behind it.
    const scans = deps.scans ?? createScanStore();
    let backend: Backend | undefined;
    try {
      backend = await builderReady;
    } catch (err) {
      recordError('build', err);
    }
    if (backend) {
      const b = backend;
      let headMeasured: (value: ImageMeasurement | undefined) => void = () => undefined;
      const head = new Promise<ImageMeasurement | undefined>((resolve) => (headMeasured = resolve));
      // The base build needs nothing from the head's, so it runs alongside it: the same builder runs
      // the steps they share once. It waits for the head's measurement only to save it (non-PR events).
      const baseDone = measureBase({
        engine,
        log: runner,
        inputs,
        event,
        model: m,
        plan: p,
        backend: b,
        head,
        cache: deps.cache,
        scans,
      }).then(settledValue, settledError<BaseComparison>);
      const building = runner
        .group('Build stages', () => executePlan(engine, runner, p, m, inputs, { backend: b }))
        .then(settledValue, settledError<BuildOutcome>);
      // Linting is this process's CPU work and the builds are the engine's: lint once their
      // processes have started (one turn of the event loop), not before.
      await new Promise((resolve) => setImmediate(resolve));
      lint();
      const built = await building;
      if ('error' in built) recordError('build', built.error);
      else outcome = built.value;
      // Each stage's size for the stage table, looked up while the target is measured.
      const stageSizes = outcome
        ? measureStageImages(engine, outcome.builds).then(settledValue, settledError<StageBuild[]>)
        : undefined;
      for (const build of outcome?.builds ?? []) {
        // A failing test stage is reported once, as the test failure below.
        const isTest = build.stage === outcome?.test.stage;
        if (build.status === 'failed' && !isTest) failures.push(`Stage '${build.stage}' failed to build.`);
      }
      if (outcome?.test.result === 'failed') {
        failures.push(`Test stage '${outcome.test.stage}' failed.`);
      }
      if (outcome?.targetImage) {
        const targetImage = outcome.targetImage;
        try {
          image = await runner.group('Measure image', () =>
            measureImage(engine, targetImage, m, p.target, { scans }),
          );
        } catch (err) {
          recordError('size', err);
        }
      }
      const sized = await stageSizes;
      if (outcome && sized) {
        if ('error' in sized) recordError('build', sized.error);
        else outcome.builds = sized.value;
      }
      headMeasured(image);
      const settled = await runner.group('Compare with base', () => baseDone);
      if ('error' in settled) recordError('base', settled.error);
      else base = settled.value;
    }
  }

  // Without a build (an unusable plan, no engine) the findings are all there is to report.
  lint();

  const delta =
    image && base?.status === 'compared' && base.image ? computeDelta(image, base.image) : undefined;
  const budgets = evaluateBudgets(inputs, image, base?.image, delta);
  for (const b of budgets) if (!b.passed) failures.push(b.message);
  const failing = findingsFailingOn(findings, inputs['fail-on']);
  if (failing.length) {
    failures.push(`${failing.length} finding(s) at or above fail-on '${inputs['fail-on']}'.`);
  }

  const report = assembleReport({
    dockerfile: inputs.file,
    context: inputs.context,
    source: sourceOf(event),
    model,
    plan,
    outcome,
    image,
    base,
    delta,
    budgets,
    findings,
    errors,
  });
  // The headline says why the step fails; findings fail it only at or above fail-on.
  report.failOn = inputs['fail-on'];
  const markdown = renderMarkdown(report);
  const reportPath = deps.reportPath ?? defaultReportPath(inputs);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
  // For code scanning (github/codeql-action/upload-sarif): findings as alerts on the Dockerfile's lines.
  const sarifPath = reportPath.replace(/\.json$/, '') + '.sarif';
  writeFileSync(sarifPath, JSON.stringify(toSarif(findings, allRules), null, 2) + '\n');
  runner.setOutput('sarif-file', sarifPath);

  await publishReport({ runner, github: deps.github }, { report, reportPath, inputs, event });

  return { report, markdown, reportPath, failures };
}
