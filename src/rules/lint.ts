/**
 * The rule engine: runs every rule over the Dockerfile model, turns hits into findings (file, 1-based
 * lines, severity after config overrides, message, aliases, docs link), applies ignores (config, in-file
 * pragmas, BuildKit's `# check=` directive), sorts by line and says a rule's repeated findings on
 * identical instructions once (repeated-findings.ts). A rule that throws is reported as an internal
 * notice and never as a finding: a bug of ours must not fail a PR.
 */
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { DockerfileModel } from '../dockerfile/types.js';
import { BUILDKIT_CHECK_NAMES } from './buildkit/index.js';
import { emptyConfig, loadLintConfig } from './config.js';
import { readDockerignore } from './dockerignore.js';
import { docsUrl } from './docs.js';
import { isSuppressed, readIgnorePragmas, type Suppressible } from './ignores.js';
import { collapseRepeated } from './repeated-findings.js';
import { stageChain } from './multistage/stage-facts.js';
import {
  SHELLCHECK_EXCLUDED,
  shellcheckScripts,
  type ShellChecker,
  type ShellcheckOutcome,
} from './shell/shellcheck.js';
import { allRules, isKnownRuleName, ruleNames } from './registry.js';
import {
  SEVERITIES,
  type Finding,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Severity,
} from './types.js';

export interface LintOptions {
  /** `.dockerignore` lines; undefined when there is none. */
  dockerignore?: string[];
  settings?: Partial<RuleSettings>;
  /** Index of the stage the build targets; default the last stage. */
  target?: number;
  testStage?: number;
  builtStages?: number[];
  /** Lower-cased rule id/alias -> severity, from the config file. */
  severityOverrides?: Record<string, Severity>;
  /** Lower-cased rule ids/aliases to drop, from the config file. */
  ignored?: string[];
  /**
   * Rule ids/aliases to run although they are off by default (BuildKit's experimental checks, DL3057).
   * A severity override for any of a rule's names turns it on too.
   */
  enabled?: string[];
  /** The rules to run; default every registered rule. */
  rules?: readonly Rule[];
  /** Called with each internal notice (a rule that failed); the action logs them as warnings. */
  onNotice?: (message: string) => void;
  /**
   * Runs ShellCheck over the RUN scripts (the seam in src/seams/shellcheck.ts); called once per lint.
   * Without it the `shellcheck` rule finds nothing and no note is made.
   */
  shellcheck?: ShellChecker;
}

export interface LintResult {
  findings: Finding[];
  /** Problems of stagegate's own (a rule that threw), for the log; never findings. */
  notices: string[];
  /** What a reader of the findings should know about the lint itself (ShellCheck missing); once each. */
  notes: string[];
}

const BUILDKIT_NAMES = new Set(BUILDKIT_CHECK_NAMES.map((n) => n.toLowerCase()));
const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** A finding and what its suppression is decided on (the names it answers to, lower-cased). */
interface Candidate extends Suppressible {
  finding: Finding;
}

function contextFor(model: DockerfileModel, options: LintOptions): RuleContext {
  const settings: RuleSettings = {
    trustedRegistries: options.settings?.trustedRegistries ?? [],
    labelSchema: options.settings?.labelSchema ?? {},
    strictLabels: options.settings?.strictLabels ?? false,
  };
  return {
    model,
    dockerignore: options.dockerignore,
    settings,
    target: options.target ?? model.graph.stages.length - 1,
    testStage: options.testStage,
    builtStages: options.builtStages ?? [],
    shellcheck: options.shellcheck && runShellcheck(model, options.shellcheck),
  };
}

/** ShellCheck over every RUN script at once; a checker that throws counts as one that did not run. */
export function runShellcheck(model: DockerfileModel, checker: ShellChecker): RuleContext['shellcheck'] {
  let reason: string | undefined;
  try {
    reason = checker.unavailable?.();
  } catch (err) {
    reason = `ShellCheck failed: ${describeError(err)}`;
  }
  // Not there at all: no script is prepared for it.
  if (reason !== undefined) return { scripts: [], outcome: { ran: false, reason } };
  const scripts = shellcheckScripts(model);
  let outcome: ShellcheckOutcome;
  try {
    outcome = checker(
      scripts.map((s) => s.text),
      SHELLCHECK_EXCLUDED,
    );
  } catch (err) {
    outcome = { ran: false, reason: `ShellCheck failed: ${describeError(err)}` };
  }
  return { scripts, outcome };
}

