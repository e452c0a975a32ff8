/**
 * The whole job as named phases, each returning the data the next takes (src/phases/):
 * read (event, inputs, Dockerfile) -> plan -> build and measure (head and base together, linting
 * while the engine builds; then the base's findings, to tell the new ones) -> judge (budgets, test gate, findings against fail-on) -> publish
 * (annotations, report files, outputs, summary, comment). An error in any phase is data the later
 * phases carry, so publish always runs and the step fails only after it (fail late).
 * Every side effect goes through the seams in `JobDeps`.
 */
import { createScanStore, type ScanStore } from './image/scan-store.js';
import { buildAndMeasure } from './phases/build-and-measure.js';
import type { JobContext } from './phases/context.js';
import { judgeJob } from './phases/judge.js';
import { compareFindingsWithBase, lintJob } from './phases/lint.js';
import { planJob } from './phases/plan.js';
import { publishJob, type JobResult } from './phases/publish.js';
import { readJob, type JobStart } from './phases/read.js';
import { postReportFile } from './report/publish.js';
import { createRedactor, redactingRunner } from './report/redact.js';
import { NO_CACHE, type TextCache } from './seams/cache.js';
import { createDocker } from './seams/docker.js';
import type { Engine } from './seams/engine.js';
import type { GitHubApi } from './seams/github/api.js';
import type { Runner } from './seams/runner.js';
import type { ShellChecker } from './rules/shell/shellcheck.js';

export type { JobResult } from './phases/publish.js';

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
  /** Aborted when the job is cancelled (the action: SIGINT/SIGTERM); default: never. */
  signal?: AbortSignal;
  /** ShellCheck for RUN scripts (the action and the CLI: the machine's); default: not run, no note. */
  shellcheck?: ShellChecker;
}

function contextOf(deps: JobDeps): JobContext {
  return {
    runner: deps.runner,
    engine: deps.engine,
    docker: createDocker(deps.engine),
    github: deps.github,
    reportPath: deps.reportPath,
    cache: deps.cache ?? NO_CACHE,
    scans: deps.scans ?? createScanStore(),
    signal: deps.signal ?? new AbortController().signal,
  };
}

/** Runs the job and returns what it produced; it never throws for user errors. */
export async function runJob(deps: JobDeps): Promise<JobResult> {
  const start = readJob(deps.runner);
  // From here on, whatever reaches the runner (warnings, annotations, outputs, the summary, the
  // failure) has this run's secrets redacted; publish redacts the report model itself.
  const ctx = contextOf({ ...deps, runner: redactingRunner(deps.runner, createRedactor(start.secrets)) });
  if (start.inputs['report-file'] && !start.badInputs) {
    // Post-only mode (the workflow_run half of the fork pattern): nothing is built here.
    return postOnly(ctx, start);
  }
  const planned = planJob(start);
  const { measured, alongside: headFindings } = await buildAndMeasure(ctx, start, planned, () =>
    lintJob(ctx.runner, start, planned, deps.shellcheck),
  );
  // Which findings this pull request brought: the base commit's Dockerfile, linted the same way.
  const linted = await compareFindingsWithBase(ctx, start, planned, headFindings, measured);
  const verdict = judgeJob(start, planned, linted, measured);
  return publishJob(ctx, start, planned, linted, measured, verdict);
}

async function postOnly(ctx: JobContext, start: JobStart): Promise<JobResult> {
  const { inputs, event } = start;
  const redact = createRedactor(start.secrets);
  const posted = await postReportFile({ runner: ctx.runner, github: ctx.github, redact }, inputs, event);
  return {
    report: posted.report,
    markdown: posted.result?.commentBody,
    reportPath: inputs['report-file'],
    failures: posted.failures,
  };
}
