/**
 * The hand-judged verdicts on corpus/real (__tests__/fixtures/verdicts/real-corpus.tsv, issue 14) hold:
 * every warning/error finding stagegate shows by default is judged (a new rule's findings must be
 * judged before it merges), no finding judged true disappears, no finding judged false comes back, and
 * precision at warning+error stays >= 97%. The full report (figures, per-rule counts, and the rows to
 * paste or delete, in the TSV format) is printed; `node bench/findings.mjs` prints the same from dist/.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeWithCorpus } from '../../helpers/corpus.js';
import { lintRealCorpus, shellcheckRan } from '../../helpers/real-corpus-lint.js';
import {
  compare,
  formatComparison,
  parseMustReport,
  parseVerdicts,
  rowText,
  TARGETS,
  type ShownFinding,
} from '../../helpers/verdicts.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/verdicts');
const verdicts = parseVerdicts(readFileSync(join(fixtures, 'real-corpus.tsv'), 'utf8'));
const mustReport = parseMustReport(readFileSync(join(fixtures, 'must-report.tsv'), 'utf8'));

/**
 * False positives still shown on main, each a class not fixed yet (see BENCHMARKS.md "Findings"). Any
 * other finding judged false that is shown fails the test; one that goes away must leave this list.
 */
const OPEN_FALSE_POSITIVES = new Set<string>([]);

/**
 * Findings judged true that a rule change took away on purpose, each with why. They stay in the TSV as
 * judged and count as lost recall (BENCHMARKS.md section 7) until someone re-judges them; any other
 * finding judged true that goes fails the test, and one listed here that comes back must leave the list.
 */
const LOST_ON_PURPOSE = new Map<string, string>([]);

const keyOf = (v: { file: string; line: number; rule: string }) => `${v.file}\t${v.line}\t${v.rule}`;

describeWithCorpus('hand-judged findings on the real Dockerfiles', () => {
  const findings: ShownFinding[] = lintRealCorpus('default').flatMap((l) =>
    l.findings.map((f) => ({
      file: l.file,
      line: f.line,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    })),
  );
  const result = compare(findings, verdicts, mustReport);

  it('prints the report', () => {
    console.log(formatComparison(result));
    expect(verdicts.length).toBeGreaterThan(500);
    expect(new Set(verdicts.map(keyOf)).size).toBe(verdicts.length);
  });

  it('has a verdict for every warning and error finding', () => {
    expect(result.unjudged).toEqual([]);
  });

  it('still shows every finding judged true', () => {
    // Without ShellCheck on PATH (never in CI: .ci/run installs it) its findings cannot come back.
    if (!shellcheckRan && process.env.CI === 'true') throw new Error('ShellCheck is not on PATH in CI');
    const gone = result.gone.filter((v) => shellcheckRan || v.rule !== 'shellcheck');
    const goneTrue = gone.filter((v) => v.verdict === 'true');
    expect(goneTrue.filter((v) => !LOST_ON_PURPOSE.has(keyOf(v))).map(rowText)).toEqual([]);
    expect([...LOST_ON_PURPOSE.keys()].filter((k) => !goneTrue.some((v) => keyOf(v) === k))).toEqual([]);
  });

  it('shows no finding judged false beyond the open false-positive classes', () => {
    expect(result.falseShown.filter((v) => !OPEN_FALSE_POSITIVES.has(keyOf(v))).map(rowText)).toEqual([]);
    const fixed = [...OPEN_FALSE_POSITIVES].filter((k) => !result.falseShown.some((v) => keyOf(v) === k));
    expect(fixed).toEqual([]);
  });

  it('keeps precision at warning+error at or above the target', () => {
    expect(result.precision).toBeGreaterThanOrEqual(TARGETS.precision);
  });
});
