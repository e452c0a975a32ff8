/**
 * In-file suppressions: stagegate and hadolint pragmas, and BuildKit's `# check=` directive; and the ids
 * of merged rules in them and in `.stagegate.yml`.
 */
import { describe, expect, it } from '@jest/globals';
import { buildkitRules } from '../../../src/rules/buildkit/index.js';
import { parseLintConfig } from '../../../src/rules/config.js';
import { parseCheckDirective } from '../../../src/rules/ignores.js';
import { runLint } from '../../../src/rules/lint.js';
import { allRules, isKnownRuleName } from '../../../src/rules/registry.js';
import type { Rule } from '../../../src/rules/types.js';
import { lenientModel, model } from '../../helpers/lint-models.js';

/** Fires on every RUN; carries a hadolint alias. */
const everyRun: Rule = {
  id: 'every-run',
  severity: 'warning',
  description: 'a RUN',
  aliases: ['DL9001'],
  check: ({ model: m }) =>
    m.instructions.filter((i) => i.keyword === 'RUN' && !i.onbuild).map((i) => ({ line: i.line })),
};
const jsonArgs = buildkitRules.find((r) => r.id === 'json-args-recommended') as Rule;
const rules = [everyRun, jsonArgs];

const lines = (text: string) =>
  runLint(model(text), { rules }).findings.map((f) => `${f.line}:${f.rule}:${f.severity}`);

describe('ignore pragmas', () => {
  it('`# stagegate ignore=` hides the rule on the next instruction only', () => {
    const text = 'FROM alpine\n# stagegate ignore=every-run\n\nRUN a \\\n  b\nRUN c\n';
    expect(lines(text)).toEqual(['6:every-run:warning']);
  });

  it('takes several ids and aliases, case-insensitively, and leaves other rules alone', () => {
    const text = 'FROM alpine\n# stagegate ignore=DL9001, JSONArgsRecommended\nCMD x\nCMD y\n';
    expect(lines(text)).toEqual(['4:json-args-recommended:warning']);
  });

  it('`# hadolint stage ignore=` hides the rule in the next stage only', () => {
    const text = '# hadolint stage ignore=DL9001\nFROM alpine\nRUN a\nRUN b\nFROM alpine\nRUN c\n';
    expect(lines(text)).toEqual(['6:every-run:warning']);
  });

  it('a hadolint pragma that names something other than DL/SC codes ignores nothing, as in hadolint', () => {
    expect(lines('FROM alpine\n# hadolint ignore=crazy,DL9001\nRUN a\n')).toEqual(['3:every-run:warning']);
    expect(lines('FROM alpine\n# hadolint ignore=DL9001\nRUN a\n')).toEqual([]);
  });

  it('`# stagegate global ignore=` hides the rule in the whole file', () => {
    expect(lines('FROM alpine\nRUN a\n# stagegate global ignore=every-run\nRUN b\n')).toEqual([]);
  });

  it("honours hadolint's `# hadolint ignore=` and `# hadolint global ignore=` through aliases", () => {
    expect(lines('FROM alpine\n# hadolint ignore=DL9001\nRUN a\nRUN b\n')).toEqual(['4:every-run:warning']);
    expect(lines('# hadolint global ignore=DL3000,DL9001\nFROM alpine\nRUN a\nRUN b\n')).toEqual([]);
  });

  it('ignores a pragma naming another rule, and plain comments', () => {
    expect(lines('FROM alpine\n# stagegate ignore=other-rule\nRUN a\n# ignore=every-run\nRUN b\n')).toEqual([
      '3:every-run:warning',
      '5:every-run:warning',
    ]);
  });
});

