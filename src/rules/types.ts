import type { DockerfileModel } from '../dockerfile/types.js';
import type { PreparedScript, ShellcheckOutcome } from './shell/shellcheck.js';
import { findingsFailingOn, SEVERITIES, type Finding, type Severity } from '../model.js';

// Findings and severities belong to the report model (the bottom layer); rules re-export them.
export { findingsFailingOn, SEVERITIES, type Finding, type Severity };

/** Settings from `.stagegate.yml` that rules read. */
export interface RuleSettings {
  /** Registries images may come from (hadolint's allowedRegistries); empty = any. */
  trustedRegistries: string[];
  /** Label name -> expected type, hadolint's label-schema (DL3049-DL3058). */
  labelSchema: Record<string, 'text' | 'url' | 'spdx' | 'hash' | 'rfc3339' | 'semver' | 'email'>;
  strictLabels: boolean;
}

export interface RuleContext {
  model: DockerfileModel;
  /** `.dockerignore` lines next to the Dockerfile/context; undefined when the file does not exist. */
  dockerignore?: string[];
  settings: RuleSettings;
  /** The stage the build targets (index into model.graph.stages). */
  target: number;
  /** The test stage's index, when the test gate is on and the stage exists. */
  testStage?: number;
  /** Stages stagegate builds on purpose (the `stages` input), by index. */
  builtStages: number[];
  /** ShellCheck's run over the RUN scripts (once per lint, by the engine); undefined when not asked. */
  shellcheck?: { scripts: PreparedScript[]; outcome: ShellcheckOutcome };
}

/** One place a rule fires. Lines are 1-based. */
export interface RuleHit {
  line: number;
  endLine?: number;
  column?: number;
  /** Overrides the rule's message for this hit (for specifics: the image, the flag...). */
  message?: string;
  /**
   * Names of this hit alone (ShellCheck's `SC2086`), added to the rule's aliases: ignores and
   * severity overrides by that name apply to this hit only.
   */
  aliases?: string[];
  /** This hit's own default severity (ShellCheck's level); a config override still wins. */
  severity?: Severity;
  /**
   * Start lines of other instructions the hit is about: an ignore comment on any of them applies to
   * the hit too (multiple-instructions-disallowed reports the dropped CMD; hadolint, whose
   * `# hadolint ignore=DL4003` users already have, the CMD that replaces it).
   */
  relatedLines?: number[];
}

export interface Rule {
  /** Stable kebab-case id, e.g. `final-stage-root`. Never reused or renamed. */
  id: string;
  severity: Severity;
  /** One line: what is wrong and what to do instead. */
  description: string;
  /**
   * hadolint DLxxxx ids and BuildKit check names this rule corresponds to, and the ids of rules merged
   * into it (so configs and ignore comments naming them keep working).
   */
  aliases: string[];
  /**
   * Aliases (also listed in `aliases`) that name only some of the rule's hits: a hit answers to one
   * only when it carries it in its own `aliases`. hadolint's DL4003 is the CMD part of
   * multiple-instructions-disallowed, so ignoring DL4003 leaves its ENTRYPOINT findings alone.
   */
  hitAliases?: string[];
  /**
   * Off unless turned on, as upstream ships it: `experimental` for BuildKit's experimental checks
   * (on with `# check=experimental=<Name>|all` or a severity in `.stagegate.yml`), `upstream-off` for
   * rules hadolint leaves off by default (on with a severity in `.stagegate.yml`).
   */
  defaultOff?: 'experimental' | 'upstream-off';
  /**
   * What the rule flags only costs where the layers ship (caches, package lists, pins, layer count):
   * in a stage outside the target's FROM chain its findings drop to info (src/rules/lint.ts).
   */
  layerHygiene?: boolean;
  check(ctx: RuleContext): RuleHit[];
}
