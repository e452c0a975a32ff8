/**
 * The runner seam: inputs, outputs, job summary, annotations, log groups, failure, and the event
 * that started the run. `@actions/core` and `@actions/github`'s context are imported here only, so
 * the CLI can supply a runner that prints to a terminal instead.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';

export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
}

export interface PullRequestInfo {
  number: number;
  baseSha?: string;
  baseRef?: string;
  headSha?: string;
  /** The head repository differs from the base one (a fork): the token is read-only. */
  fromFork: boolean;
}

export interface EventContext {
  eventName: string;
  /** The commit the workflow runs on (for pull_request: the merge commit). */
  sha?: string;
  ref?: string;
  /** owner/name */
  repository?: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  pullRequest?: PullRequestInfo;
  /** GITHUB_RUN_ID: links to this run's job summary. */
  runId?: string;
  /** The run that triggered a `workflow_run` event (the two-workflow fork pattern posts its report). */
  workflowRun?: WorkflowRunInfo;
}

export interface WorkflowRunInfo {
  /** The commit the triggering run built (the PR head for pull_request runs). */
  headSha?: string;
  /** The triggering run's event, e.g. `pull_request`. */
  event?: string;
  /** PR numbers GitHub associates with the run (empty for PRs from forks). */
  pullRequests: number[];
}

export interface Runner {
  /** Raw input text ('' when unset), as `core.getInput` returns it. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, props?: AnnotationProps): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Masks a value in all later log output. */
  setSecret(value: string): void;
  /** Appends Markdown to the job summary (no-op where there is none). */
  writeSummary(markdown: string): Promise<void>;
  /** Marks the step failed; the process exits non-zero at the end. */
  setFailed(message: string): void;
  event(): EventContext;
}

interface WorkflowRunPayload {
  head_sha?: string;
  event?: string;
  pull_requests?: { number?: number }[];
}

interface PullRequestPayload {
  number?: number;
  base?: { sha?: string; ref?: string; repo?: { full_name?: string } };
  head?: { sha?: string; repo?: { full_name?: string } };
}

/** Reads the event the way the runner provides it: GITHUB_* variables and the event file. */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  let payload: { pull_request?: PullRequestPayload; workflow_run?: WorkflowRunPayload } = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as typeof payload;
    } catch {
      payload = {};
    }
  }
  const pr = payload.pull_request;
  const context: EventContext = {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runId: env.GITHUB_RUN_ID || undefined,
  };
  const run = payload.workflow_run;
  if (run && typeof run === 'object') {
    context.workflowRun = {
      headSha: typeof run.head_sha === 'string' ? run.head_sha : undefined,
      event: typeof run.event === 'string' ? run.event : undefined,
      pullRequests: (Array.isArray(run.pull_requests) ? run.pull_requests : [])
        .map((p) => p?.number)
        .filter((n): n is number => typeof n === 'number'),
    };
  }
  if (pr && typeof pr.number === 'number') {
    const baseRepo = pr.base?.repo?.full_name;
    const headRepo = pr.head?.repo?.full_name;
    context.pullRequest = {
      number: pr.number,
      baseSha: pr.base?.sha,
      baseRef: pr.base?.ref,
      headSha: pr.head?.sha,
      fromFork: Boolean(baseRepo && headRepo && baseRepo !== headRepo),
    };
  }
  return context;
}

export function createActionsRunner(): Runner {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    notice: (m, p) => core.notice(m, p),
    warning: (m, p) => core.warning(m, p),
    error: (m, p) => core.error(m, p),
    group: (name, fn) => core.group(name, fn),
    setSecret: (v) => core.setSecret(v),
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setFailed: (m) => core.setFailed(m),
    event: () => readEventContext(),
  };
}
