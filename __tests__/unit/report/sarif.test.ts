/** SARIF 2.1.0 output for code scanning. */
import { describe, expect, it } from '@jest/globals';
import { runLint } from '../../../src/rules/lint.js';
import { allRules } from '../../../src/rules/registry.js';
import { sarifLevel, toSarif } from '../../../src/report/sarif.js';
import { model } from '../../helpers/lint-models.js';

describe('toSarif', () => {
  const { findings } = runLint(
    model('FROM alpine AS Build\nMAINTAINER me\nCMD node x\n', './docker/Dockerfile'),
  );
  const log = toSarif(findings, allRules);
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with one run by stagegate', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('stagegate');
  });

  it('describes every rule once, with its help link, default level and aliases as tags', () => {
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    const casing = rules.find((r) => r.id === 'stage-name-casing');
    expect(casing).toMatchObject({
      name: 'StageNameCasing',
      helpUri: 'https://github.com/stagegate/stagegate/blob/main/docs/rules/stage-name-casing.md',
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['StageNameCasing'] },
    });
  });

  it('gives one result per finding, pointing at its rule and its lines', () => {
    const results = run.results ?? [];
    expect(results).toHaveLength(findings.length);
    expect(findings.length).toBeGreaterThan(2);
    for (const [i, r] of results.entries()) {
      expect(run.tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
      expect(r.ruleId).toBe(findings[i].rule);
      expect(r.level).toBe(sarifLevel(findings[i].severity));
      expect(r.locations?.[0].physicalLocation).toEqual({
        artifactLocation: { uri: 'docker/Dockerfile' },
        region: { startLine: findings[i].line, endLine: findings[i].endLine },
      });
    }
  });

  it("carries each finding's baseline as SARIF's baselineState: new, or unchanged for an existing one", () => {
    const [a, b, c] = findings;
    const marked = toSarif([{ ...a, baseline: 'new' }, { ...b, baseline: 'existing' }, c], allRules);
    expect((marked.runs[0].results ?? []).map((r) => r.baselineState)).toEqual([
      'new',
      'unchanged',
      undefined,
    ]);
  });

  it('maps severities to SARIF levels', () => {
    expect(['error', 'warning', 'info', 'style'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'warning',
      'note',
      'note',
    ]);
  });
});