/** The note for a lint whose RUN scripts ShellCheck could not check. */
export function shellcheckNote(reason: string): string {
  return `${reason}, so RUN scripts were not checked with it (install shellcheck, e.g. apt-get install shellcheck, to get its SC findings).`;
}

/** `text.split(/\r?\n/).length`, counted without splitting. */
function lineCountOf(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface RuleFacts {
  /** Lower-cased id and the aliases that name every hit (not the `hitAliases`). */
  names: string[];
  /** Those aliases as written, for the findings. */
  aliases: string[];
  buildkit: boolean;
}

const ruleFacts = new WeakMap<Rule, RuleFacts>();

/** A rule's names for every hit, and whether one is a BuildKit check: worked out once per rule. */
function factsOf(rule: Rule): RuleFacts {
  let facts = ruleFacts.get(rule);
  if (!facts) {
    const perHit = new Set(rule.hitAliases ?? []);
    const aliases = rule.aliases.filter((a) => !perHit.has(a));
    const names = ruleNames({ ...rule, aliases });
    facts = { names, aliases, buildkit: names.some((n) => BUILDKIT_NAMES.has(n)) };
    ruleFacts.set(rule, facts);
  }
  return facts;
}

/**
 * BuildKit's `# check=experimental=<Name>[,<Name>]` / `experimental=all`, lower-cased: the
 * experimental checks the file turns on (BuildKit runs none of them otherwise).
 */
export function experimentalChecksOf(model: DockerfileModel): Set<string> {
  const names = new Set<string>();
  for (const d of model.directives) {
    if (d.name !== 'check') continue;
    for (const part of d.value.split(';')) {
      const [key, ...rest] = part.split('=');
      if (key?.trim().toLowerCase() !== 'experimental') continue;
      for (const n of rest.join('=').split(',')) if (n.trim() !== '') names.add(n.trim().toLowerCase());
    }
  }
  return names;
}

/** Whether a rule runs: on by default, or off by default and turned on by name (config, directive). */
function isEnabled(
  rule: Rule,
  names: string[],
  on: ReadonlySet<string>,
  experimental: ReadonlySet<string>,
): boolean {
  if (rule.defaultOff === undefined) return true;
  if (names.some((n) => on.has(n))) return true;
  return (
    rule.defaultOff === 'experimental' && (experimental.has('all') || names.some((n) => experimental.has(n)))
  );
}

/**
 * The stages whose layers ship in the target image: the target and every stage it is built FROM,
 * transitively (`FROM build AS final` ships build's layers; a stage only copied from does not).
 */
export function shippedStages(model: DockerfileModel, target: number): Set<number> {
  return new Set(stageChain(model.graph, target).map((s) => s.index));
}

/**
 * A layer-hygiene finding in a stage whose layers do not ship drops to info, saying why; ONBUILD
 * triggers run in downstream images, so they keep their severity.
 */
function scopeToShippedLayers(
  finding: Finding,
  model: DockerfileModel,
  shipped: ReadonlySet<number>,
): Finding {
  const ins = model.instructions.find((i) => i.line === finding.line);
  if (!ins || ins.onbuild || ins.stage < 0 || shipped.has(ins.stage)) return finding;
  if (severityRank(finding.severity) >= severityRank('info')) return finding;
  const stage = model.graph.stages[ins.stage];
  const label = stage?.name !== undefined ? `\`${stage.name}\`` : `#${ins.stage}`;
  return {
    ...finding,
    severity: 'info',
    message: `${finding.message} (info only: stage ${label} is not in the target's FROM chain, so its layers do not ship in the image)`,
  };
}

/** Runs the rules and returns findings and internal notices. Pure apart from calling the rules. */
export function runLint(model: DockerfileModel, options: LintOptions = {}): LintResult {
  const rules = options.rules ?? allRules;
  const ctx = contextFor(model, options);
  const overrides = options.severityOverrides ?? {};
  const ignored = new Set((options.ignored ?? []).map((n) => n.toLowerCase()));
  const pragmas = readIgnorePragmas(model);
  const notices: string[] = [];
  const lineCount = lineCountOf(model.text);
  const turnedOn = new Set(
    [...(options.enabled ?? []), ...Object.keys(overrides)].map((n) => n.toLowerCase()),
  );
  const experimental = experimentalChecksOf(model);
  const shipped = shippedStages(model, ctx.target);

  const candidates: Candidate[] = [];
  for (const rule of rules) {
    const { names: ruleNamesLower, aliases, buildkit } = factsOf(rule);
    if (!isEnabled(rule, ruleNamesLower, turnedOn, experimental)) continue;
    let hits;
    try {
      hits = rule.check(ctx);
      if (!Array.isArray(hits)) throw new Error('check() did not return a list');
    } catch (err) {
      notices.push(
        `stagegate rule '${rule.id}' failed on ${model.file} and was skipped: ${describeError(err)}`,
      );
      continue;
    }
    for (const hit of hits) {
      const names = hit.aliases?.length
        ? [...ruleNamesLower, ...hit.aliases.map((a) => a.toLowerCase())]
        : ruleNamesLower;
      // A hit's own name (SC2086) is more specific than its rule's, so its override wins.
      const override = [...names]
        .reverse()
        .map((n) => overrides[n])
        .find((v) => v !== undefined);
      const severity: Severity =
        override ?? (buildkit && pragmas.check.error ? 'error' : (hit.severity ?? rule.severity));
      if (!Number.isInteger(hit.line) || hit.line < 1) {
        notices.push(
          `stagegate rule '${rule.id}' reported an invalid line (${String(hit.line)}) on ${model.file}.`,
        );
        continue;
      }
      const line = Math.min(hit.line, lineCount);
      const endLine = Math.min(Math.max(hit.endLine ?? line, line), lineCount);
      let finding: Finding = {
        file: model.file,
        line,
        endLine,
        ...(hit.column !== undefined ? { column: hit.column } : {}),
        rule: rule.id,
        severity,
        message: hit.message ?? rule.description,
        aliases: [...aliases, ...(hit.aliases ?? [])],
        docs: docsUrl(rule.id),
      };
      if (rule.layerHygiene) finding = scopeToShippedLayers(finding, model, shipped);
      candidates.push({ finding, line, relatedLines: hit.relatedLines, names, buildkit });
    }
  }

  const seen = new Set<string>();
  const shown = candidates
    .filter((c) => !c.names.some((n) => ignored.has(n)))
    .filter((c) => !isSuppressed(pragmas, c))
    .map((c) => c.finding)
    .filter((f) => {
      const key = `${f.rule}\0${f.line}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.endLine - b.endLine || a.rule.localeCompare(b.rule));
  const findings = collapseRepeated(shown, model);
  const outcome = ctx.shellcheck?.outcome;
  const notes = outcome && !outcome.ran ? [shellcheckNote(outcome.reason)] : [];
  return { findings, notices, notes };
}

/** Findings only; notices go to `options.onNotice`. */
export function lintDockerfile(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const { findings, notices } = runLint(model, options);
  for (const n of notices) options.onNotice?.(n);
  return findings;
}

/** What linting needs from files around the Dockerfile: `.stagegate.yml` and `.dockerignore`. */
export interface LintSetup {
  options: LintOptions;
  /** The config file read, if any. */
  configFile?: string;
  /** The `.dockerignore` read, if any. */
  dockerignoreFile?: string;
}

/** Config files picked up from the working directory when the `config` input is not set. */
export const DEFAULT_CONFIG_FILES = ['.stagegate.yml', '.stagegate.yaml'];

/**
 * Reads the config file (`config`, else `.stagegate.yml` in `cwd` when present) and the `.dockerignore`
 * BuildKit would use. Throws UserError for a config it cannot use or a `config` that does not exist.
 */
export function loadLintSetup(args: {
  config?: string;
  context: string;
  file: string;
  cwd?: string;
}): LintSetup {
  const cwd = args.cwd ?? process.cwd();
  let configFile = args.config ? resolve(cwd, args.config) : undefined;
  if (!configFile) configFile = DEFAULT_CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  const config = configFile ? loadLintConfig(configFile, (n) => isKnownRuleName(n)) : emptyConfig();
  const dockerfile = resolve(cwd, args.file);
  const ignore = readDockerignore(dockerfile, resolve(cwd, args.context || dirname(args.file)));
  return {
    options: {
      dockerignore: ignore?.lines,
      settings: config.settings,
      severityOverrides: config.severity,
      ignored: config.ignored,
    },
    configFile,
    dockerignoreFile: ignore?.file,
  };
}
