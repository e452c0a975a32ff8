/**
 * Publishing a finished report: outputs, job summary and the sticky PR comment, by event:
 * - pull_request (and pull_request_target): all three;
 * - push: outputs and summary, no comment (there is no PR; the base report is saved by the size work);
 * - anything else (workflow_dispatch, schedule, merge_group...): outputs and summary only;
 * - workflow_run with the `report-file` input (post-only mode): the comment for the PR that the
 *   triggering run built, after checking that the PR's head is the commit that run built.
 * It talks to the world only through the runner and GitHub seams it is given.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs } from '../inputs.js';
import { GitHubPermissionError, type GitHubApi } from '../seams/github/api.js';
import type { EventContext, Runner } from '../seams/runner.js';
import { COMMENT_MAX_CHARS, SUMMARY_MAX_BYTES, SUMMARY_RESERVED_BYTES } from '../limits.js';
import { renderMarkdown } from './markdown.js';
import { commentMarker } from '../seams/github/marker.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../model.js';
import { redactDeep, type Redact } from './redact.js';

export type GitHubFactory = (token: string, baseUrl: string) => GitHubApi;

export interface PublishDeps {
  runner: Runner;
  github?: GitHubFactory;
  /**
   * Post-only mode: redacts a report read from a file before anything renders it (secret-looking
   * `NAME=value` and this run's secrets), in case the run that wrote it did not.
   */
  redact?: Redact;
}

export interface PublishRequest {
  report: Report;
  reportPath: string;
  inputs: Pick<Inputs, 'comment' | 'github-token' | 'file' | 'target'>;
  event: EventContext;
  /** The PR to comment on; by default the event's. */
  pullRequest?: number;
  /** Post-only mode checks the PR's head against the commit the report was built from. */
  expectedHeadSha?: string;
}

export interface PublishResult {
  commentBody: string;
  summary: string;
  comment: 'created' | 'updated' | 'skipped' | 'failed';
}

const SUMMARY_BUDGET = SUMMARY_MAX_BYTES - SUMMARY_RESERVED_BYTES;

function runUrl(event: EventContext): string | undefined {
  if (!event.repository || !event.runId) return undefined;
  return `${event.serverUrl.replace(/\/+$/, '')}/${event.repository}/actions/runs/${event.runId}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const STILL_PUBLISHED =
  'The report is still in the job summary and in the comment-body and report-file outputs.';

/** GitHub's wording when a token lacks the permission (installation tokens, then personal ones). */
function lacksPermission(message: string): boolean {
  return /not accessible by (integration|personal access token)/i.test(message);
}

/**
 * What went wrong and what would fix it, told apart: a bad token (401), a fork PR's read-only
 * token, a refused edit of stagegate's own comment, and a token that may not write comments.
 * `pull-requests: write` is suggested only where its absence is the cause.
 */
function permissionWarning(err: GitHubPermissionError, event: EventContext, pr: number): string {
  const said = `${err.status} ${err.message}`;
  if (err.status === 401) {
    return (
      `stagegate could not comment on PR #${pr}: GitHub refused the token (${said}). ` +
      'The token in the `github-token` input is invalid, expired or revoked; no `permissions:` entry changes that. ' +
      `${STILL_PUBLISHED} Fix: pass a valid token, or leave \`github-token\` at its default, the workflow's own token.`
    );
  }
  if (event.pullRequest?.fromFork) {
    return (
      `stagegate could not comment on PR #${pr}: the token may not write comments (${said}). ` +
      'This pull request comes from a fork, and GitHub gives fork PRs a read-only token whatever the workflow asks for, ' +
      `so adding \`permissions: pull-requests: write\` does not help here. ${STILL_PUBLISHED} ` +
      'Fix: post the report from a second workflow triggered by workflow_run with the `report-file` input ' +
      '(see docs/forks.md). Do not build PR code under pull_request_target.'
    );
  }
  if (err.operation === 'update' && !lacksPermission(err.message)) {
    return (
      `stagegate could not update its comment on PR #${pr}: GitHub refused the edit of ` +
      `${err.commentUrl ?? 'its earlier comment'} (${said}). That comment still shows an earlier run's report. ` +
      `${STILL_PUBLISHED} stagegate does not post a second comment beside it (two reports would disagree). ` +
      'Fix: if the conversation is locked, unlock it; otherwise delete that comment, and the next run creates a new one.'
    );
  }
  const verb = err.operation === 'update' ? 'edit its comment' : 'write comments';
  return (
    `stagegate could not comment on PR #${pr}: the token may not ${verb} (${said}). ${STILL_PUBLISHED} ` +
    'Fix: give the job `permissions: pull-requests: write` (or pass a token that may comment); for PRs from forks, ' +
    'post the report from a second workflow triggered by workflow_run with the `report-file` input (see docs/forks.md). ' +
    'Do not build PR code under pull_request_target.'
  );
}

