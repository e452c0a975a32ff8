/**
 * Phase 1, read: the event, the inputs and the Dockerfile. Nothing here fails the job: a bad input
 * or an unreadable Dockerfile is an error the later phases carry to the report (fail late).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDockerfile } from '../dockerfile/load.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import { pathsOutsideWorkspace } from '../build/workspace-paths.js';
import { parseRunnerInputs, type Inputs } from '../inputs.js';
import { MIN_SUBSTRING_LENGTH, SECRET_NAME } from '../report/redact.js';
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
  /** Every value masked in the log, which publish redacts from everything it writes. */
  secrets: string[];
}

/** A secret file bigger than this is a bundle of certificates, not one value to look for. */
const SECRET_FILE_MAX_BYTES = 64 * 1024;

function fileSecret(path: string): string | undefined {
  try {
    if (statSync(path).size > SECRET_FILE_MAX_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * What is secret in this run, with where it came from (for the warning about short values):
 * build-args with secret-looking names, `secrets`, and the values `secret-envs` and `secret-files` name.
 */
function secretsOf(inputs: Inputs, env: NodeJS.ProcessEnv): Array<{ from: string; value: string }> {
  return [
    ...inputs['build-args']
      .filter((a) => SECRET_NAME.test(a.name))
      .map((a) => ({ from: `build-arg '${a.name}'`, value: a.value })),
    ...inputs.secrets.map((s) => ({ from: `secret '${s.id}'`, value: s.value })),
    ...inputs['secret-envs'].map((s) => ({ from: `secret '${s.id}' (${s.env})`, value: env[s.env] ?? '' })),
    ...inputs['secret-files'].map((s) => ({
      from: `secret file '${s.id}'`,
      value: fileSecret(s.path) ?? '',
    })),
  ].filter((s) => s.value !== '');
}

/** Masks every secret in the log; says which are too short to be found in what stagegate writes. */
function maskSecrets(runner: Runner, inputs: Inputs): string[] {
  const secrets = secretsOf(inputs, process.env);
  for (const s of secrets) {
    runner.setSecret(s.value);
    for (const line of s.value.split(/\r?\n/))
      if (line.trim() && line !== s.value) runner.setSecret(line.trim());
  }
  const short = secrets.filter((s) => s.value.trim().length < MIN_SUBSTRING_LENGTH).map((s) => s.from);
  if (short.length)
    runner.warning(
      `The value of ${short.join(', ')} is shorter than ${MIN_SUBSTRING_LENGTH} characters, so stagegate hides it in the report only where its name is next to it (NAME=value), not wherever it occurs. A real credential is longer (docs/security.md#secrets).`,
    );
  return secrets.map((s) => s.value);
}

function warnAboutPullRequestTarget(runner: Runner, event: EventContext): void {
  if (event.eventName !== 'pull_request_target') return;
  runner.warning(
    'stagegate is building pull request code under pull_request_target, where it runs with a write token and ' +
      'the repository secrets. Build under pull_request and post from a workflow_run workflow instead (docs/forks.md).',
  );
}

function loadModel(inputs: Inputs, workspace: string): { model?: DockerfileModel; error?: JobError } {
  try {
    return {
      model: loadDockerfile(resolve(workspace, inputs.file), inputs.file, inputs['build-args'], {
        // Linted (DuplicateStageName) although the plan refuses to build it.
        allowDuplicateStageNames: true,
      }),
    };
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
  const secrets = maskSecrets(runner, inputs);
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
    secrets,
  };
}
