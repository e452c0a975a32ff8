/**
 * Child process for the base-report-cache benchmark: stagegate's whole job (`runJob`, from the
 * transpiled sources) run as `stagegate report` runs it, but with a base-report store on local disk in
 * place of the Actions cache (which only exists inside GitHub Actions). The store is the TextCache
 * seam (src/seams/cache.ts) backed by one file per key in a directory.
 *
 *   node bench/lib/cache-job.mjs JSON
 *   JSON: {src, repo, cacheDir, reportPath, target, baseSha, buildArgs: ["N=V"], plant?: {image}, log?: true}
 * With `plant`, the store first gets a base report for the base commit under the exact key this run
 * will look up (as a push to the base branch would have saved it), holding `plant.image`.
 * Prints {"exitCode", "baseSource", "cacheKeys"} on stdout. With `log`, the job's log lines (the
 * `▶ <phase>` marks included) go to stderr, as `stagegate report` writes them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const spec = JSON.parse(process.argv[2]);
const { runJob } = await import(`${spec.src}/main.js`);
const { createEngine } = await import(`${spec.src}/seams/engine.js`);
const { createTerminalRunner } = await import(`${spec.src}/cli/terminal-runner.js`);
const { baseReportKey, serializeBaseReport } = await import(`${spec.src}/baseline/base-report.js`);
const { parseRunnerInputs } = await import(`${spec.src}/inputs.js`);

mkdirSync(spec.cacheDir, { recursive: true });
const fileOf = (key) => join(spec.cacheDir, `${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
/** @type {import('../../src/seams/cache.js').TextCache} */
const cache = {
  available: () => true,
  async get(key) {
    return existsSync(fileOf(key)) ? readFileSync(fileOf(key), 'utf8') : undefined;
  },
  async put(key, text) {
    // Like the Actions cache, a key is written once.
    if (existsSync(fileOf(key))) return false;
    writeFileSync(fileOf(key), text);
    return true;
  },
};

// The inputs `stagegate report` would pass (see src/cli/report.ts).
const inputs = {
  context: '.',
  file: 'Dockerfile',
  target: spec.target,
  'base-ref': spec.baseSha,
  'build-args': spec.buildArgs.join('\n'),
  compare: 'true',
  comment: 'false',
  'fail-on': 'never',
};
const runner = createTerminalRunner(
  inputs,
  {
    eventName: 'local',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    workspace: process.cwd(),
  },
  { write: spec.log ? (text) => process.stderr.write(text) : () => undefined },
);

if (spec.plant) {
  const parsed = parseRunnerInputs(runner).inputs;
  // The benchmarks run on the classic image store (Debian's dockerd).
  const key = baseReportKey({
    sha: spec.baseSha,
    file: parsed.file,
    target: spec.target,
    inputs: parsed,
    imageStore: 'classic',
  });
  await cache.put(key, serializeBaseReport(spec.baseSha, spec.plant.image));
}

const result = await runJob({ runner, engine: createEngine(), reportPath: spec.reportPath, cache });
process.stdout.write(
  JSON.stringify({
    failures: result.failures,
    baseSource: result.report?.base?.source,
    baseStatus: result.report?.base?.status,
    cacheKeys: readdirSync(spec.cacheDir).length,
  }) + '\n',
);