/** Sets the outputs, writes the job summary and posts the comment. Never throws for API failures. */
export async function publishReport(deps: PublishDeps, request: PublishRequest): Promise<PublishResult> {
  const { runner } = deps;
  const { report, reportPath, inputs, event } = request;
  const marker = commentMarker(report.dockerfile, inputs.target);
  const run = runUrl(event);
  const summaryHint = run
    ? `the [job summary](${run}) and the JSON report (\`report-file\` output)`
    : 'the job summary';

  const commentBody = renderMarkdown(report, {
    maxChars: COMMENT_MAX_CHARS - marker.length - 1,
    limitName: `GitHub's ${COMMENT_MAX_CHARS.toLocaleString('en-US')}-character limit for comments`,
    fullReportHint: summaryHint,
  });
  const summary = renderMarkdown(report, {
    maxBytes: SUMMARY_BUDGET,
    limitName: "GitHub's 1 MiB limit for job summaries",
    allFindings: true,
    fullReportHint: 'the JSON report (the `report-file` output)',
  });

  runner.setOutput('size', report.image ? String(report.image.size) : '');
  runner.setOutput('compressed-size', report.image ? String(report.image.compressedSize) : '');
  runner.setOutput('base-size', report.base.image ? String(report.base.image.size) : '');
  runner.setOutput('size-delta', report.delta ? String(report.delta.size) : '');
  runner.setOutput('test-result', report.test.result);
  runner.setOutput('findings', String(report.findings.length));
  runner.setOutput('report-file', reportPath);
  runner.setOutput('comment-body', commentBody);
  await runner.writeSummary(summary);

  const pr = request.pullRequest ?? event.pullRequest?.number;
  if (!inputs.comment) return { commentBody, summary, comment: 'skipped' };
  if (pr === undefined) {
    runner.info(
      `No PR comment for a ${event.eventName || 'local'} event; the report is in the job summary and the outputs.`,
    );
    return { commentBody, summary, comment: 'skipped' };
  }
  if (!event.repository || !deps.github) return { commentBody, summary, comment: 'skipped' };

  const [owner, repo] = event.repository.split('/');
  try {
    const api = deps.github(inputs['github-token'], event.apiUrl);
    if (request.expectedHeadSha) {
      const head = await api.getPullRequest(owner, repo, pr);
      if (head.headSha !== request.expectedHeadSha) {
        runner.warning(
          `Not commenting on PR #${pr}: its head is ${head.headSha}, but the report was built from ${request.expectedHeadSha}. ` +
            'The report names a PR that the triggering run did not build (or the PR moved on since).',
        );
        return { commentBody, summary, comment: 'skipped' };
      }
    }
    const res = await api.upsertComment({ owner, repo, issueNumber: pr }, marker, commentBody);
    const dupes = res.removedDuplicates
      ? ` (removed ${res.removedDuplicates} duplicate(s) from a concurrent run)`
      : '';
    const author = res.author ? ` as ${res.author}` : '';
    runner.info(`PR comment ${res.action}${author}${res.url ? `: ${res.url}` : ''}${dupes}`);
    return { commentBody, summary, comment: res.action };
  } catch (err) {
    if (err instanceof GitHubPermissionError) runner.warning(permissionWarning(err, event, pr));
    else runner.warning(`stagegate could not post the PR comment on #${pr}: ${describe(err)}`);
    return { commentBody, summary, comment: 'failed' };
  }
}

/**
 * `report-file` may name the file, or the directory an artifact was downloaded to when it holds
 * exactly one JSON file (the report's name depends on `file` and `target`, so users need not spell it).
 */
export function resolveReportPath(given: string): string {
  if (!existsSync(given) || !statSync(given).isDirectory()) return given;
  const json = readdirSync(given).filter((f) => f.endsWith('.json'));
  if (json.length === 1) return join(given, json[0]);
  throw new ReportFileError(
    `Input 'report-file' is the directory '${given}', which holds ${json.length === 0 ? 'no JSON file' : `${json.length} JSON files (${json.join(', ')})`}; name the report file itself.`,
  );
}

