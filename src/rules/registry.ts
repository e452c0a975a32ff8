/**
 * Every rule stagegate runs: BuildKit's checks, hadolint's DL rules, and the multi-stage rules.
 * Ids are unique across all of them (checked when the module loads, so a clash fails every test).
 */
import { buildkitRules } from './buildkit/index.js';
import { hadolintRules } from './hadolint/index.js';
import { multistageRules } from './multistage/index.js';
import type { Rule } from './types.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Joins rule families; throws on a duplicate or malformed id (a programming error, not a user one). */
export function buildRegistry(...families: Rule[][]): Rule[] {
  const seen = new Map<string, Rule>();
  for (const rule of families.flat()) {
    if (!ID.test(rule.id)) throw new Error(`Rule id '${rule.id}' is not kebab-case.`);
    if (seen.has(rule.id)) throw new Error(`Two rules share the id '${rule.id}'; ids must be unique.`);
    seen.set(rule.id, rule);
  }
  return [...seen.values()];
}

export const allRules: readonly Rule[] = buildRegistry(buildkitRules, hadolintRules, multistageRules);

/**
 * Rules that report the same problem under two names (a BuildKit check and its hadolint twin). When
 * both fire on the same line, the engine shows one finding, with both rules' aliases, so a PR comment
 * does not say the same thing twice and either family's ignore comment hides it. The first id is kept.
 * Ids that do not exist are ignored.
 */
export const EQUIVALENT_RULES: readonly (readonly string[])[] = [
  ['maintainer-deprecated', 'maintainer-instruction'],
  ['duplicate-stage-name', 'unique-stage-names'],
  ['reserved-stage-name', 'stage-name-reserved-word'],
  ['redundant-target-platform', 'from-platform-targetplatform'],
  ['secrets-used-in-arg-or-env', 'secrets-in-arg-env'],
  ['json-args-recommended', 'json-cmd-entrypoint'],
  ['workdir-relative-path', 'workdir-absolute'],
  ['multiple-instructions-disallowed', 'single-cmd', 'single-entrypoint', 'single-healthcheck'],
];

/**
 * Twin groups (named by their first id) matched per stage and instruction keyword rather than per line:
 * BuildKit reports the CMD that is dropped, hadolint the one that repeats it.
 */
export const TWINS_PER_STAGE_KEYWORD: ReadonlySet<string> = new Set(['multiple-instructions-disallowed']);

/** The names a rule answers to (id and aliases), lower-cased. */
export function ruleNames(rule: Rule): string[] {
  return [rule.id, ...rule.aliases].map((n) => n.toLowerCase());
}

/** Whether `name` is a rule id or alias (case-insensitive) in `rules`. */
export function isKnownRuleName(name: string, rules: readonly Rule[] = allRules): boolean {
  const lower = name.toLowerCase();
  return rules.some((r) => ruleNames(r).includes(lower));
}
