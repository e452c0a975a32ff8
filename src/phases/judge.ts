/**
 * Phase 4, judge: the size change, the budgets, and every reason the step fails: the errors the
 * phases before carried, failed stages, the test gate, budgets, and findings at or above `fail-on`.
 * Pure: data in, verdict out.
 */
import { evaluateBudgets } from '../image/budgets.js';
import { computeDelta } from '../image/delta.js';
import { findingsFailingOn, type BudgetResult, type SizeDelta } from '../model.js';
import type { JobError } from './context.js';
import type { JobFindings } from './lint.js';
import type { JobMeasurements } from './build-and-measure.js';
import type { JobPlan } from './plan.js';
import type { JobStart } from './read.js';

export interface JobVerdict {
  errors: JobError[];
  delta?: SizeDelta;
  budgets: BudgetResult[];
  /** Why the step fails, one line each; empty when it passes. */
  failures: string[];
}

function buildFailures(measured: JobMeasurements): string[] {
  const outcome = measured.outcome;
  if (!outcome) return [];
  // A failing test stage is reported once, as the test failure.
  const stages = outcome.builds
    .filter((b) => b.status === 'failed' && b.stage !== outcome.test.stage)
    .map((b) => `Stage '${b.stage}' failed to build.`);
  const test = outcome.test.result === 'failed' ? [`Test stage '${outcome.test.stage}' failed.`] : [];
  return [...stages, ...test];
}

export function judgeJob(
  start: JobStart,
  planned: JobPlan,
  linted: JobFindings,
  measured: JobMeasurements,
): JobVerdict {
  const errors = [...start.errors, ...planned.errors, ...linted.errors, ...measured.errors];
  const { image, base } = measured;
  const delta =
    image && base?.status === 'compared' && base.image ? computeDelta(image, base.image) : undefined;
  const budgets = evaluateBudgets(start.inputs, image, base?.image, delta);
  const failOn = start.inputs['fail-on'];
  const failing = findingsFailingOn(linted.findings, failOn);
  const failures = [
    ...errors.map((e) => e.message),
    ...buildFailures(measured),
    ...budgets.filter((b) => !b.passed).map((b) => b.message),
    ...(failing.length ? [`${failing.length} finding(s) at or above fail-on '${failOn}'.`] : []),
  ];
  return { errors, delta, budgets, failures };
}
