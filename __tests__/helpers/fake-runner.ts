/**
 * The one fake runner: a plain object behind the Runner seam that records everything the job says
 * (outputs, log lines with their time, annotations, summaries, secrets, failures) for assertions.
 */
import { INPUT_DEFAULTS } from '../../src/inputs.js';
import type { AnnotationProps, EventContext, Runner } from '../../src/seams/runner.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  props?: AnnotationProps;
}

export interface FakeRunner extends Runner {
  outputs: Record<string, string>;
  /** Every info line, with when it was logged (for ordering assertions). */
  infos: { at: number; message: string }[];
  debugs: string[];
  /** Messages of error annotations, in order. */
  errors: string[];
  /** Messages of warning annotations, in order. */
  warnings: string[];
  notices: string[];
  annotations: Annotation[];
  summaries: string[];
  secrets: string[];
  failed: string[];
}

export interface FakeRunnerOptions {
  /** Input values by action.yml name. */
  inputs?: Record<string, string>;
  /** Apply action.yml's defaults to inputs not given, as the runner does (default true). */
  defaults?: boolean;
  event?: Partial<EventContext>;
}

export const TEST_EVENT: EventContext = {
  eventName: 'push',
  sha: 'abc123',
  repository: 'octo/app',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  workspace: process.cwd(),
};

export function fakeRunner(options: FakeRunnerOptions = {}): FakeRunner {
  const inputs = options.inputs ?? {};
  const defaults = options.defaults ?? true;
  const event: EventContext = { ...TEST_EVENT, ...options.event };
  const annotate = (level: Annotation['level'], message: string, props?: AnnotationProps) => {
    runner.annotations.push({ level, message, props });
    if (level === 'error') runner.errors.push(message);
    else if (level === 'warning') runner.warnings.push(message);
    else runner.notices.push(message);
  };
  const runner: FakeRunner = {
    outputs: {},
    infos: [],
    debugs: [],
    errors: [],
    warnings: [],
    notices: [],
    annotations: [],
    summaries: [],
    secrets: [],
    failed: [],
    getInput: (name) => inputs[name] ?? (defaults ? (INPUT_DEFAULTS[name] ?? '') : ''),
    setOutput: (name, value) => void (runner.outputs[name] = value),
    debug: (message) => void runner.debugs.push(message),
    info: (message) => void runner.infos.push({ at: Date.now(), message }),
    notice: (message, props) => annotate('notice', message, props),
    warning: (message, props) => annotate('warning', message, props),
    error: (message, props) => annotate('error', message, props),
    group: (_name, fn) => fn(),
    setSecret: (value) => void runner.secrets.push(value),
    writeSummary: async (markdown) => void runner.summaries.push(markdown),
    setFailed: (message) => void runner.failed.push(message),
    event: () => event,
  };
  return runner;
}

/** The info lines alone. */
export const infoMessages = (runner: FakeRunner): string[] => runner.infos.map((i) => i.message);
