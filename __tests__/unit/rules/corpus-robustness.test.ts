/**
 * Every registered rule (BuildKit, hadolint and multi-stage families) over every real-world Dockerfile
 * and every BuildKit parser case: no crash, no rule that throws, and no error-severity finding that
 * comes from misreading the file. Files the loader refuses are linted through the lenient model, so
 * the rules still see them.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UserError } from '../../../src/errors.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import type { DockerfileModel } from '../../../src/dockerfile/types.js';
import { runLint } from '../../../src/rules/lint.js';
import type { Finding } from '../../../src/rules/types.js';
import { describeWithCorpus, parserCases, realDockerfiles } from '../../helpers/corpus.js';
import { lenientModel } from '../../helpers/lint-models.js';

function modelFor(file: string): { model: DockerfileModel; refused?: string } {
  const text = readFileSync(file, 'utf8');
  try {
    return { model: parseDockerfile(text, file) };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { model: lenientModel(text, file), refused: err.message };
  }
}

/**
 * Rules whose error-severity findings on the real-world files were read one by one and are real
 * problems in those files, not misreadings: `ADD` of local files (hadolint DL3020 is an error), and
 * relative WORKDIRs (`WORKDIR app`, hadolint DL3000 is an error). Any other error fails this test.
 */
const REVIEWED_ERROR_RULES = new Set(['copy-not-add', 'workdir-relative-path']);

/**
 * The BuildKit parser cases are odd on purpose; their error-severity findings were read one by one:
 * `ADD` of local files everywhere, the bogus COPY flags of `flags` (`--user`, `--doit`, a bare `--`),
 * and the six HEALTHCHECKs of one stage in `health`.
 */
const REVIEWED_PARSER_CASE_ERRORS: Record<string, string[]> = {
  flags: ['malformed-flag'],
  health: ['multiple-instructions-disallowed'],
};

describeWithCorpus('all rules over the corpus', () => {
  const files = [...realDockerfiles(), ...parserCases('buildkit-parser')];
  const results = files.map((file) => {
    const { model, refused } = modelFor(file);
    const { findings, notices } = runLint(model);
    return { file, refused, findings, notices };
  });

  it('lints every file', () => {
    expect(results.length).toBeGreaterThan(260);
    const counts = new Map<string, number>();
    for (const r of results) for (const f of r.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    console.log(
      `${results.length} files, ${results.reduce((n, r) => n + r.findings.length, 0)} findings; ` +
        `refused by the loader: ${results
          .filter((r) => r.refused)
          .map((r) => basename(dirname(r.file)) + '/' + basename(r.file))
          .join(', ')}\n` +
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([rule, n]) => `  ${rule}: ${n}`)
          .join('\n'),
    );
  });

  it('no rule throws on any file', () => {
    expect(results.flatMap((r) => r.notices)).toEqual([]);
  });

  it('gives every finding a line inside the file', () => {
    const bad: Finding[] = [];
    for (const r of results) {
      const lines = readFileSync(r.file, 'utf8').split(/\r?\n/).length;
      for (const f of r.findings) if (f.line < 1 || f.endLine < f.line || f.endLine > lines) bad.push(f);
    }
    expect(bad).toEqual([]);
  });

  it('reports errors on real-world files only from rules whose errors were reviewed as real', () => {
    const errors = results
      .filter((r) => r.file.includes('/real/'))
      .flatMap((r) =>
        r.findings.filter((f) => f.severity === 'error').map((f) => ({ file: basename(r.file), f })),
      )
      .filter(({ f }) => !REVIEWED_ERROR_RULES.has(f.rule))
      .map(({ file, f }) => `${file}:${f.line} ${f.rule}: ${f.message}`);
    expect(errors).toEqual([]);
  });

  it('reports errors on the BuildKit parser cases only where they were reviewed as real', () => {
    const errors = results
      .filter((r) => r.file.includes('/buildkit-parser/'))
      .flatMap((r) => {
        const name = basename(dirname(r.file));
        return r.findings
          .filter((f) => f.severity === 'error' && f.rule !== 'copy-not-add')
          .filter((f) => !(REVIEWED_PARSER_CASE_ERRORS[name] ?? []).includes(f.rule))
          .map((f) => `${name}:${f.line} ${f.rule}: ${f.message}`);
      });
    expect(errors).toEqual([]);
  });

  it('never has the loader refuse a BuildKit parser case (they must parse)', () => {
    const refused = results.filter((r) => r.file.includes('/buildkit-parser/') && r.refused);
    expect(refused.map((r) => `${r.file}: ${r.refused}`)).toEqual([]);
  });
});

/** Inputs that break naive readers; every rule must take them in its stride. */
const ODD_INPUTS: Record<string, string> = {
  empty: '',
  'only a newline': '\n',
  'only comments': '# nothing here\n# still nothing\n',
  'only parser directives': '# syntax=docker/dockerfile:1\n# escape=`\n',
  'no FROM': 'RUN echo hi\nCMD ["x"]\n',
  'only global ARGs': 'ARG A=1\nARG B\n',
  CRLF: 'FROM alpine AS a\r\nRUN echo \\\r\n  hi\r\nCMD node x\r\n',
  'escape directive':
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo a `\n    b\nWORKDIR C:\\app\n',
  heredocs: 'FROM alpine\nRUN <<EOF\nset -e\n\necho $HOME\nEOF\nCOPY <<-EOT /x\n\t$Y\nEOT\n',
  'unterminated heredoc': 'FROM alpine\nRUN <<EOF\necho\n',
  'trailing continuation': 'FROM alpine\nRUN echo \\',
  'unknown instruction': 'FROM alpine\nWRONG DOCKERFILE\n',
  'bad substitution': 'ARG A=${\nFROM alpine:${A\nCOPY ${ /x\n',
  'FROM without image': 'FROM\nFROM --platform= AS\n',
  'byte order mark': '\uFEFFFROM alpine\nCMD ["x"]\n',
};

describe('all rules over odd inputs', () => {
  it.each(Object.entries(ODD_INPUTS))('%s: no rule throws', (_name, text) => {
    const { findings, notices } = runLint(lenientModel(text));
    expect(notices).toEqual([]);
    const lines = Math.max(1, text.split(/\r?\n/).length);
    for (const f of findings) expect(f.endLine).toBeLessThanOrEqual(lines);
  });
});
