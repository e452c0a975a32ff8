/**
 * What every phase of the job may use: the seams, already made. Phases take this and the data the
 * phases before them returned; none keeps state of its own between calls.
 */
import type { ScanStore } from '../image/scan-store.js';
import type { ReportError } from '../model.js';
import { UserError } from '../errors.js';
import type { TextCache } from '../seams/cache.js';
import type { Docker } from '../seams/docker.js';
import type { Engine } from '../seams/engine.js';
import type { GitHubApi } from '../seams/github/api.js';
import type { Runner } from '../seams/runner.js';

export interface JobContext {
  runner: Runner;
  /** git, and the processes the Docker client starts. */
  engine: Engine;
  docker: Docker;
  /** Makes the GitHub API client; absent where there is no API (the CLI). */
  github?: (token: string, baseUrl: string) => GitHubApi;
  /** Where the JSON report goes; default: a file under RUNNER_TEMP. */
  reportPath?: string;
  /** Saved base reports (the Actions cache in the action; none in the CLI). */
  cache: TextCache;
  /** Image scans by image id: this run's, and the machine's when a folder is behind it. */
  scans: ScanStore;
  /**
   * The job's cancellation (the action aborts it on SIGINT/SIGTERM from the runner). Builds and the
   * test run stop and say so; publish still runs. Data, not an exception.
   */
  signal: AbortSignal;
}

/** A user's problem, as the report lists it, plus where in a file it is (for its annotation). */
export interface JobError extends ReportError {
  location?: { file: string; line?: number };
}

/**
 * A user's problem as data: `fallbackStep` names the phase's step unless the error knows
 * better (a Dockerfile problem found while planning keeps "dockerfile"). Anything but a UserError is
 * a bug and is thrown on.
 */
export function jobErrorOf(fallbackStep: string, err: unknown): JobError {
  if (!(err instanceof UserError)) throw err;
  return {
    step: err.step || fallbackStep,
    message: err.message,
    ...(err.location ? { location: err.location } : {}),
  };
}
