/** The verdict comparison (helpers/verdicts.ts) on small made-up data: what it counts and what it lists. */
import { describe, expect, it } from '@jest/globals';
import { compare, formatComparison, parseMustReport, parseVerdicts } from '../../helpers/verdicts.js';

const verdicts = parseVerdicts(
  [
    '# file\tline\trule\tverdict\treason',
    'real/a\t1\tr-true\ttrue\tright',
    'real/a\t2\tr-noise\tnoise\tmeh',
    'real/a\t3\tr-false\tfalse\twrong',
    'real/b\t1\tr-true\ttrue\tright too',
  ].join('\n'),
);
const mustReport = parseMustReport(
  [
    'real/b\t9\tfloating-tag\t-\tnode:lts',
    'real/b\t5\tdeps-after-copy-all\tinstall-after-copy-all\tgo get',
  ].join('\n'),
);
const f = (file: string, line: number, rule: string, severity = 'warning') => ({
  file,
  line,
  rule,
  severity,
  message: 'm',
});

describe('compare', () => {
  const result = compare(
    [
      f('real/a', 1, 'r-true'),
      f('real/a', 2, 'r-noise'),
      f('real/a', 3, 'r-false', 'error'),
      f('real/a', 4, 'r-new'),
      f('real/a', 5, 'r-info', 'info'),
      f('real/a', 6, 'dockerignore-missing'),
      f('real/b', 5, 'install-after-copy-all'),
    ],
    verdicts,
    mustReport,
  );

  it('counts only warning and error findings, context rules left out', () => {
    expect(result.shown).toBe(5);
    expect(result.counts).toEqual({ true: 1, noise: 1, false: 1 });
  });

  it('lists an unjudged finding as a TSV row to paste, and a true finding that is gone', () => {
    expect(result.unjudged).toEqual([
      'real/a\t4\tr-new\t?\twarning: m',
      'real/b\t5\tinstall-after-copy-all\t?\twarning: m',
    ]);
    expect(result.gone.map((g) => `${g.file}:${g.line}:${g.verdict}`)).toEqual(['real/b:1:true']);
    expect(result.falseShown.map((g) => g.rule)).toEqual(['r-false']);
  });

  it('computes precision over judged findings, noise over shown ones, recall over must-report', () => {
    expect(result.precision).toBeCloseTo(2 / 3);
    expect(result.noiseShare).toBeCloseTo(1 / 5);
    // must-report: two true verdicts (one gone) and two rows (one reported by its rule)
    expect(result.recall).toMatchObject({ reported: 2, total: 4 });
    expect(result.recall.missed).toHaveLength(2);
    expect(formatComparison(result)).toContain('UNJUDGED');
  });

  it('refuses a malformed verdict row', () => {
    expect(() => parseVerdicts('real/a\t1\trule\tmaybe\twhy')).toThrow(/true\|false\|noise/);
  });
});
