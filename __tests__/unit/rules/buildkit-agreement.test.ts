/**
 * BuildKit's documented Bad/Good examples (corpus buildkit-lint-cases.jsonl): for every example whose
 * check one of our rules aliases, our verdict (the rule fires or not) must match the docs. The rate is
 * printed and must stay >= 98%. Examples are linted with the lenient model, since a few "bad" examples
 * (duplicate stage names) are refused outright by the loader, which is a catch of its own.
 */
import { expect, it } from '@jest/globals';
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
 * Known, documented disagreements (docs/rules/<id>.md says why). Still counted as disagreements.
 * `ARG foo bar` declares two arguments in current BuildKit; reporting it would flag the common
 * `ARG TARGETOS TARGETARCH`.
 */
const KNOWN_DIFFERENCES = new Set(['LegacyKeyValueFormat:FROM alpine\nARG foo bar\n']);

describeWithCorpus('BuildKit docs examples agree with our rules', () => {
  const cases = readJsonl<BuildkitCase>('buildkit-lint-cases.jsonl');
  const verdicts = cases
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

  it('disagrees only where the docs pages say so', () => {
    const unexplained = verdicts.filter(
      (v) => !v.agrees && !KNOWN_DIFFERENCES.has(`${v.c.rule}:${v.c.dockerfile}`),
    );
    expect(unexplained.map((v) => `${v.c.rule}: ${v.c.dockerfile}`)).toEqual([]);
  });
});
