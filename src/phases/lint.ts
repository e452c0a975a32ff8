/**
 * The findings: the Dockerfile linted against the plan (which stage ships, which is the test). It is
 * this process's CPU work, so the build phase runs it while the engine builds.
 */
import type { Finding } from '../model.js';
import { loadLintSetup, runLint } from '../rules/lint.js';
import type { ShellChecker } from '../rules/shell/shellcheck.js';
import type { Runner } from '../seams/runner.js';
import { jobErrorOf, type JobError } from './context.js';
import type { JobPlan } from './plan.js';
import type { JobStart } from './read.js';

export interface JobFindings {
  findings: Finding[];
  errors: JobError[];
  /** About the lint itself, shown once in the report (ShellCheck missing); never findings. */
  notes?: string[];
}

export function lintJob(
  runner: Runner,
  start: JobStart,
  planned: JobPlan,
  shellcheck?: ShellChecker,
): JobFindings {
  const { model, inputs } = start;
  if (!model) return { findings: [], errors: [] };
  const plan = planned.plan;
  try {
    const setup = loadLintSetup({ config: inputs.config, context: inputs.context, file: inputs.file });
    const { findings, notices, notes } = runLint(model, {
      ...setup.options,
      target: plan?.target,
      testStage: plan?.testStage,
      builtStages: plan?.stages,
      shellcheck,
    });
    for (const message of notices) runner.warning(message, { title: 'stagegate: internal' });
    return { findings, errors: [], notes };
  } catch (err) {
    return { findings: [], errors: [jobErrorOf('findings', err)] };
  }
}
