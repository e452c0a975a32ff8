/**
 * Every rule stagegate runs: BuildKit's checks, hadolint's DL rules, and the multi-stage rules.
 * Ids are unique across all of them and never another rule's alias (checked when the module loads, so
 * a clash fails every test). Where a BuildKit check and a hadolint rule report the same problem, one
 * rule covers both and lists the other's names among its aliases (json-args-recommended answers to
 * JSONArgsRecommended, DL3025 and the id json-cmd-entrypoint of the rule merged into it).
 */
import { buildkitRules } from './buildkit/index.js';
import { hadolintRules } from './hadolint/index.js';
import { multistageRules } from './multistage/index.js';
import type { Rule } from './types.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Joins rule families; throws on a duplicate or malformed id, or an id that is another rule's alias
 * (a programming error, not a user one: a config naming it would mean two rules).
 */
export function buildRegistry(...families: Rule[][]): Rule[] {
  const seen = new Map<string, Rule>();
  for (const rule of families.flat()) {
    if (!ID.test(rule.id)) throw new Error(`Rule id '${rule.id}' is not kebab-case.`);
    if (seen.has(rule.id)) throw new Error(`Two rules share the id '${rule.id}'; ids must be unique.`);
    seen.set(rule.id, rule);
  }
  for (const rule of seen.values())
    for (const alias of rule.aliases)
      if (seen.has(alias.toLowerCase()) && alias.toLowerCase() !== rule.id)
        throw new Error(`Rule '${rule.id}' lists '${alias}', another rule's id, as an alias.`);
  return [...seen.values()];
}

export const allRules: readonly Rule[] = buildRegistry(buildkitRules, hadolintRules, multistageRules);

/** The names a rule answers to (id and aliases), lower-cased. */
export function ruleNames(rule: Rule): string[] {
  return [rule.id, ...rule.aliases].map((n) => n.toLowerCase());
}

/** Whether `name` is a rule id or alias (case-insensitive) in `rules`. */
export function isKnownRuleName(name: string, rules: readonly Rule[] = allRules): boolean {
  const lower = name.toLowerCase();
  return rules.some((r) => ruleNames(r).includes(lower));
}
