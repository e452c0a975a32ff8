/** The rule engine: hits to findings, overrides, ignores, per-hit aliases, sorting, and rules that fail. */
import { describe, expect, it } from '@jest/globals';
import { lintDockerfile, runLint } from '../../../src/rules/lint.js';
import { annotationsFor } from '../../../src/report/annotations.js';
import { allRules, buildRegistry, isKnownRuleName } from '../../../src/rules/registry.js';
import type { Rule, RuleContext } from '../../../src/rules/types.js';
import { model } from '../../helpers/lint-models.js';

const TEXT = 'FROM alpine AS base\nRUN echo one\nRUN echo two\nCMD ["x"]\n';

function rule(id: string, lines: number[], extra: Partial<Rule> = {}): Rule {
  return {
    id,
    severity: 'warning',
    description: `${id} description`,
    aliases: [],
    check: () => lines.map((line) => ({ line })),
    ...extra,
  };
}

describe('runLint', () => {
  it('turns hits into findings with file, lines, severity, aliases and docs, sorted by line', () => {
    const rules = [
      rule('late', [3], { aliases: ['DL9999'] }),
      { ...rule('early', []), check: () => [{ line: 1, endLine: 2, message: 'specific' }] },
    ];
    const { findings } = runLint(model(TEXT, 'app/Dockerfile'), { rules });
    expect(findings).toEqual([
      {
        file: 'app/Dockerfile',
        line: 1,
        endLine: 2,
        rule: 'early',
        severity: 'warning',
        message: 'specific',
        aliases: [],
        docs: 'https://github.com/stagegate/stagegate/blob/main/docs/rules/early.md',
      },
      expect.objectContaining({
        line: 3,
        endLine: 3,
        rule: 'late',
        message: 'late description',
        aliases: ['DL9999'],
      }),
    ]);
  });

  it('turns a rule that throws into a notice, never a finding, and runs the others', () => {
    const broken = {
      ...rule('broken', []),
      check: () => {
        throw new Error('boom');
      },
    };
    const { findings, notices } = runLint(model(TEXT), { rules: [broken, rule('fine', [2])] });
    expect(findings.map((f) => f.rule)).toEqual(['fine']);
    expect(notices).toEqual([expect.stringContaining("'broken' failed on Dockerfile and was skipped: boom")]);
    const seen: string[] = [];
    lintDockerfile(model(TEXT), { rules: [broken], onNotice: (m) => seen.push(m) });
    expect(seen).toHaveLength(1);
  });

  it('drops hits with an impossible line (as a notice) and clamps lines past the end', () => {
    const { findings, notices } = runLint(model(TEXT), {
      rules: [{ ...rule('odd', []), check: () => [{ line: 0 }, { line: 99, endLine: 120 }] }],
    });
    expect(findings.map((f) => [f.line, f.endLine])).toEqual([[5, 5]]);
    expect(notices).toHaveLength(1);
  });

  it('applies config severity overrides by id or alias, and config ignores', () => {
    const rules = [rule('a', [2], { aliases: ['DL1234'] }), rule('b', [3]), rule('c', [4])];
    const { findings } = runLint(model(TEXT), {
      rules,
      severityOverrides: { dl1234: 'error', b: 'style' },
      ignored: ['c'],
    });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['a', 'error'],
      ['b', 'style'],
    ]);
  });

  it('gives rules the context: target defaults to the last stage, settings to empty', () => {
    let seen: RuleContext | undefined;
    runLint(model('FROM alpine AS a\nFROM a AS b\n'), {
      rules: [{ ...rule('spy', []), check: (ctx) => ((seen = ctx), []) }],
    });
    expect(seen?.target).toBe(1);
    expect(seen?.builtStages).toEqual([]);
    expect(seen?.settings).toEqual({ trustedRegistries: [], labelSchema: {}, strictLabels: false });
  });

  it('applies a per-hit alias (hitAliases) only to the hits that carry it', () => {
    const parts = { aliases: ['Whole', 'part-a', 'DL0001', 'part-b', 'DL0002'] };
    const split: Rule = {
      ...rule('split', [], { ...parts, hitAliases: parts.aliases.slice(1) }),
      check: () => [
        { line: 2, aliases: ['part-a', 'DL0001'] },
        { line: 3, aliases: ['part-b', 'DL0002'], severity: 'error' },
      ],
    };
    const lint = (options: Parameters<typeof runLint>[1] = {}) =>
      runLint(model(TEXT), { rules: [split], ...options }).findings.map(
        (f) => `${f.line} ${f.severity} ${f.aliases.join(',')}`,
      );
    expect(lint()).toEqual(['2 warning Whole,part-a,DL0001', '3 error Whole,part-b,DL0002']);
    expect(lint({ ignored: ['dl0001'] })).toEqual(['3 error Whole,part-b,DL0002']);
    expect(lint({ severityOverrides: { 'part-b': 'style' } })).toEqual([
      '2 warning Whole,part-a,DL0001',
      '3 style Whole,part-b,DL0002',
    ]);
    expect(lint({ ignored: ['whole'] })).toEqual([]);
  });

  it("applies an ignore comment on a hit's related line (the CMD that replaces a dropped one)", () => {
    const mid = allRules.filter((r) => r.id === 'multiple-instructions-disallowed');
    const text = (pragma: string) =>
      `FROM alpine:3.20\nCMD ["a"]\n${pragma}CMD ["b"]\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n`;
    const lines = (t: string) => runLint(model(t), { rules: mid }).findings.map((f) => f.line);
    expect(lines(text(''))).toEqual([2, 4]);
    // hadolint reports the repeat, so that is where its users put the comment.
    expect(lines(text('# hadolint ignore=DL4003\n'))).toEqual([5]);
    // The CMD's names only: an ENTRYPOINT finding is not the CMD finding.
    expect(lines(text('# hadolint ignore=DL4004\n'))).toEqual([2, 5]);
  });

  it('reports a dropped CMD, ENTRYPOINT or HEALTHCHECK once each, with its hadolint id and severity', () => {
    const mid = allRules.filter((r) => r.id === 'multiple-instructions-disallowed');
    const text =
      'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n' +
      'HEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE\nFROM alpine:3.20\nCMD ["d"]\n';
    const findings = runLint(model(text), { rules: mid }).findings;
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.aliases.join(',')}`)).toEqual([
      '2 warning MultipleInstructionsDisallowed,single-cmd,DL4003',
      '3 warning MultipleInstructionsDisallowed,single-cmd,DL4003',
      '5 error MultipleInstructionsDisallowed,single-entrypoint,DL4004',
      '7 error MultipleInstructionsDisallowed,single-healthcheck,DL3012',
    ]);
  });

  it('runs the whole registry on a file without FROM and on a file with only ARGs', () => {
    for (const text of ['CMD ["x"]\n', 'ARG A=1\n']) {
      const { notices } = runLint(model(text));
      expect(notices).toEqual([]);
    }
  });
});

describe('buildRegistry', () => {
  it('refuses two rules with the same id', () => {
    expect(() => buildRegistry([rule('same', [])], [rule('same', [])])).toThrow("share the id 'same'");
  });
  it('refuses an id that is not kebab-case', () => {
    expect(() => buildRegistry([rule('NotKebab', [])])).toThrow('kebab-case');
  });
  it("refuses an id that is another rule's alias (a config naming it would mean two rules)", () => {
    const merged = rule('kept', [], { aliases: ['Old-Id'] });
    expect(() => buildRegistry([merged], [rule('old-id', [])])).toThrow("another rule's id");
    expect(buildRegistry([merged], [rule('other', [])])).toHaveLength(2);
  });
});

describe('the registry', () => {
  it('holds the BuildKit, hadolint and multi-stage families', () => {
    const aliases = allRules.flatMap((r) => r.aliases);
    expect(aliases).toEqual(expect.arrayContaining(['UndefinedVar', 'DL3008']));
    expect(allRules.length).toBeGreaterThan(60);
  });

  it('has one rule per BuildKit check and its hadolint twin, answering to the old ids', () => {
    const merged: Record<string, string[]> = {
      'maintainer-deprecated': ['maintainer-instruction', 'DL4000'],
      'duplicate-stage-name': ['unique-stage-names', 'DL3024'],
      'reserved-stage-name': ['stage-name-reserved-word', 'DL3063'],
      'redundant-target-platform': ['from-platform-targetplatform', 'DL3065'],
      'secrets-used-in-arg-or-env': ['secrets-in-arg-env', 'DL3064'],
      'json-args-recommended': ['json-cmd-entrypoint', 'DL3025'],
      'workdir-relative-path': ['workdir-absolute', 'DL3000'],
      'multiple-instructions-disallowed': [
        ...['single-cmd', 'DL4003', 'single-entrypoint', 'DL4004', 'single-healthcheck', 'DL3012'],
      ],
    };
    for (const [id, old] of Object.entries(merged)) {
      expect(allRules.find((r) => r.id === id)?.aliases).toEqual(expect.arrayContaining(old));
      for (const name of old) {
        expect(allRules.some((r) => r.id === name)).toBe(false);
        expect(isKnownRuleName(name.toUpperCase())).toBe(true);
      }
    }
  });
});

describe('annotationsFor', () => {
  it('maps severities to annotation levels, with the rule as title and the docs link in the text', () => {
    const { findings } = runLint(model('FROM alpine AS context\nCMD node x\n'), {
      rules: [rule('e', [1], { severity: 'error' }), rule('w', [2]), rule('s', [2], { severity: 'style' })],
    });
    expect(annotationsFor(findings)).toEqual([
      {
        level: 'error',
        message: 'e description https://github.com/stagegate/stagegate/blob/main/docs/rules/e.md',
        props: { title: 'e (error)', file: 'Dockerfile', startLine: 1, endLine: 1 },
      },
      expect.objectContaining({ level: 'notice', props: expect.objectContaining({ title: 's (style)' }) }),
      expect.objectContaining({ level: 'warning', props: expect.objectContaining({ startLine: 2 }) }),
    ]);
  });
});