/** Why a report file cannot be posted; thrown as a message the step fails with. */
export class ReportFileError extends Error {}

/**
 * Reads a report written by an earlier run. The file may come from an untrusted run (a fork's
 * artifact), so its shape is checked before anything renders it; rendering escapes every string.
 */
export function readReportFile(given: string): Report {
  const path = resolveReportPath(given);
  if (!existsSync(path)) {
    throw new ReportFileError(
      `Input 'report-file' is '${path}', which does not exist. Download the report artifact first ` +
        '(actions/download-artifact with run-id: ${{ github.event.workflow_run.id }}), then pass its path.',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ReportFileError(`Input 'report-file' ('${path}') is not JSON: ${describe(err)}`);
  }
  const problems = reportShapeProblems(data);
  if (problems.length) {
    throw new ReportFileError(
      `Input 'report-file' ('${path}') is not a stagegate report (schema ${REPORT_SCHEMA_VERSION}): ${problems.join('; ')}.`,
    );
  }
  return data as Report;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The checks renderers rely on: types of the fields they read without guarding. */
export function reportShapeProblems(data: unknown): string[] {
  if (!isObject(data)) return ['the top level is not an object'];
  const p: string[] = [];
  if (data.schemaVersion !== REPORT_SCHEMA_VERSION)
    p.push(`schemaVersion is ${JSON.stringify(data.schemaVersion)}`);
  if (typeof data.dockerfile !== 'string') p.push('dockerfile is not a string');
  if (!isObject(data.source)) p.push('source is not an object');
  if (!isObject(data.test) || typeof data.test.result !== 'string') p.push('test.result is missing');
  if (!isObject(data.base) || typeof data.base.status !== 'string') p.push('base.status is missing');
  if (!isObject(data.tool)) p.push('tool is not an object');
  for (const key of ['stages', 'builds', 'budgets', 'findings', 'errors']) {
    if (!Array.isArray(data[key])) p.push(`${key} is not a list`);
  }
  if (data.image !== undefined) {
    const img = data.image;
    if (
      !isObject(img) ||
      typeof img.size !== 'number' ||
      typeof img.compressedSize !== 'number' ||
      !Array.isArray(img.layers)
    )
      p.push('image is malformed');
  }
  if (data.delta !== undefined && (!isObject(data.delta) || !Array.isArray(data.delta.layers)))
    p.push('delta is malformed');
  if (
    Array.isArray(data.findings) &&
    !data.findings.every((f) => isObject(f) && typeof f.line === 'number' && typeof f.message === 'string')
  )
    p.push('findings are malformed');
  if (Array.isArray(data.stages) && !data.stages.every((s) => isObject(s) && typeof s.base === 'string'))
    p.push('stages are malformed');
  return p;
}

/**
 * Post-only mode: render and post a report an earlier run wrote. Under workflow_run the PR number
 * comes from the report, so it is trusted only when that PR's head is the commit the run built.
 */
export async function postReportFile(
  deps: PublishDeps,
  inputs: Pick<Inputs, 'comment' | 'github-token' | 'file' | 'target' | 'report-file'>,
  event: EventContext,
): Promise<{ report?: Report; result?: PublishResult; failures: string[] }> {
  const path = inputs['report-file'] ?? '';
  let report: Report;
  try {
    const read = readReportFile(path);
    report = deps.redact ? redactDeep(read, deps.redact) : read;
  } catch (err) {
    if (!(err instanceof ReportFileError)) throw err;
    deps.runner.error(err.message, { title: 'stagegate: report-file' });
    return { failures: [err.message] };
  }
  let pullRequest = event.pullRequest?.number;
  let expectedHeadSha: string | undefined;
  if (pullRequest === undefined && event.workflowRun) {
    const claimed = report.source.pullRequest;
    const known = event.workflowRun.pullRequests;
    if (typeof claimed === 'number' && (known.length === 0 || known.includes(claimed))) {
      pullRequest = claimed;
      expectedHeadSha = event.workflowRun.headSha;
      if (!expectedHeadSha) pullRequest = undefined;
    } else if (typeof claimed === 'number') {
      deps.runner.warning(
        `The report names PR #${claimed}, but the triggering run belongs to PR(s) ${known.join(', ')}; not commenting.`,
      );
    }
  }
  const result = await publishReport(deps, {
    report,
    reportPath: resolveReportPath(path),
    inputs,
    event,
    pullRequest,
    expectedHeadSha,
  });
  return { report, result, failures: [] };
}
