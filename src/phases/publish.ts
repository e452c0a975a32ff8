/**
 * Phase 5, publish: everything the run can say, whatever failed before. Errors and findings as
 * annotations, base reports kept for later runs, the JSON report and SARIF files, then outputs, job
 * summary and the sticky comment (report/publish.ts). The step is failed only after all of it, by
 * the caller (fail late).
 *
 * Secrets are redacted here, once, from everything the phases before produced (report/redact.ts),
 * before anything is written: no renderer, file or cache entry sees a value the run masks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { targetStageName } from '../baseline/compare.js';
import { saveBaseReports } from '../baseline/save.js';
import type { Inputs } from '../inputs.js';
import { judgedFindings, type BaseComparison, type Finding, type Report } from '../model.js';
import { jobAnnotations } from '../report/annotations.js';
import { assembleReport } from '../report/assemble.js';
import { renderMarkdown } from '../report/markdown.js';
import { publishReport } from '../report/publish.js';
import { createRedactor, redactDeep } from '../report/redact.js';
import { toSarif } from '../report/sarif.js';
import { allRules } from '../rules/registry.js';
import { runnerTemp } from '../seams/runner-temp.js';
import type { EventContext, Runner } from '../seams/runner.js';
import type { JobMeasurements } from './build-and-measure.js';
import type { JobContext, JobError } from './context.js';
import type { JobVerdict } from './judge.js';
import type { JobFindings } from './lint.js';
import type { JobPlan } from './plan.js';
import type { JobStart } from './read.js';

export interface JobResult {
  report?: Report;
  markdown?: string;
  reportPath?: string;
  /** Why the step fails; empty when it passes. */
  failures: string[];
}

function defaultReportPath(inputs: Inputs): string {
  const dir = runnerTemp();
  const slug = `${inputs.file}-${inputs.target ?? 'last'}`.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return join(dir, `stagegate-report-${slug}.json`);
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

/** Only the annotations GitHub will show (see report/annotations.ts); the summary counts the rest. */
function annotate(runner: Runner, errors: JobError[], findings: Finding[]): void {
  for (const a of jobAnnotations(errors, findings).shown) runner[a.level](a.message, a.props);
}

/** Keeps this run's base reports; a push's own saved measurement is worth a line in the report. */
async function keepBaseReports(
  ctx: JobContext,
  start: JobStart,
  planned: JobPlan,
  measured: JobMeasurements,
): Promise<BaseComparison | undefined> {
  const { model } = start;
  const { plan } = planned;
  const { base, image } = measured;
  if (!model || !plan || !start.inputs.compare || !measured.engine) return base;
  const target = targetStageName(model, plan);
  const saved = await saveBaseReports({
    cache: ctx.cache,
    log: ctx.runner,
    inputs: start.inputs,
    event: start.event,
    target,
    imageStore: measured.engine.imageStore,
    head: image,
    base,
    layers: ctx.scans.layers,
  });
  if (!saved.own || base?.status !== 'disabled') return base;
  return {
    ...base,
    message:
      `${base.message ?? ''} This commit's measurement was saved for pull requests based on it.`.trim(),
  };
}

function writeReportFiles(ctx: JobContext, start: JobStart, report: Report, findings: Finding[]): string {
  const reportPath = ctx.reportPath ?? defaultReportPath(start.inputs);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
  // For code scanning (github/codeql-action/upload-sarif): findings as alerts on the Dockerfile's lines.
  const sarifPath = reportPath.replace(/\.json$/, '') + '.sarif';
  writeFileSync(sarifPath, JSON.stringify(toSarif(findings, allRules), null, 2) + '\n');
  ctx.runner.setOutput('sarif-file', sarifPath);
  return reportPath;
}

/** The phases' data with every secret redacted: what publish writes is made from these only. */
function redacted(
  start: JobStart,
  data: { linted: JobFindings; measured: JobMeasurements; verdict: JobVerdict },
): { linted: JobFindings; measured: JobMeasurements; verdict: JobVerdict; redact: (s: string) => string } {
  const redact = createRedactor(start.secrets);
  return { ...redactDeep(data, redact), redact };
}

export async function publishJob(
  ctx: JobContext,
  start: JobStart,
  planned: JobPlan,
  rawLinted: JobFindings,
  rawMeasured: JobMeasurements,
  rawVerdict: JobVerdict,
): Promise<JobResult> {
  const { linted, measured, verdict, redact } = redacted(start, {
    linted: rawLinted,
    measured: rawMeasured,
    verdict: rawVerdict,
  });
  const { inputs, event, model } = start;
  // Annotated: the findings the step is judged on (by default the pull request's new ones).
  annotate(ctx.runner, verdict.errors, judgedFindings(linted.findings, inputs['fail-on-existing-findings']));
  const base = await keepBaseReports(ctx, start, planned, measured);
  // The model's strings (stage names, instruction text) are redacted with the rest.
  const report: Report = redactDeep<Report>(
    {
      ...assembleReport({
        dockerfile: inputs.file,
        context: inputs.context,
        source: sourceOf(event),
        model,
        plan: planned.plan,
        outcome:
          measured.outcome && verdict.test ? { ...measured.outcome, test: verdict.test } : measured.outcome,
        image: measured.image,
        base,
        delta: verdict.delta,
        budgets: verdict.budgets,
        findings: linted.findings,
        findingsBaseline: linted.baseline,
        lintNotes: linted.notes,
        engine: measured.engine,
        errors: verdict.errors.map(({ step, message }) => ({ step, message })),
      }),
      // The headline says why the step fails; findings fail it only at or above fail-on.
      failOn: inputs['fail-on'],
      failOnExistingFindings: inputs['fail-on-existing-findings'],
    },
    redact,
  );
  const reportPath = writeReportFiles(ctx, start, report, linted.findings);
  await publishReport({ runner: ctx.runner, github: ctx.github }, { report, reportPath, inputs, event });
  return { report, markdown: renderMarkdown(report), reportPath, failures: verdict.failures };
}
