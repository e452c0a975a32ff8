/**
 * The action: the job (main.ts) wired to the real seams, the GitHub runner, the Docker engine, the
 * GitHub API, the Actions cache and the machine's image-scan cache. Only this module loads
 * @actions/core, Octokit and @actions/cache; the CLI wires its own (src/cli/report.ts).
 */
import { createMachineScanStore } from './image/scan-store.js';
import { runJob, type JobDeps } from './main.js';
import { createActionsCache } from './seams/actions-cache.js';
import { createEngine } from './seams/engine.js';
import { createGitHubApi } from './seams/github/octokit.js';
import { retryPolicyFromEnv } from './seams/github/retry-policy.js';
import { createActionsRunner } from './seams/runner.js';
import { systemShellcheck } from './seams/shellcheck.js';

/**
 * The runner cancels a step with SIGINT, then SIGTERM a few seconds later, then kills it. The first
 * aborts the job's signal: builds and the test container stop, and publish writes what is known.
 */
function cancelOnSignals(runner: Pick<JobDeps['runner'], 'warning'>): {
  signal: AbortSignal;
  release(): void;
} {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    runner.warning(
      `stagegate received ${name}: stopping builds and the test container, then publishing what is known.`,
    );
    controller.abort(new Error(name));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, onSignal);
  return {
    signal: controller.signal,
    release: () => {
      for (const s of signals) process.off(s, onSignal);
    },
  };
}

export async function run(deps: Partial<JobDeps> = {}): Promise<void> {
  const runner = deps.runner ?? createActionsRunner();
  const cancel = deps.signal ? undefined : cancelOnSignals(runner);
  try {
    const result = await runJob({
      runner,
      engine: deps.engine ?? createEngine(),
      github:
        deps.github ??
        ((token, baseUrl) =>
          createGitHubApi(token, { baseUrl, log: runner, policy: retryPolicyFromEnv(process.env) })),
      reportPath: deps.reportPath,
      cache: deps.cache ?? createActionsCache(),
      scans: deps.scans ?? createMachineScanStore(),
      shellcheck: deps.shellcheck ?? systemShellcheck(),
      signal: deps.signal ?? cancel?.signal,
    });
    if (result.failures.length) runner.setFailed(result.failures.join('\n'));
  } catch (err) {
    // Only bugs reach here: user errors were reported above without a stack trace.
    runner.setFailed(
      `stagegate failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    cancel?.release();
  }
}
