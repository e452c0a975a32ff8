/**
 * docs/rules as a whole: every page is a rule's page or the redirect page of a rule id merged into
 * another rule (whose aliases keep the old id), every merged id has one, and docs/rules/README.md lists
 * each rule that took a twin in once. The family tests check what a rule's own page says.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../../src/rules/registry.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ids = new Set(allRules.map((r) => r.id));
/** Old rule ids kept as aliases, each with the rules that took it in. */
const merged = new Map<string, string[]>();
for (const rule of allRules)
  for (const alias of rule.aliases.filter((a) => KEBAB.test(a)))
    merged.set(alias, [...(merged.get(alias) ?? []), rule.id]);

const page = (id: string) => readFileSync(join(DOCS, `${id}.md`), 'utf8');

describe('docs/rules', () => {
  it('has a page for every rule, and no page that is neither a rule nor a merged id', () => {
    const pages = readdirSync(DOCS)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.replace(/\.md$/, ''));
    expect([...ids].filter((id) => !pages.includes(id))).toEqual([]);
    expect(pages.filter((p) => !ids.has(p) && !merged.has(p))).toEqual([]);
    expect(merged.size).toBeGreaterThanOrEqual(10);
  });

  it('gives every merged id a short page pointing to the rules that took it in', () => {
    for (const [old, into] of merged) {
      const text = page(old);
      expect(text.startsWith(`# ${old}\n`)).toBe(true);
      expect(text).toContain('the id stays as an alias');
      for (const id of into) expect(text).toContain(`[${id}](${id}.md)`);
      expect(text.split('\n').length).toBeLessThan(10);
    }
  });

  it('lists in README.md each rule that took a twin in, once, with the ids merged into it', () => {
    const readme = page('README');
    for (const rule of allRules) {
      const olds = rule.aliases.filter((a) => KEBAB.test(a));
      // healthcheck-json-form shares json-cmd-entrypoint with json-args-recommended, which has the row.
      if (olds.length === 0 || rule.aliases.every((a) => !/^[A-Z][A-Za-z]*$/.test(a))) continue;
      const rows = readme.split('\n').filter((l) => l.startsWith(`| [${rule.id}](${rule.id}.md)`));
      expect([rule.id, rows.length]).toEqual([rule.id, 1]);
      for (const old of olds) expect(rows[0]).toContain(`\`${old}\``);
    }
  });
});
