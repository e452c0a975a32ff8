/**
 * The findings: the Dockerfile linted against the plan (which stage ships, which is the test). It is
 * this process's CPU work, so the build phase runs it while the engine builds. Then
 * `compareFindingsWithBase` lints the base commit's Dockerfile the same way and marks each finding
 * new or existing (baseline/findings.ts), so that the comment leads with the pull request's own.
 */
import { readBaseDockerfile, type BaseDockerfile } from '../baseline/base-dockerfile.js';
import { baselineSummary, markBaseline } from '../baseline/findings.js';
import type { BuildPlan } from '../build/plan.js';
import { parseDockerfile } from '../dockerfile/load.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import type { Finding, FindingsBaseline } from '../model.js';
import { loadLintSetup, runLint } from '../rules/lint.js';
import type { ShellChecker } from '../rules/shell/shellcheck.js';
import type { Runner } from '../seams/runner.js';
import type { JobMeasurements } from './build-and-measure.js';
import { jobErrorOf, type JobContext, type JobError } from './context.js';
import type { JobPlan } from './plan.js';
import type { JobStart } from './read.js';

export interface JobFindings {
  findings: Finding[];
  errors: JobError[];
  /** How the findings compare with the base commit's; set by `compareFindingsWithBase`. */
  baseline?: FindingsBaseline;
  /** About the lint itself, shown once in the report (ShellCheck missing); never findings. */
  notes?: string[];
}

/** Which stages of a Dockerfile ship, are tested and built, for the linter. */
type LintPlan = Pick<BuildPlan, 'target' | 'testStage' | 'stages'>;

function lintWithSetup(
  onNotice: (message: string) => void,
  start: JobStart,
  model: DockerfileModel,
  plan?: LintPlan,
  shellcheck?: ShellChecker,
): { findings: Finding[]; notes: string[] } {
  const { inputs } = start;
  const setup = loadLintSetup({ config: inputs.config, context: inputs.context, file: inputs.file });
  const { findings, notices, notes } = runLint(model, {
    ...setup.options,
    target: plan?.target,
    testStage: plan?.testStage,
    builtStages: plan?.stages,
    shellcheck,
  });
  for (const message of notices) onNotice(message);
  return { findings, notes };
}

export function lintJob(
  runner: Runner,
  start: JobStart,
  planned: JobPlan,
  shellcheck?: ShellChecker,
): JobFindings {
  const { model } = start;
  if (!model) return { findings: [], errors: [] };
  try {
    const notice = (message: string): void => runner.warning(message, { title: 'stagegate: internal' });
    const { findings, notes } = lintWithSetup(notice, start, model, planned.plan, shellcheck);
    return { findings, errors: [], ...(notes.length ? { notes } : {}) };
  } catch (err) {
    return { findings: [], errors: [jobErrorOf('findings', err)] };
  }
}

/**
 * The head's plan in the base's stages, by stage name (indexes shift when a stage is added). An
 * unnamed target is the last stage, as in the base's build.
 */
function basePlanOf(head: DockerfileModel, base: DockerfileModel, plan: BuildPlan | undefined): LintPlan {
  const inBase = (index: number | undefined): number | undefined => {
    const key = index === undefined ? undefined : head.graph.stages[index]?.name?.toLowerCase();
    const found = key === undefined ? -1 : base.graph.stages.findIndex((s) => s.key === key);
    return found < 0 ? undefined : found;
  };
  const last = base.graph.stages.length - 1;
  return {
    target: inBase(plan?.target) ?? last,
    testStage: inBase(plan?.testStage),
    stages: (plan?.stages ?? []).flatMap((i) => {
      const j = inBase(i);
      return j === undefined ? [] : [j];
    }),
  };
}

/** The base's findings under the head's config, or why there are none to compare with. */
function lintBase(
  runner: Runner,
  start: JobStart,
  planned: JobPlan,
  head: DockerfileModel,
  read: BaseDockerfile,
): { model: DockerfileModel; findings: Finding[]; sha: string } | { reason: string } {
  const { inputs } = start;
  if (read.status === 'none') return { reason: read.reason };
  if (read.status === 'absent')
    return { reason: `the base commit ${read.sha.slice(0, 7)} has no ${inputs.file}` };
  let model: DockerfileModel;
  try {
    model = parseDockerfile(read.text, inputs.file, inputs['build-args']);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { reason: `the base commit's ${inputs.file} could not be read (${err.message})` };
  }
  const plan = basePlanOf(head, model, planned.plan);
  // Its rule notices are the head's too, or about a file this pull request replaced: debug only.
  const notice = (message: string): void => runner.debug(`Linting the base commit's Dockerfile: ${message}`);
  // ShellCheck is not run again here: its findings on the base would only be matched away.
  return { model, findings: lintWithSetup(notice, start, model, plan).findings, sha: read.sha };
}

/**
 * Marks each finding new or existing against the base commit's Dockerfile (on a pull request; on a
 * push, or without a base, all are new). Never fails the job: without a base, all are new.
 */
export async function compareFindingsWithBase(
  ctx: JobContext,
  start: JobStart,
  planned: JobPlan,
  linted: JobFindings,
  measured: JobMeasurements,
): Promise<JobFindings> {
  const { model, inputs, event } = start;
  if (!model || linted.errors.length) return linted;
  const read = start.badInputs
    ? { status: 'none' as const, reason: 'an input is wrong, so the base commit was not read' }
    : await readBaseDockerfile({
        engine: ctx.engine,
        log: ctx.runner,
        inputs,
        event,
        compared: measured.base,
      });
  const base = lintBase(ctx.runner, start, planned, model, read);
  if ('reason' in base) {
    ctx.runner.debug(`Every finding counts as new: ${base.reason}.`);
    const findings = markBaseline({ model, findings: linted.findings }, undefined);
    return { ...linted, findings, baseline: baselineSummary(findings, { reason: base.reason }) };
  }
  const findings = markBaseline({ model, findings: linted.findings }, base);
  return { ...linted, findings, baseline: baselineSummary(findings, { sha: base.sha }) };
}
