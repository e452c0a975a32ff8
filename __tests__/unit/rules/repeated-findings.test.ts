/**
 * A rule's repeated findings on identical instructions are said once (src/rules/repeated-findings.ts):
 * in the engine, and as each output shows them (Markdown, annotations, SARIF, the CLI's JSON), and the
 * baseline still tells the pull request's new repeats from the existing ones.
 */
import { describe, expect, it } from '@jest/globals';
import { markBaseline } from '../../../src/baseline/findings.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand, type CliIo } from '../../../src/cli/lint.js';
import { moreLinesText, type Finding } from '../../../src/model.js';
import { annotationsFor } from '../../../src/report/annotations.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { toSarif } from '../../../src/report/sarif.js';
import { runLint } from '../../../src/rules/lint.js';
import { allRules } from '../../../src/rules/registry.js';
import { NO_SHELLCHECK } from '../../../src/rules/shell/shellcheck.js';
import { model } from '../../helpers/lint-models.js';
import { grewReport, withChanges } from '../report/fixtures.js';

/** A compose e2e fixture's shape: the same fake secret ARG, line after line, to make BuildKit warn. */
const REPEATED = [
  'FROM alpine:3.20',
  'ARG AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT',
  'ARG AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT',
  'ARG   AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT',
  'ARG AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT',
  'RUN echo done',
  '',
].join('\n');

const secrets = (findings: Finding[]) => findings.filter((f) => f.rule === 'secrets-used-in-arg-or-env');

describe('the engine says repeated findings once', () => {
  it('folds findings of one rule on identical instructions (whitespace aside) into the first', () => {
    const found = secrets(runLint(model(REPEATED)).findings);
    expect(found.map((f) => [f.line, f.alsoAt])).toEqual([[2, [3, 4, 5]]]);
  });

  it('keeps instructions of another text, and the same text in another stage, as findings of their own', () => {
    const text = [
      'FROM alpine:3.20 AS build',
      'ARG AWS_SECRET_ACCESS_KEY=x',
      'ARG AWS_SECRET_ACCESS_KEY=y',
      'FROM alpine:3.20',
      'ARG AWS_SECRET_ACCESS_KEY=x',
      'ARG AWS_SECRET_ACCESS_KEY=x',
      '',
    ].join('\n');
    const found = secrets(runLint(model(text)).findings);
    expect(found.map((f) => [f.line, f.alsoAt])).toEqual([
      [2, undefined],
      [3, undefined],
      [5, [6]],
    ]);
  });

  it('applies ignores first: an ignored first line leaves the next one as the finding', () => {
    const text = REPEATED.replace(
      'FROM alpine:3.20\n',
      'FROM alpine:3.20\n# stagegate ignore=secrets-used-in-arg-or-env\n',
    );
    expect(secrets(runLint(model(text)).findings).map((f) => [f.line, f.alsoAt])).toEqual([[4, [5, 6]]]);
  });
});

describe('outputs of a finding said once for its repeats', () => {
  const [collapsed] = secrets(runLint(model(REPEATED, 'app/Dockerfile')).findings) as [Finding];

  it('names the other lines after the message, runs of lines joined', () => {
    expect(moreLinesText(collapsed)).toBe(' (and 3 more: lines 3-5)');
    expect(moreLinesText({ alsoAt: [7] })).toBe(' (and 1 more: line 7)');
    expect(moreLinesText({ alsoAt: [3, 5, 6, 9] })).toBe(' (and 4 more: lines 3, 5-6, 9)');
    expect(moreLinesText({})).toBe('');
  });

  it('is one row of the comment and one annotation, each naming the other lines', () => {
    const report = withChanges(grewReport(), (r) => {
      r.findings = [{ ...collapsed, file: 'examples/hello/Dockerfile' }];
    });
    const md = renderMarkdown(report);
    expect(md.match(/`secrets-used-in-arg-or-env`/g)).toHaveLength(1);
    expect(md).toContain('(and 3 more: lines 3-5)');
    const annotations = annotationsFor([collapsed]);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]?.message).toContain('(and 3 more: lines 3-5)');
    expect(annotations[0]?.props.startLine).toBe(2);
  });

  it('is one SARIF result per line, since code scanning reads only the first location of a result', () => {
    const results = toSarif([collapsed], allRules).runs[0]?.results ?? [];
    expect(results.map((r) => r.locations?.map((l) => l.physicalLocation?.region?.startLine))).toEqual([
      [2],
      [3],
      [4],
      [5],
    ]);
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(['secrets-used-in-arg-or-env']));
  });

  it('carries its other lines in the CLI JSON, and in its text output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagegate-repeated-'));
    writeFileSync(join(dir, 'Dockerfile'), REPEATED);
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
      readFile: (p) => readFileSync(join(dir, p), 'utf8'),
      cwd: dir,
      shellcheck: NO_SHELLCHECK,
    };
    await lintCommand(['--format', 'json', '--fail-on', 'never', 'Dockerfile'], io);
    const json = JSON.parse(out.join('')) as { findings: Array<{ rule: string; alsoAt?: number[] }> };
    expect(json.findings.filter((f) => f.rule === 'secrets-used-in-arg-or-env')).toEqual([
      expect.objectContaining({ line: 2, alsoAt: [3, 4, 5] }),
    ]);
    out.length = 0;
    await lintCommand(['--fail-on', 'never', 'Dockerfile'], io);
    expect(out.join('')).toMatch(
      /Dockerfile:2 warning secrets-used-in-arg-or-env.*\(and 3 more: lines 3-5\)/,
    );
  });
});

describe('baseline matching of a finding said once for its repeats', () => {
  const lintedOf = (text: string) => {
    const m = model(text);
    return { model: m, findings: secrets(runLint(m).findings) };
  };
  const states = (findings: Finding[]) => findings.map((f) => [f.line, f.alsoAt, f.baseline]);

  it('is existing when the base has every one of its lines, wherever they moved', () => {
    const head = lintedOf(REPEATED.replace('FROM alpine:3.20\n', 'FROM alpine:3.20\nENV A=1\n'));
    expect(states(markBaseline(head, lintedOf(REPEATED)))).toEqual([[3, [4, 5, 6], 'existing']]);
  });

  it('splits off the repeats the pull request added as a new finding', () => {
    const head = lintedOf(
      REPEATED.replace(
        'RUN echo done',
        'ARG AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT\nARG AWS_SECRET_ACCESS_KEY=FAKE_TO_GENERATE_WARNING_OUTPUT',
      ),
    );
    expect(states(markBaseline(head, lintedOf(REPEATED)))).toEqual([
      [2, [3, 4, 5], 'existing'],
      [6, [7], 'new'],
    ]);
  });

  it('is new, all of it, when the base has none', () => {
    const head = lintedOf(REPEATED);
    expect(states(markBaseline(head, lintedOf('FROM alpine:3.20\n')))).toEqual([[2, [3, 4, 5], 'new']]);
  });
});
