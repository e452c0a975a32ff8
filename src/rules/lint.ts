// STUB: owned by the findings work (issue 5); replace wholesale.
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Finding, RuleSettings } from './types.js';

export interface LintOptions {
  dockerignore?: string[];
  settings?: Partial<RuleSettings>;
  target?: number;
  testStage?: number;
  builtStages?: number[];
}

export function lintDockerfile(_model: DockerfileModel, _options: LintOptions = {}): Finding[] {
  return [];
}

/** What linting needs from files around the Dockerfile: `.stagegate.yml` and `.dockerignore`. */
export interface LintSetup {
  options: LintOptions;
  /** Rule id/alias -> severity override, and ignored ids, from the config file. */
  severityOverrides?: Record<string, string>;
  ignored?: string[];
}

/** Reads the config file and `.dockerignore`. Throws UserError for a config it cannot use. */
export function loadLintSetup(_args: { config?: string; context: string; file: string }): LintSetup {
  return { options: {} };
}
