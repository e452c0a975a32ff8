/**
 * The multi-stage rules over the shared corpus: hadolint's DL3022 cases (copy-from-unknown-stage is its
 * alias) and every real Dockerfile (no rule may throw; hit counts are printed for review).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from '@jest/globals';
import { parseDockerfile } from '../../../../src/dockerfile/load.js';
import { UserError } from '../../../../src/errors.js';
import { multistageRules } from '../../../../src/rules/multistage/index.js';
import type { RuleContext } from '../../../../src/rules/types.js';
import { describeWithCorpus, parserCases, readJsonl, realDockerfiles } from '../../../helpers/corpus.js';
import { contextFor, contextForModel } from '../../../helpers/rule-context.js';

interface HadolintCase {
  rule: string;
  dockerfile: string;
  expect: 'catches' | 'passes';
  variant: 'plain' | 'onbuild';
  config: string | null;
  it: string;
}

describeWithCorpus('multi-stage rules on the shared corpus', () => {
  test('hadolint DL3022 cases agree with copy-from-unknown-stage (>= 98%)', () => {
    const cases = readJsonl<HadolintCase>('hadolint-cases.jsonl').filter((c) => c.rule === 'DL3022');
    const rules = multistageRules.filter((r) => r.aliases.includes('DL3022'));
    expect(rules.map((r) => r.id)).toEqual(['copy-from-unknown-stage']);
    expect(cases.length).toBeGreaterThanOrEqual(7);
    const disagreements: string[] = [];
    for (const c of cases) {
      // hadolint appends a newline before parsing.
      const ctx = contextFor(`${c.dockerfile}\n`);
      const caught = rules.some((r) => r.check(ctx).length > 0);
      if (caught !== (c.expect === 'catches'))
        disagreements.push(`${c.expect}: ${c.it}: ${JSON.stringify(c.dockerfile)}`);
    }
    const agreement = (cases.length - disagreements.length) / cases.length;
    console.log(
      `DL3022 agreement: ${cases.length - disagreements.length}/${cases.length} (${(agreement * 100).toFixed(1)}%)`,
    );
    expect(disagreements).toEqual([]);
    expect(agreement).toBeGreaterThanOrEqual(0.98);
  });

  test('no rule throws on any real Dockerfile; hit counts per rule', () => {
    const files = realDockerfiles();
    expect(files.length).toBeGreaterThan(200);
    const counts = new Map<string, { hits: number; files: string[] }>(
      multistageRules.map((r) => [r.id, { hits: 0, files: [] }]),
    );
    let parsed = 0;
    for (const file of files) {
      let ctx: RuleContext;
      try {
        // Corpus names are `<owner>__<repo>__<path with / as __>`: give the rules the original file name.
        const model = parseDockerfile(readFileSync(file, 'utf8'), basename(file).split('__').join('/'));
        const test = model.graph.stages.find((s) => s.key === 'test');
        ctx = contextForModel(model, test ? { testStage: test.index } : {});
      } catch (err) {
        // Files the model refuses (e.g. compose's deliberately invalid fixture) are the parser's concern.
        expect(err).toBeInstanceOf(UserError);
        continue;
      }
      parsed++;
      for (const rule of multistageRules) {
        const hits = rule.check(ctx);
        for (const hit of hits) {
          expect(hit.line).toBeGreaterThanOrEqual(1);
          expect(hit.line).toBeLessThanOrEqual(ctx.model.text.split('\n').length);
        }
        const count = counts.get(rule.id) as { hits: number; files: string[] };
        count.hits += hits.length;
        if (hits.length) count.files.push(`${basename(file)}:${hits.map((h) => h.line).join(',')}`);
        if (process.env.STAGEGATE_RULE_HITS === rule.id) {
          for (const hit of hits)
            console.log(`${basename(file)}:${hit.line}: ${hit.message ?? rule.description}`);
        }
      }
    }
    expect(parsed).toBeGreaterThan(200);
    const report = [...counts]
      .map(([id, c]) => `${id}: ${c.hits} hits in ${c.files.length} files`)
      .join('\n');
    console.log(`multi-stage rules over ${parsed} real Dockerfiles:\n${report}`);
    // These files build upstream: an error-severity finding on them would be a false positive.
    const errorRules = multistageRules.filter((r) => r.severity === 'error').map((r) => r.id);
    expect(errorRules.length).toBeGreaterThan(0);
    for (const id of errorRules) expect({ id, files: counts.get(id)?.files }).toEqual({ id, files: [] });
  });

  test('no rule throws on the BuildKit parser cases (escape directive, heredocs, odd JSON...)', () => {
    const files = parserCases('buildkit-parser');
    expect(files.length).toBeGreaterThan(20);
    let checked = 0;
    for (const file of files) {
      let ctx: RuleContext;
      try {
        ctx = contextFor(readFileSync(file, 'utf8'));
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        continue;
      }
      checked++;
      for (const rule of multistageRules) {
        for (const hit of rule.check(ctx)) expect(hit.line).toBeGreaterThanOrEqual(1);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