describe("BuildKit's # check= directive", () => {
  it('skip= hides the named BuildKit checks, and only rules aliased to BuildKit', () => {
    const text = '# check=skip=JSONArgsRecommended\nFROM alpine\nRUN a\nCMD x\n';
    expect(lines(text)).toEqual(['3:every-run:warning']);
  });

  it('skip=all hides every BuildKit check but not the other rules', () => {
    expect(lines('# check=skip=all\nFROM alpine\nRUN a\nCMD x\n')).toEqual(['3:every-run:warning']);
  });

  it('error=true makes BuildKit checks errors', () => {
    expect(lines('# check=error=true\nFROM alpine\nRUN a\nCMD x\n')).toEqual([
      '3:every-run:warning',
      '4:json-args-recommended:error',
    ]);
  });

  it('is a parser directive: below an instruction it is only a comment', () => {
    expect(lines('FROM alpine\n# check=skip=all\nCMD x\n')).toEqual(['3:json-args-recommended:warning']);
  });

  it('parses skip lists, error and unknown keys', () => {
    const check = parseCheckDirective('skip=A, b;error=TRUE;experimental=all');
    expect({ ...check, skip: [...check.skip] }).toEqual({ skipAll: false, skip: ['a', 'b'], error: true });
  });
});

describe('the ids of rules merged into their BuildKit twin', () => {
  /** Old id, its hadolint id, a Dockerfile the merged rule flags, and the line of the instruction. */
  const cases: [string, string, string, number][] = [
    ['maintainer-instruction', 'DL4000', 'FROM alpine:3.20\nMAINTAINER me\n', 2],
    ['unique-stage-names', 'DL3024', 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n', 2],
    ['stage-name-reserved-word', 'DL3063', 'FROM alpine:3.20 AS context\n', 1],
    ['from-platform-targetplatform', 'DL3065', 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', 1],
    ['secrets-in-arg-env', 'DL3064', 'FROM alpine:3.20\nARG GITHUB_TOKEN\n', 2],
    ['json-cmd-entrypoint', 'DL3025', 'FROM alpine:3.20\nCMD node x\n', 2],
    ['workdir-absolute', 'DL3000', 'FROM alpine:3.20\nWORKDIR app\n', 2],
    ['single-cmd', 'DL4003', 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n', 2],
    ['single-entrypoint', 'DL4004', 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', 2],
    ['single-healthcheck', 'DL3012', 'FROM alpine:3.20\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK NONE\n', 2],
  ];
  /** The findings of the rule(s) that took `old` in (every rule runs, as in `stagegate lint`). */
  const lint = (old: string, text: string, config = '') => {
    const { ignored, severity } = parseLintConfig(config, '.stagegate.yml', (n) => isKnownRuleName(n));
    const ids = allRules.filter((r) => r.aliases.includes(old)).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    return runLint(lenientModel(text), { ignored, severityOverrides: severity }).findings.filter((f) =>
      ids.includes(f.rule),
    );
  };
  const withComment = (text: string, line: number, comment: string) => {
    const lines = text.split('\n');
    lines.splice(line - 1, 0, comment);
    return lines.join('\n');
  };

  it.each(cases)('%s (%s) still ignores and overrides it, case-insensitively', (old, dl, text, line) => {
    expect(lint(old, text).map((f) => `${f.line} ${f.aliases.includes(old)}`)).toEqual([`${line} true`]);
    expect(lint(old, text, `ignore: [${old.toUpperCase()}]`)).toEqual([]);
    expect(lint(old, text, `ignore: [${dl.toLowerCase()}]`)).toEqual([]);
    const overridden = lint(old, text, `severity: { ${old.toUpperCase()}: style }`);
    expect(overridden.map((f) => f.severity)).toEqual(['style']);
    expect(lint(old, withComment(text, line, `# stagegate ignore=${old.toUpperCase()}`))).toEqual([]);
    expect(lint(old, withComment(text, line, `# hadolint ignore=${dl}`))).toEqual([]);
    expect(lint(old, withComment(text, 1, `# stagegate global ignore=${old}`))).toEqual([]);
  });

  it('a hadolint ignore above the repeated instruction, where hadolint reports it, applies too', () => {
    for (const [old, dl, text] of cases.slice(-3)) {
      expect(lint(old, withComment(text, 3, `# hadolint ignore=${dl}`))).toEqual([]);
      expect(lint(old, withComment(text, 3, '# hadolint ignore=DL3006'))).toHaveLength(1);
    }
  });
});
