/**
 * BuildKit's documented Bad/Good examples (corpus buildkit-lint-cases.jsonl): for every example whose
 * check one of our rules aliases, our verdict (the rule fires or not) must match the docs. The rate is
 * printed and must stay >= 98%. Examples are linted with the lenient model, since a few "bad" examples
 * (duplicate stage names) are refused outright by the loader, which is a catch of its own.
 *
 * Where live BuildKit (the oracle run, __tests__/fixtures/buildkit-oracle/results.json, made by
 * bench/buildkit-oracle.mjs) checked an example cleanly and contradicts its own docs page, the engine is
 * the reference: `ARG foo bar` is not reported by BuildKit v0.34.2, and its "good" InvalidDefinitionDescription
 * example (comments a blank line above) is. Both are listed on the rules' docs pages.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../../src/rules/registry.js';
import { runLint } from '../../../src/rules/lint.js';
import { describeWithCorpus, readJsonl } from '../../helpers/corpus.js';
import { lenientModel } from '../../helpers/lint-models.js';

interface BuildkitCase {
  rule: string;
  dockerfile: string;
  expect: 'catches' | 'passes';
  note: string;
  source: string;
}

/**
 * Context a partial example needs. CopyIgnoredFile's examples assume a `.dockerignore` excluding `tmp`
 * (the Bad example's note: "Attempting to Copy file "./tmp/Dockerfile" that is excluded by .dockerignore").
 */
const DOCKERIGNORE: Record<string, string[]> = { CopyIgnoredFile: ['tmp'] };

/**
 * Known, documented disagreements with the docs (docs/rules/<id>.md says why). Still counted as
 * disagreements. None are left now that live BuildKit settles the examples its docs get wrong.
 */
const KNOWN_DIFFERENCES = new Set<string>();

interface OracleCase {
  index: number;
  rule: string;
  error?: string;
  default: { check: string }[];
  experimentalAll: { check: string }[];
}
const oracleCases = (
  JSON.parse(
    readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/buildkit-oracle/results.json'),
      'utf8',
    ),
  ) as { cases: OracleCase[] }
).cases;

/**
 * Checks that read the base image's config. The oracle runs without a registry (base images are empty
 * contexts), so its verdict on these says nothing about a real build.
 */
const NEEDS_IMAGE_CONFIG = new Set(['UndefinedVar', 'InvalidBaseImagePlatform']);

/** Live BuildKit's verdict on example `index` (all checks on), or undefined when it could not check it. */
function liveVerdict(index: number, rule: string): 'catches' | 'passes' | undefined {
  const run = oracleCases.find((c) => c.index === index && c.rule === rule);
  if (!run || run.error || NEEDS_IMAGE_CONFIG.has(rule)) return undefined;
  return run.experimentalAll.some((w) => w.check === rule) ? 'catches' : 'passes';
}

describeWithCorpus('BuildKit docs examples agree with our rules', () => {
  const cases = readJsonl<BuildkitCase>('buildkit-lint-cases.jsonl');
  const verdicts = cases
    .map((c, index) => ({ ...c, docs: c.expect, expect: liveVerdict(index, c.rule) ?? c.expect }))
    .filter((c) => allRules.some((r) => r.aliases.includes(c.rule)))
    .map((c) => {
      const rules = allRules.filter((r) => r.aliases.includes(c.rule));
      const { findings, notices } = runLint(lenientModel(c.dockerfile), {
        rules,
        dockerignore: DOCKERIGNORE[c.rule],
        // BuildKit's docs show experimental checks as they report once turned on.
        enabled: [c.rule],
      });
      const caught = findings.length > 0;
      return { c, caught, agrees: caught === (c.expect === 'catches'), notices };
    });

  it('covers every one of the 21 checks', () => {
    expect(new Set(verdicts.map((v) => v.c.rule)).size).toBe(21);
  });

  it('agrees on at least 98% of the examples', () => {
    const agreed = verdicts.filter((v) => v.agrees).length;
    const rate = agreed / verdicts.length;
    const misses = verdicts
      .filter((v) => !v.agrees)
      .map(
        (v) =>
          `  ${v.c.rule} (expected ${v.c.expect}${KNOWN_DIFFERENCES.has(`${v.c.rule}:${v.c.dockerfile}`) ? ', documented difference' : ''}): ${JSON.stringify(v.c.dockerfile)}`,
      );
    console.log(
      `BuildKit docs agreement: ${agreed}/${verdicts.length} = ${(rate * 100).toFixed(1)}%` +
        (misses.length ? `\n${misses.join('\n')}` : ''),
    );
    expect(verdicts.flatMap((v) => v.notices)).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });

  it('follows live BuildKit where it contradicts its docs only on the two known examples', () => {
    const overruled = verdicts
      .filter((v) => v.c.expect !== v.c.docs)
      .map((v) => `${v.c.rule}: ${v.c.dockerfile}`);
    expect(overruled).toEqual([
      'InvalidDefinitionDescription: # a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n',
      'LegacyKeyValueFormat: FROM alpine\nARG foo bar\n',
    ]);
  });

  it('disagrees only where the docs pages say so', () => {
    const unexplained = verdicts.filter(
      (v) => !v.agrees && !KNOWN_DIFFERENCES.has(`${v.c.rule}:${v.c.dockerfile}`),
    );
    expect(unexplained.map((v) => `${v.c.rule}: ${v.c.dockerfile}`)).toEqual([]);
  });
});
