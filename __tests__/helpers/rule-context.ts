/** The one rule context for rule tests: a RuleContext built from Dockerfile text the way the lint step builds it. */
import { parseDockerfile } from '../../src/dockerfile/load.js';
import type { DockerfileModel } from '../../src/dockerfile/types.js';
import type { Rule, RuleContext, RuleHit, RuleSettings } from '../../src/rules/types.js';

export interface ContextOptions {
  dockerignore?: string[];
  /** Stage name or index; default the last stage. */
  target?: string | number;
  testStage?: string | number;
  builtStages?: (string | number)[];
  /** Default: no trusted registries, no label schema. */
  settings?: RuleSettings;
}

export const DEFAULT_SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

export function contextFor(text: string, options: ContextOptions = {}, file = 'Dockerfile'): RuleContext {
  return contextForModel(parseDockerfile(text, file), options);
}

export function contextForModel(model: DockerfileModel, options: ContextOptions = {}): RuleContext {
  const indexOf = (ref: string | number): number => {
    if (typeof ref === 'number') return ref;
    const stage = model.graph.stages.find((s) => s.key === ref.toLowerCase());
    if (!stage) throw new Error(`test setup: no stage ${ref}`);
    return stage.index;
  };
  return {
    model,
    ...(options.dockerignore !== undefined ? { dockerignore: options.dockerignore } : {}),
    settings: options.settings ?? { ...DEFAULT_SETTINGS, labelSchema: {} },
    // The last FROM: a bare-AST model (text the loader refuses) has FROMs but no stages.
    target:
      options.target !== undefined
        ? indexOf(options.target)
        : Math.max(model.instructions.filter((i) => i.keyword === 'FROM').length - 1, 0),
    ...(options.testStage !== undefined ? { testStage: indexOf(options.testStage) } : {}),
    builtStages: (options.builtStages ?? []).map(indexOf),
  };
}

/** Runs one rule over Dockerfile text (lines joined with newlines). */
export function hitsOf(rule: Rule, lines: string[] | string, options: ContextOptions = {}): RuleHit[] {
  const text = Array.isArray(lines) ? `${lines.join('\n')}\n` : lines;
  return rule.check(contextFor(text, options));
}

/** The lines a rule fires on. */
export function linesOf(rule: Rule, lines: string[] | string, options: ContextOptions = {}): number[] {
  return hitsOf(rule, lines, options).map((h) => h.line);
}
