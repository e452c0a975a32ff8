/** The rule engine: hits to findings, overrides, ignores, twin merging, sorting, and rules that fail. */
import { describe, expect, it } from '@jest/globals';
import { lintDockerfile, runLint } from '../../../src/rules/lint.js';
import { annotationsFor } from '../../../src/report/annotations.js';
import { allRules, buildRegistry, EQUIVALENT_RULES } from '../../../src/rules/registry.js';
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

  it('shows twin rules (a BuildKit check and its hadolint twin) once, with both aliases and the worse severity', () => {
    const [first, second] = EQUIVALENT_RULES[0];
    const rules = [
      rule(second, [2], { aliases: ['DL4000'], severity: 'error' }),
      rule(first, [2], { aliases: ['MaintainerDeprecated'], severity: 'info' }),
    ];
    const { findings } = runLint(model(TEXT), { rules });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: first, severity: 'error' });
    expect(findings[0].aliases.sort()).toEqual(['DL4000', 'MaintainerDeprecated']);
    // Either family's ignore hides the merged finding.
    const ignored = runLint(model(`FROM alpine\n# hadolint ignore=DL4000\nMAINTAINER me\n`), {
      rules: rules.map((r) => ({ ...r, check: () => [{ line: 3 }] })),
    });
    expect(ignored.findings).toEqual([]);
  });

  it('pairs BuildKit\'s "first CMD" with hadolint\'s "second CMD" in the same stage, one finding per dropped CMD', () => {
    const twins = allRules.filter((r) =>
      EQUIVALENT_RULES.some((g) => g[0] === 'multiple-instructions-disallowed' && g.includes(r.id)),
    );
    const text = 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n';
    const findings = runLint(model(text), { rules: twins }).findings;
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [2, 'multiple-instructions-disallowed'],
      [3, 'multiple-instructions-disallowed'],
      [5, 'multiple-instructions-disallowed'],
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
});

describe('the registry', () => {
  it('holds the BuildKit, hadolint and multi-stage families', () => {
    const aliases = allRules.flatMap((r) => r.aliases);
    expect(aliases).toEqual(expect.arrayContaining(['UndefinedVar', 'DL3008']));
    expect(allRules.length).toBeGreaterThan(60);
  });

  it('names only existing rules as twins, each twin in one group', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const twins = EQUIVALENT_RULES.flat();
    expect(twins.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(twins).size).toBe(twins.length);
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
