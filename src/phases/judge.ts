/**
 * Phase 4, judge: the size change, the budgets, and every reason the step fails: the errors the
 * phases before carried, failed stages, the test gate, budgets, and findings at or above `fail-on`
 * (the pull request's new ones, unless `fail-on-existing-findings`).
 * Pure: data in, verdict out.
 */
import { evaluateBudgets } from '../image/budgets.js';
import { computeDelta } from '../image/delta.js';
import {
  findingsFailingOn,
  judgedFindings,
  type BaseComparison,
  type BudgetResult,
  type SizeDelta,
  type TestResult,
} from '../model.js';
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
  /** The test verdict when the judge decides it (the base has the test stage this commit deleted). */
  test?: TestResult;
}

/**
 * The test gate's verdict when the PR deleted the test stage: the base commit's Dockerfile has the
 * stage the gate looks for and this one does not. Without this, deleting the tests passes the gate.
 * `test-stage: ''` turns the gate off on purpose, and then nothing is checked.
 */
function deletedTestStage(
  start: JobStart,
  planned: JobPlan,
  base: BaseComparison | undefined,
): TestResult | undefined {
  const wanted = start.inputs['test-stage'];
  const plan = planned.plan;
  if (wanted === undefined || !plan || plan.testStage !== undefined || !base?.stages) return undefined;
  const inBase = base.stages.find((s) => s.toLowerCase() === wanted.toLowerCase());
  if (!inBase) return undefined;
  return {
    stage: wanted,
    result: 'failed',
    reason:
      `the base commit's ${start.inputs.file} has the test stage '${inBase}', and this commit's has none: deleting it would turn the test gate off. ` +
      `Restore the stage, or set 'test-stage' to the stage that runs the tests now (test-stage: '' turns the gate off on purpose).`,
  };
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
  const baseProblem =
    base?.status === 'failed'
      ? 'the base commit failed to build, so there is no base image to compare with'
      : undefined;
  const budgets = evaluateBudgets(start.inputs, image, base?.image, delta, baseProblem);
  const deleted = deletedTestStage(start, planned, base);
  const failOn = start.inputs['fail-on'];
  const failOnExisting = start.inputs['fail-on-existing-findings'];
  const failing = findingsFailingOn(judgedFindings(linted.findings, failOnExisting), failOn);
  const which = linted.baseline?.sha !== undefined && !failOnExisting ? 'new ' : '';
  const failures = [
    ...errors.map((e) => e.message),
    ...buildFailures(measured),
    ...(deleted ? [`Test stage '${deleted.stage}' was deleted: ${deleted.reason}`] : []),
    ...budgets.filter((b) => !b.passed).map((b) => b.message),
    ...(failing.length ? [`${failing.length} ${which}finding(s) at or above fail-on '${failOn}'.`] : []),
  ];
  return { errors, delta, budgets, failures, ...(deleted ? { test: deleted } : {}) };
}
