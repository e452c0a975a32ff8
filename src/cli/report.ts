/** `stagegate report`: the action's whole job, run locally; prints the Markdown report. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { createMachineScanStore } from '../image/scan-store.js';
import { runJob } from '../main.js';
import { createEngine } from '../seams/engine.js';
import { createTerminalRunner } from './terminal-runner.js';
import { systemShellcheck } from '../seams/shellcheck.js';

export const REPORT_USAGE = `Usage: stagegate report [options]

Builds every stage, runs the test stage, measures the final image, compares it with --base-ref,
lints the Dockerfile, prints the Markdown report on stdout and writes the JSON report.

Options (named like the action's inputs):
  --context DIR             build context (default .)
  --file PATH               Dockerfile (default <context>/Dockerfile)
  --target STAGE            final stage (default: the last stage)
  --test-stage STAGE        test stage (default test; '' turns the gate off)
  --stages A,B              stages to build (default: every named stage)
  --build-arg NAME=VALUE    build argument (repeatable)
  --builder NAME            buildx builder
  --cache-from SPEC         cache source (repeatable)
  --cache-to SPEC           cache destination (repeatable)
  --base-ref REF            commit or branch to compare against (default: no comparison)
  --max-size SIZE           fail above this size (e.g. 200MB)
  --max-size-increase SIZE  fail when it grows more than this (e.g. 10MB or 5%)
  --fail-on SEVERITY        error, warning, info, style or never (default error)
  --config PATH             .stagegate.yml
  --json-file PATH          where to write the JSON report (default stagegate-report.json)
  --verbose                 debug logs
`;

const REPORT_OPTIONS = {
  context: { type: 'string' },
  file: { type: 'string' },
  target: { type: 'string' },
  'test-stage': { type: 'string' },
  stages: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  builder: { type: 'string' },
  'cache-from': { type: 'string', multiple: true },
  'cache-to': { type: 'string', multiple: true },
  'base-ref': { type: 'string' },
  'max-size': { type: 'string' },
  'max-size-increase': { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  'json-file': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type ReportFlags = ReturnType<typeof parseArgs<{ options: typeof REPORT_OPTIONS }>>['values'];

/** The action's inputs, by action.yml name, from the command's flags. */
function inputsFromFlags(v: ReportFlags): Record<string, string> {
  const inputs: Record<string, string> = {
    'build-args': (v['build-arg'] ?? []).join('\n'),
    'cache-from': (v['cache-from'] ?? []).join('\n'),
    'cache-to': (v['cache-to'] ?? []).join('\n'),
    // Locally there is no PR: the base comparison runs only against --base-ref.
    comment: 'false',
  };
  for (const name of [
    'context',
    'file',
    'target',
    'test-stage',
    'stages',
    'builder',
    'base-ref',
    'max-size',
    'max-size-increase',
    'fail-on',
    'config',
  ] as const) {
    const value = v[name];
    if (value !== undefined) inputs[name] = value;
  }
  return inputs;
}

export async function reportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: REPORT_OPTIONS });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(REPORT_USAGE);
    return 0;
  }
  const inputs = inputsFromFlags(v);
  const runner = createTerminalRunner(
    inputs,
    {
      eventName: 'local',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      workspace: process.cwd(),
    },
    { verbose: v.verbose },
  );
  const reportPath = resolve(v['json-file'] ?? 'stagegate-report.json');
  const result = await runJob({
    runner,
    engine: createEngine(),
    reportPath,
    scans: createMachineScanStore(),
    shellcheck: systemShellcheck(),
  });
  if (result.markdown)
    process.stdout.write(result.markdown.endsWith('\n') ? result.markdown : result.markdown + '\n');
  if (result.reportPath) process.stderr.write(`JSON report: ${result.reportPath}\n`);
  if (result.failures.length) {
    for (const f of result.failures) process.stderr.write(`✖ ${f}\n`);
    return 1;
  }
  return 0;
}
