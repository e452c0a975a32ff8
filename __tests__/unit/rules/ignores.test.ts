/** In-file suppressions: stagegate and hadolint pragmas, and BuildKit's `# check=` directive. */
import { describe, expect, it } from '@jest/globals';
import { buildkitRules } from '../../../src/rules/buildkit/index.js';
import { parseCheckDirective } from '../../../src/rules/ignores.js';
import { runLint } from '../../../src/rules/lint.js';
import type { Rule } from '../../../src/rules/types.js';
import { model } from '../../helpers/lint-models.js';

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
