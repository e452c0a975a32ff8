/** Every BuildKit rule has a docs page whose Bad example the rule catches and whose Good example it passes. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildkitRules } from '../../../src/rules/buildkit/index.js';
import { runLint } from '../../../src/rules/lint.js';
import { lenientModel } from '../../helpers/lint-models.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');

function example(page: string, heading: 'Bad' | 'Good'): string {
  const match = new RegExp(`## ${heading}\\n\\n\`\`\`dockerfile\\n([\\s\\S]*?)\`\`\``).exec(page);
  if (!match) throw new Error(`no ${heading} example`);
  return match[1];
}

describe('BuildKit rule docs', () => {
  for (const rule of buildkitRules) {
    it(`${rule.id}: the page's Bad example is caught and its Good example passes`, () => {
      const file = join(docs, `${rule.id}.md`);
      expect(existsSync(file)).toBe(true);
      const page = readFileSync(file, 'utf8');
      expect(page).toContain(`\`${rule.aliases[0]}\``);
      expect(page).toContain(`**Severity:** ${rule.severity}`);
      // The examples that need a .dockerignore say what it contains in their first line.
      const dockerignore = (text: string) =>
        /^# \.dockerignore contains: (.*)$/m.exec(text)?.[1].split(/\s+/);
      const lint = (text: string) =>
        runLint(lenientModel(text), { rules: [rule], dockerignore: dockerignore(text), enabled: [rule.id] })
          .findings;
      expect(lint(example(page, 'Bad')).length).toBeGreaterThan(0);
      expect(lint(example(page, 'Good'))).toEqual([]);
    });
  }
});
