import { describe, expect, it } from '@jest/globals';
import {
  baselineSummary,
  findingKey,
  markBaseline,
  normalizeInstruction,
  type LintedFile,
} from '../../../src/baseline/findings.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import type { Finding } from '../../../src/model.js';

const FILE = 'app/Dockerfile';

/** A Dockerfile and findings of `rule` on the lines whose text contains each marker. */
function linted(text: string, hits: Array<[rule: string, marker: string, nth?: number]>): LintedFile {
  const model = parseDockerfile(text, FILE);
  const lines = text.split('\n');
  const findings = hits.map(([rule, marker, nth = 0]): Finding => {
    const line = lines.map((l, i) => (l.includes(marker) ? i + 1 : 0)).filter(Boolean)[nth];
    if (!line) throw new Error(`no line ${nth} with ${marker}`);
    return {
      file: FILE,
      line,
      endLine: line,
      rule,
      severity: 'warning',
      message: `${rule} here`,
      aliases: [],
      docs: '',
    };
  });
  return { model, findings };
}

const BASE = [
  'FROM alpine:3.20 AS build',
  'RUN apk add curl',
  'FROM alpine:3.20 AS runtime',
  'COPY --from=build /x /x',
  '',
].join('\n');

const states = (findings: Finding[]): string[] => findings.map((f) => `${f.rule}@${f.line}:${f.baseline}`);

describe('markBaseline', () => {
  const cases: Array<{ name: string; head: LintedFile; base?: LintedFile; expected: string[] }> = [
    {
      name: 'the same finding on the same instruction is existing',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE, [['pkg-pin', 'apk add']]),
      expected: ['pkg-pin@2:existing'],
    },
    {
      name: 'lines added above do not make it new (not matched by line)',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(
        `# a comment\nARG X=1\n${BASE.replace('AS build\n', 'AS build\nRUN echo one\nRUN echo two\n')}`,
        [['pkg-pin', 'apk add']],
      ),
      expected: ['pkg-pin@6:existing'],
    },
    {
      name: 'the same instruction twice where the base had it once: one existing, the later one new',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE.replace('RUN apk add curl\n', 'RUN apk add curl\nRUN apk add curl\n'), [
        ['pkg-pin', 'apk add', 1],
        ['pkg-pin', 'apk add', 0],
      ]),
      expected: ['pkg-pin@3:new', 'pkg-pin@2:existing'],
    },
    {
      name: 'an edited instruction makes its findings new',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE.replace('apk add curl', 'apk add curl git'), [['pkg-pin', 'apk add']]),
      expected: ['pkg-pin@2:new'],
    },
    {
      name: 'another rule on the same instruction is new',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE, [
        ['pkg-pin', 'apk add'],
        ['apk-no-cache', 'apk add'],
      ]),
      expected: ['pkg-pin@2:existing', 'apk-no-cache@2:new'],
    },
    {
      name: 'whitespace, line continuations and keyword case do not matter',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE.replace('RUN apk add curl', 'run   apk add \\\n    curl'), [['pkg-pin', 'apk add']]),
      expected: ['pkg-pin@2:existing'],
    },
    {
      name: 'the same text in a stage of another name is new',
      base: linted(BASE, [['pkg-pin', 'apk add']]),
      head: linted(BASE.replace('AS build', 'AS builder').replace('--from=build', '--from=builder'), [
        ['pkg-pin', 'apk add'],
      ]),
      expected: ['pkg-pin@2:new'],
    },
    {
      name: 'without a base (a push, no base commit, no such Dockerfile) every finding is new',
      head: linted(BASE, [
        ['pkg-pin', 'apk add'],
        ['copy-from', 'COPY'],
      ]),
      expected: ['pkg-pin@2:new', 'copy-from@4:new'],
    },
    {
      name: 'a base finding that is gone does not mark another one existing',
      base: linted(BASE, [['copy-from', 'COPY']]),
      head: linted(BASE, [['pkg-pin', 'apk add']]),
      expected: ['pkg-pin@2:new'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(states(markBaseline(c.head, c.base))).toEqual(c.expected);
    });
  }

  it('matches a finding on no instruction of the Dockerfile (another file) by rule, file and message', () => {
    const model = parseDockerfile(BASE, FILE);
    const ignore = (message: string): Finding => ({
      file: 'app/.dockerignore',
      line: 3,
      endLine: 3,
      rule: 'dockerignore-x',
      severity: 'info',
      message,
      aliases: [],
      docs: '',
    });
    const marked = markBaseline(
      { model, findings: [ignore('same'), ignore('other')] },
      { model, findings: [{ ...ignore('same'), line: 9, endLine: 9 }] },
    );
    expect(marked.map((f) => f.baseline)).toEqual(['existing', 'new']);
  });

  it('keys by instruction text, not by line', () => {
    const a = linted(BASE, [['pkg-pin', 'apk add']]);
    const b = linted(`\n\n${BASE}`, [['pkg-pin', 'apk add']]);
    expect(findingKey(a.findings[0], a.model)).toBe(findingKey(b.findings[0], b.model));
    expect(a.findings[0].line).not.toBe(b.findings[0].line);
  });

  it('normalises whitespace and the keyword only', () => {
    expect(normalizeInstruction('run  echo \\\n   "a  b"')).toBe('RUN echo "a b"');
    expect(normalizeInstruction('COPY a b')).not.toBe(normalizeInstruction('COPY b a'));
  });

  it('counts new and existing findings for the report', () => {
    const marked = markBaseline(
      linted(BASE, [
        ['pkg-pin', 'apk add'],
        ['copy-from', 'COPY'],
      ]),
      linted(BASE, [['pkg-pin', 'apk add']]),
    );
    expect(baselineSummary(marked, { sha: 'abc' })).toEqual({ sha: 'abc', new: 1, existing: 1 });
    expect(
      baselineSummary(markBaseline(linted(BASE, [['x', 'COPY']]), undefined), { reason: 'push' }),
    ).toEqual({ reason: 'push', new: 1, existing: 0 });
  });
});
