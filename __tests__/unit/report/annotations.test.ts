import { describe, expect, it } from '@jest/globals';
import { jobAnnotations, selectAnnotations, type Annotation } from '../../../src/report/annotations.js';
import type { Finding, Severity } from '../../../src/model.js';

const finding = (line: number, severity: Severity): Finding => ({
  file: 'Dockerfile',
  line,
  endLine: line,
  rule: `r-${severity}`,
  severity,
  message: `${severity} on ${line}`,
  aliases: [],
  docs: 'https://example.com',
});

const ann = (level: Annotation['level'], line?: number): Annotation => ({
  level,
  message: `${level}@${line}`,
  props: line === undefined ? {} : { file: 'Dockerfile', startLine: line },
});

describe('selectAnnotations', () => {
  it('keeps at most the limit of each level, errors first, then by line', () => {
    const all = [ann('warning', 3), ann('error', 9), ann('notice', 1), ann('error', 2), ann('error', 5)];
    const { shown, total, omitted } = selectAnnotations(all, 2);
    expect(shown.map((a) => a.message)).toEqual(['error@2', 'error@5', 'warning@3', 'notice@1']);
    expect(total).toEqual({ error: 3, warning: 1, notice: 1 });
    expect(omitted).toBe(1);
  });

  it('shows everything when under the limit', () => {
    const all = [ann('error', 1), ann('warning', 2)];
    expect(selectAnnotations(all, 10)).toMatchObject({ omitted: 0, shown: [all[0], all[1]] });
  });
});

describe('jobAnnotations', () => {
  it("puts the job's own errors (no file) before findings, and counts the findings shown", () => {
    const findings = Array.from({ length: 25 }, (_, i) => finding(i + 1, i % 2 ? 'warning' : 'error'));
    const s = jobAnnotations([{ step: 'inputs', message: 'bad input' }], findings);
    expect(s.shown[0]).toMatchObject({ level: 'error', message: 'bad input' });
    expect(s.shown.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(s.shown.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(s.findingsShown).toBe(19);
    expect(s.omitted).toBe(26 - 20);
  });
});
