/**
 * Phase 1, read: the event, the inputs and the Dockerfile. Nothing here fails the job: a bad input
 * or an unreadable Dockerfile is an error the later phases carry to the report (fail late).
 */
import { resolve } from 'node:path';
import { loadDockerfile } from '../dockerfile/load.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { pathsOutsideWorkspace } from '../build/workspace-paths.js';
import { parseRunnerInputs, type Inputs } from '../inputs.js';
import type { EventContext, Runner } from '../seams/runner.js';
import { jobErrorOf, type JobError } from './context.js';

export interface JobStart {
  event: EventContext;
  inputs: Inputs;
  /** Bad inputs (the inputs then hold defaults for them) and an unreadable Dockerfile. */
  errors: JobError[];
  /** Set when any input was bad: nothing is built on inputs the user did not mean. */
  badInputs: boolean;
  model?: DockerfileModel;
}

/** Build-arg names whose values are masked in the log (and never shown in what stagegate writes). */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|CREDENTIAL|AUTH)/i;

function warnAboutPullRequestTarget(runner: Runner, event: EventContext): void {
  if (event.eventName !== 'pull_request_target') return;
  runner.warning(
    'stagegate is building pull request code under pull_request_target, where it runs with a write token and ' +
      'the repository secrets. Build under pull_request and post from a workflow_run workflow instead (docs/forks.md).',
  );
}

function loadModel(inputs: Inputs, workspace: string): { model?: DockerfileModel; error?: JobError } {
  try {
    return { model: loadDockerfile(resolve(workspace, inputs.file), inputs.file, inputs['build-args']) };
  } catch (err) {
    return { error: jobErrorOf('dockerfile', err) };
  }
}

function loadable(inputs: Inputs, workspace: string): boolean {
  return pathsOutsideWorkspace({ context: '.', file: inputs.file }, workspace).length === 0;
}

export function readJob(runner: Runner): JobStart {
  const event = runner.event();
  const parsed = parseRunnerInputs(runner);
  const { inputs } = parsed;
  const problems = [...parsed.problems, ...pathsOutsideWorkspace(inputs, event.workspace)];
  warnAboutPullRequestTarget(runner, event);
  for (const arg of inputs['build-args']) {
    if (arg.value && SECRET_NAME.test(arg.name)) runner.setSecret(arg.value);
  }
  const errors: JobError[] = problems.map((message) => ({ step: 'inputs', message }));
  // A Dockerfile outside the workspace is not read: what it holds is not this checkout's.
  const { model, error } =
    problems.length && !loadable(inputs, event.workspace) ? {} : loadModel(inputs, event.workspace);
  return {
    event,
    inputs,
    errors: error ? [...errors, error] : errors,
    badInputs: problems.length > 0,
    model,
  };
}
