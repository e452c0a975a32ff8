/**
 * Every hadolint-family rule has a docs page (docs/rules/<id>.md) whose Bad example it flags and whose
 * Good example it passes: the pages double as each rule's catching and passing case.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { DockerfileModel } from '../../../src/dockerfile/types.js';
import { hadolintRules } from '../../../src/rules/hadolint/index.js';
import { runShellcheck } from '../../../src/rules/lint.js';
import { findShellcheck, systemShellcheck } from '../../../src/seams/shellcheck.js';
import type { Rule, RuleSettings } from '../../../src/rules/types.js';
import { contextForModel } from '../../helpers/rule-context.js';
import { modelOrBareAst } from '../../helpers/lint-models.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');

function block(page: string, heading: string, lang: string): string | undefined {
  const section = page.split(/^## /m).find((s) => s.startsWith(heading));
  return section ? new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section)?.[1] : undefined;
}

const modelOf = (text: string): DockerfileModel => modelOrBareAst(text);

function settingsOf(yamlText: string | undefined): RuleSettings {
  const config = (yamlText ? parseYaml(yamlText) : {}) as Record<string, unknown>;
  return {
    trustedRegistries: (config['trusted-registries'] as string[] | undefined) ?? [],
    labelSchema: (config['label-schema'] as RuleSettings['labelSchema'] | undefined) ?? {},
    strictLabels: config['strict-labels'] === true,
  };
}

/** ShellCheck runs for the page of the rule that reports it (CI installs it; elsewhere when present). */
const WITH_SHELLCHECK = Boolean(findShellcheck()) || process.env.CI === 'true';

function lint(rule: Rule, text: string, settings: RuleSettings) {
  const model = modelOf(text);
  const ctx = contextForModel(model, { settings });
  if (rule.id === 'shellcheck') ctx.shellcheck = runShellcheck(model, systemShellcheck());
  return rule.check(ctx);
}

const pageRules = hadolintRules.filter((r) => r.id !== 'shellcheck' || WITH_SHELLCHECK);

describe.each(pageRules.map((rule) => [rule.id, rule] as const))('docs/rules/%s.md', (id, rule) => {
  const path = resolve(DOCS, `${id}.md`);
  const page = existsSync(path) ? readFileSync(path, 'utf8') : '';

  test('exists and names the rule, its severity and its aliases', () => {
    expect(page.startsWith(`# ${id}\n`)).toBe(true);
    expect(page).toContain(`**Severity:** ${rule.severity}`);
    for (const alias of rule.aliases) expect(page).toContain(`\`${alias}\``);
  });

  test('its Bad example is flagged, on a line inside the example', () => {
    const bad = block(page, 'Bad', 'dockerfile');
    expect(bad).toBeDefined();
    const hits = lint(rule, bad ?? '', settingsOf(block(page, 'Configuration', 'yaml')));
    expect(hits.length).toBeGreaterThan(0);
    const lines = (bad ?? '').split('\n').length;
    for (const hit of hits) {
      expect(hit.line).toBeGreaterThanOrEqual(1);
      expect(hit.line).toBeLessThanOrEqual(lines);
    }
  });

  test('its Good example passes, and no other rule of the family flags it', () => {
    const good = block(page, 'Good', 'dockerfile');
    expect(good).toBeDefined();
    const settings = settingsOf(block(page, 'Configuration', 'yaml'));
    expect(lint(rule, good ?? '', settings)).toEqual([]);
    // healthcheck-missing (style) would ask every example for a HEALTHCHECK.
    const others = hadolintRules.filter(
      (r) => r.id !== 'healthcheck-missing' && lint(r, good ?? '', settings).length > 0,
    );
    expect(others.map((r) => r.id)).toEqual([]);
  });
});
