/**
 * The one place inputs are read and validated. Keys match action.yml exactly, so a newcomer can
 * map `inputs['max-size']` to the YAML a user writes.
 */
import type { Runner } from './seams/runner.js';
import { SEVERITIES, type Severity } from './rules/types.js';
import { parseByteSize } from './image/units.js';
import { parseBuildInputs, type BuildInputs } from './build-inputs.js';
import { parseBool, parseList } from './input-lists.js';

export { parseList } from './input-lists.js';

export type { BuildContext, SecretEnv, SecretFile, SecretValue } from './build-inputs.js';
import { parseDuration } from './build/duration.js';

export interface BuildArg {
  name: string;
  value: string;
}

export interface SizeIncreaseBudget {
  raw: string;
  bytes?: number;
  percent?: number;
}

export type FailOn = Severity | 'never';

/** Every input; the build inputs shared with docker/build-push-action are in build-inputs.ts. */
export interface Inputs extends BuildInputs {
  context: string;
  file: string;
  target?: string;
  /** undefined: the test gate is off (the input was set to ''). */
  'test-stage'?: string;
  /** How long the test image may run, in ms; undefined: no limit (`0`). */
  'test-timeout'?: number;
  /** Empty: every named stage. */
  stages: string[];
  'build-args': BuildArg[];
  builder?: string;
  'cache-from': string[];
  'cache-to': string[];
  'base-ref'?: string;
  compare: boolean;
  'max-size'?: { raw: string; bytes: number };
  'max-size-increase'?: SizeIncreaseBudget;
  comment: boolean;
  'github-token': string;
  'fail-on': FailOn;
  /**
   * Whether findings the base commit's Dockerfile already has fail the step (and are annotated) too;
   * by default only the pull request's new findings do.
   */
  'fail-on-existing-findings': boolean;
  config?: string;
  /**
   * Post-only mode: the path of a JSON report an earlier stagegate run wrote. When set, nothing is
   * built; the report is rendered, summarized and posted (the two-workflow pattern for fork PRs).
   */
  'report-file'?: string;
}

/** Defaults as action.yml declares them; the runner applies them, the CLI and tests use these. */
export const INPUT_DEFAULTS: Record<string, string> = {
  context: '.',
  'test-stage': 'test',
  compare: 'true',
  comment: 'true',
  'fail-on': 'error',
  'fail-on-existing-findings': 'false',
  'no-cache': 'false',
  pull: 'false',
  'test-timeout': '30m',
};

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'InputError';
  }
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `test-timeout` in ms; undefined for `0` (no limit). A bad value is a problem, and the default applies. */
function parseTestTimeout(text: string, problems: string[]): number | undefined {
  const fallback = parseDuration(INPUT_DEFAULTS['test-timeout']);
  const ms = parseDuration(text || INPUT_DEFAULTS['test-timeout']);
  if (ms === undefined) {
    problems.push(
      `Input 'test-timeout' is '${text}'; expected a duration such as 90s, 30m or 1h (or 0 for no limit).`,
    );
    return fallback;
  }
  return ms || undefined;
}

export interface ParsedInputs {
  /** Every input; one that was wrong holds its default, so the job can still say what it knows. */
  inputs: Inputs;
  /** What was wrong with each bad input and what would be right, one line each; empty when all are good. */
  problems: string[];
}

/** Reads every input; bad ones are problems (data the job reports and fails on), never an exception. */
function parseFailOn(value: string, problems: string[]): FailOn {
  const failOnRaw = (value || 'error').toLowerCase();
  const failOnValues: string[] = [...SEVERITIES, 'never'];
  if (failOnValues.includes(failOnRaw)) return failOnRaw as FailOn;
  problems.push(`Input 'fail-on' is '${failOnRaw}'; expected one of ${failOnValues.join(', ')}.`);
  return 'error';
}

export function parseInputs(get: (name: string) => string): ParsedInputs {
  const problems: string[] = [];
  const raw = (name: string): string => get(name).trim();

  const context = raw('context') || '.';
  const file = raw('file') || `${context.replace(/\/+$/, '') || '.'}/Dockerfile`;

  const buildArgs: BuildArg[] = [];
  for (const line of parseList(get('build-args'), { commas: false })) {
    const eq = line.indexOf('=');
    const name = eq === -1 ? line : line.slice(0, eq);
    if (!ARG_NAME.test(name)) {
      problems.push(
        `Input 'build-args' has '${name}', which is not a valid build-arg name; write one NAME=value per line (NAME: letters, digits and _).`,
      );
      continue;
    }
    // NAME alone passes the variable from the environment, as `docker build --build-arg NAME` does.
    buildArgs.push({ name, value: eq === -1 ? (process.env[name] ?? '') : line.slice(eq + 1) });
  }

  const maxSizeRaw = raw('max-size');
  let maxSize: Inputs['max-size'];
  if (maxSizeRaw) {
    const bytes = parseByteSize(maxSizeRaw);
    if (bytes === undefined)
      problems.push(
        `Input 'max-size' is '${maxSizeRaw}'; expected a size such as 200MB, 1.5GiB or 52428800 (bytes).`,
      );
    else maxSize = { raw: maxSizeRaw, bytes };
  }

  const increaseRaw = raw('max-size-increase');
  let maxIncrease: SizeIncreaseBudget | undefined;
  if (increaseRaw) {
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(increaseRaw);
    const bytes = pct ? undefined : parseByteSize(increaseRaw);
    if (pct) maxIncrease = { raw: increaseRaw, percent: Number(pct[1]) };
    else if (bytes !== undefined) maxIncrease = { raw: increaseRaw, bytes };
    else
      problems.push(
        `Input 'max-size-increase' is '${increaseRaw}'; expected a size such as 10MB or a percentage such as 5%.`,
      );
  }

  const failOn = parseFailOn(raw('fail-on'), problems);

  const buildInputs = parseBuildInputs(get, problems);
  const testTimeout = parseTestTimeout(raw('test-timeout'), problems);

  const inputs: Inputs = {
    ...buildInputs,
    context,
    file,
    target: raw('target') || undefined,
    'test-stage': raw('test-stage') || undefined,
    'test-timeout': testTimeout,
    stages: parseList(get('stages'), { commas: true }),
    'build-args': buildArgs,
    builder: raw('builder') || undefined,
    'cache-from': parseList(get('cache-from'), { commas: false }),
    'cache-to': parseList(get('cache-to'), { commas: false }),
    'base-ref': raw('base-ref') || undefined,
    compare: parseBool('compare', raw('compare') || 'true', problems),
    'max-size': maxSize,
    'max-size-increase': maxIncrease,
    comment: parseBool('comment', raw('comment') || 'true', problems),
    'github-token': raw('github-token'),
    'fail-on': failOn,
    'fail-on-existing-findings': parseBool(
      'fail-on-existing-findings',
      raw('fail-on-existing-findings') || 'false',
      problems,
    ),
    config: raw('config') || undefined,
    'report-file': raw('report-file') || undefined,
  };
  return { inputs, problems };
}

/** The inputs when all are good; throws InputError naming every bad one (tests and the CLI). */
export function readInputs(get: (name: string) => string): Inputs {
  const { inputs, problems } = parseInputs(get);
  if (problems.length) throw new InputError(problems);
  return inputs;
}

export function parseRunnerInputs(runner: Runner): ParsedInputs {
  return parseInputs((name) => runner.getInput(name));
}
