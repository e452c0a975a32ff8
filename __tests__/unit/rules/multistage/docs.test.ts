/**
 * Every multi-stage rule has docs/rules/<id>.md naming its severity and aliases, with a Bad example the
 * rule flags and a Good example it passes (a ```text block in the section is the .dockerignore).
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { multistageRules } from '../../../../src/rules/multistage/index.js';
import { hitsOf, type ContextOptions } from '../../../helpers/rule-context.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../docs/rules');

function section(page: string, heading: string): string | undefined {
  return page.split(/^## /m).find((s) => s.startsWith(heading));
}

function fenced(text: string | undefined, lang: string): string | undefined {
  return text ? new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text)?.[1] : undefined;
}

/** Context a rule's examples need beyond the Dockerfile. */
const OPTIONS: Record<string, ContextOptions> = {
  'test-stage-not-in-target': { testStage: 'test' },
};

describe.each(multistageRules.map((r) => [r.id, r] as const))('docs/rules/%s.md', (id, rule) => {
  const path = resolve(DOCS, `${id}.md`);
  const page = existsSync(path) ? readFileSync(path, 'utf8') : '';

  test('exists and states the id, description, severity and aliases', () => {
    expect(page.startsWith(`# ${id}\n`)).toBe(true);
    expect(page).toContain(rule.description);
    expect(page).toContain(`- **Severity:** ${rule.severity}`);
    for (const alias of rule.aliases) expect(page).toContain(alias);
    expect(page).toMatch(/^## Why$/m);
  });

  for (const [heading, expectHits] of [
    ['Bad', true],
    ['Good', false],
  ] as const) {
    test(`${heading} example ${expectHits ? 'is flagged' : 'passes'}`, () => {
      const part = section(page, heading);
      const dockerfile = fenced(part, 'dockerfile');
      expect(dockerfile).toBeDefined();
      const dockerignore = fenced(part, 'text')?.split('\n');
      const hits = hitsOf(rule, dockerfile as string, {
        ...OPTIONS[id],
        // The .dockerignore rules read "no .dockerignore" from a section without one.
        ...(dockerignore
          ? { dockerignore }
          : id.startsWith('dockerignore')
            ? {}
            : { dockerignore: ['.git', 'node_modules'] }),
      });
      if (expectHits) expect(hits.length).toBeGreaterThan(0);
      else expect(hits).toEqual([]);
    });
  }
});
