/**
 * Runs the test image once (its own CMD/ENTRYPOINT), in a container with a name stagegate chose, so
 * the container can be removed whatever happens to the docker client: at `test-timeout`, when the
 * job is cancelled (SIGINT/SIGTERM from the runner), and when the engine fails. The verdict is data:
 * passed, failed (the command failed or ran past the limit), or error (the engine failed, or the run
 * was cancelled: no verdict on the pull request).
 */
import { randomBytes } from 'node:crypto';
import { REPORT_LOG_LINES, TEST_CONTAINER_REMOVE_RETRY_MS } from '../limits.js';
import type { ReportError, TestResult } from '../model.js';
import type { Docker } from '../seams/docker.js';
import type { Runner } from '../seams/runner.js';
import { formatDurationLimit } from './duration.js';
import { runEngineFault } from './engine-fault.js';
import type { StageCommand } from './test-gate.js';

export interface TestRunRequest {
  stage: string;
  image: string;
  command: StageCommand;
  /** Milliseconds the container may run; undefined: no limit. */
  timeoutMs?: number;
  /** The job's cancellation. */
  signal?: AbortSignal;
  /** The platform the image was built for. */
  platform?: string;
  log: Pick<Runner, 'info'>;
}

export interface TestRunOutcome {
  test: TestResult;
  /** The engine's fault, for the report's errors (step 'engine'). */
  error?: ReportError;
}

/** A container name no other run picks: `stagegate-test-<12 hex digits>`. */
export function testContainerName(): string {
  return `stagegate-test-${randomBytes(6).toString('hex')}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type StopReason = 'timeout' | 'cancelled';

/** Removes the container until the run ends: a first `docker rm` may come before the container exists. */
function containerStopper(docker: Docker, name: string, finished: () => boolean) {
  let reason: StopReason | undefined;
  let removal: Promise<void> | undefined;
  const stop = (why: StopReason): void => {
    if (reason) return;
    reason = why;
    removal = (async () => {
      while (!finished()) {
        await docker.removeContainer(name);
        if (!finished()) await sleep(TEST_CONTAINER_REMOVE_RETRY_MS);
      }
    })();
  };
  return { stop, reason: () => reason, removed: () => removal ?? Promise.resolve() };
}

function verdict(req: TestRunRequest, reason: StopReason | undefined, exitCode: number, output: string[]) {
  const { stage, command } = req;
  const failedStep = { kind: 'run' as const, command: command.command, line: command.line };
  const logTail = output.filter((l) => l.trim() !== '').slice(-REPORT_LOG_LINES);
  if (reason === 'timeout') {
    const limit = formatDurationLimit(req.timeoutMs ?? 0);
    return {
      test: {
        stage,
        result: 'failed' as const,
        reason: `timed out after ${limit} ('test-timeout'); the container was stopped and removed.`,
        timedOutAfterMs: req.timeoutMs,
        failedStep,
        logTail,
      },
    };
  }
  if (reason === 'cancelled')
    return {
      test: {
        stage,
        result: 'error' as const,
        reason: 'the run was cancelled while the test image ran; the container was removed.',
        logTail,
      },
    };
  if (exitCode === 0) return { test: { stage, result: 'passed' as const } };
  return { test: { stage, result: 'failed' as const, failedStep: { ...failedStep, exitCode }, logTail } };
}

export async function runTestImage(docker: Docker, req: TestRunRequest): Promise<TestRunOutcome> {
  const name = testContainerName();
  const output: string[] = [];
  let finished = false;
  const stopper = containerStopper(docker, name, () => finished);
  if (req.signal?.aborted) return verdict(req, 'cancelled', 130, []);
  const onAbort = (): void => stopper.stop('cancelled');
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = req.timeoutMs ? setTimeout(() => stopper.stop('timeout'), req.timeoutMs) : undefined;
  req.log.info(`[${req.stage}] running the test image once: docker run --rm --name ${name} ${req.image}`);
  try {
    const run = await docker.run(req.image, {
      name,
      platform: req.platform,
      onLine: (line) => {
        output.push(line);
        if (output.length > REPORT_LOG_LINES * 4) output.splice(0, output.length - REPORT_LOG_LINES);
        req.log.info(`[${req.stage} run] ${line}`);
      },
    });
    finished = true;
    const reason = stopper.reason();
    const fault = reason ? undefined : runEngineFault({ exitCode: run.exitCode, tail: run.tail });
    if (fault)
      return {
        test: { stage: req.stage, result: 'error', reason: `the Docker engine failed: ${fault}` },
        error: engineError(`running the test image of stage '${req.stage}'`, fault),
      };
    return verdict(req, reason, run.exitCode, output);
  } finally {
    finished = true;
    if (timer) clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
    await stopper.removed();
  }
}

/** The report's error for an engine fault: docker's message, and that it is not the PR's failure. */
export function engineError(while_: string, message: string): ReportError {
  return {
    step: 'engine',
    message:
      `The Docker engine failed while ${while_}: ${message}. This is not a failure of the pull request's ` +
      'Dockerfile or tests; check the Docker daemon (or DOCKER_HOST) and run the job again.',
  };
}
