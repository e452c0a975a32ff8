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

export async function run(deps: Partial<JobDeps> = {}): Promise<void> {
  const runner = deps.runner ?? createActionsRunner();
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
    });
    if (result.failures.length) runner.setFailed(result.failures.join('\n'));
  } catch (err) {
    // Only bugs reach here: user errors were reported above without a stack trace.
    runner.setFailed(
      `stagegate failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  }
}
