/** ShellCheck on RUN scripts: what is given to it, and how its comments become findings. */
import { describe, expect, it } from '@jest/globals';
import { runLint } from '../../../../src/rules/lint.js';
import {
  NO_SHELLCHECK,
  SHELLCHECK_EXCLUDED,
  shellcheckScripts,
  type ShellChecker,
  type ShellcheckComment,
} from '../../../../src/rules/shell/shellcheck.js';
import { model } from '../../../helpers/lint-models.js';

const comment = (line: number, code: number, level = 'warning'): ShellcheckComment => ({
  line,
  endLine: line,
  column: 1,
  level,
  code,
  message: `message ${code}`,
});

/** A checker that answers from a table (script index -> comments) and records what it was given. */
function fakeChecker(answer: (script: string, i: number) => ShellcheckComment[]) {
  const calls: { scripts: readonly string[]; exclude: readonly number[] }[] = [];
  const checker: ShellChecker = (scripts, exclude) => {
    calls.push({ scripts, exclude });
    return { ran: true, comments: scripts.map(answer) };
  };
  return { checker, calls };
}

describe('shellcheckScripts', () => {
  it('starts each script with the shell in effect and the proxy and ARG/ENV names exported', () => {
    const [script] = shellcheckScripts(model('ARG G=1\nFROM debian:12\nARG V\nENV A=1 B=2\nRUN echo $V\n'));
    const lines = script.text.split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines).toEqual(
      expect.arrayContaining([
        'export HTTP_PROXY=1',
        'export no_proxy=1',
        'export V=1',
        'export A=1',
        'export B=1',
      ]),
    );
    // A global ARG is in scope only when the stage declares it again, but exporting it is harmless.
    expect(lines).toContain('export G=1');
    expect(lines[script.headerLines]).toBe('echo $V');
    expect(script.lines).toEqual([5]);
  });

  it('uses SHELL, inherits it through FROM <stage>, and skips PowerShell and exec form', () => {
    const scripts = shellcheckScripts(
      model(
        [
          'FROM debian:12 AS base',
          'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
          'RUN echo one',
          'FROM base',
          'RUN echo two',
          'RUN ["echo", "exec"]',
          'SHELL ["pwsh", "-Command"]',
          'RUN Write-Host $x',
          'FROM debian:12',
          'RUN echo three',
        ].join('\n') + '\n',
      ),
    );
    expect(scripts.map((s) => [s.text.split('\n')[0], s.runLine])).toEqual([
      ['#!/bin/bash', 3],
      ['#!/bin/bash', 5],
      ['#!/bin/sh', 10],
    ]);
  });

  it('skips RUNs on a Windows base image (cmd is the default shell there) and under a backtick escape', () => {
    expect(
      shellcheckScripts(model('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\tmp\n')),
    ).toEqual([]);
    expect(shellcheckScripts(model('# escape=`\nFROM debian:12\nRUN echo hi\n'))).toEqual([]);
    expect(shellcheckScripts(model('FROM debian:12\nRUN echo hi\n'))).toHaveLength(1);
  });

  it('keeps continuation lines (dropping the comment lines Docker drops) with their Dockerfile lines', () => {
    const [script] = shellcheckScripts(
      model('FROM debian:12\nRUN apt-get update \\\n  # why\n\n  && cd /x \\\n  && make\n'),
    );
    expect(script.text.split('\n').slice(script.headerLines, -1)).toEqual([
      'apt-get update \\',
      '  && cd /x \\',
      '  && make',
    ]);
    expect(script.lines).toEqual([2, 5, 6]);
  });

  it('checks a heredoc body (not the program input of `python3 <<EOF`)', () => {
    const scripts = shellcheckScripts(
      model('FROM debian:12\nRUN <<EOF\nset -e\ncd /x\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n'),
    );
    expect(scripts[0].text.split('\n').slice(scripts[0].headerLines, -1)).toEqual(['set -e', 'cd /x']);
    expect(scripts[0].lines).toEqual([3, 4]);
    expect(scripts[1].text).not.toContain('print(1)');
  });
});

describe('the shellcheck rule in the lint', () => {
  const text = 'FROM debian:12\nRUN echo $x \\\n  && cd /y\n# hadolint ignore=SC2034\nRUN y=1\n';

  it('runs ShellCheck once for every script, with hadolint exclusions, and maps comments to lines', () => {
    const { checker, calls } = fakeChecker((script, i) =>
      i === 0 ? [comment(script.split('\n').indexOf('  && cd /y') + 1, 2164), comment(1, 1000)] : [],
    );
    const { findings, notes } = runLint(model(text), { shellcheck: checker });
    expect(calls).toHaveLength(1);
    expect(calls[0].scripts).toHaveLength(2);
    expect(calls[0].exclude).toEqual(SHELLCHECK_EXCLUDED);
    expect(SHELLCHECK_EXCLUDED).toEqual([2187, 1090]);
    // The comment on our shebang line (1) is dropped: it is about the header, not the RUN.
    expect(findings.filter((f) => f.rule === 'shellcheck')).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'warning',
        aliases: ['SC2164'],
        message: 'SC2164: message 2164',
        docs: expect.stringContaining('shellcheck'),
      }),
    ]);
    expect(notes).toEqual([]);
  });

  it("takes ShellCheck's level as severity; ignores and overrides by SC code touch only that code", () => {
    const { checker } = fakeChecker((script, i) => {
      const at = script.split('\n').findIndex((l) => l.startsWith('echo') || l.startsWith('y=')) + 1;
      return i === 0 ? [comment(at, 2086, 'info'), comment(at, 2154, 'warning')] : [comment(at, 2034)];
    });
    const all = runLint(model(text), { shellcheck: checker }).findings.filter((f) => f.rule === 'shellcheck');
    // SC2034 on line 5 is hidden by the hadolint pragma.
    expect(all.map((f) => [f.aliases[0], f.severity, f.line])).toEqual([
      ['SC2086', 'info', 2],
      ['SC2154', 'warning', 2],
    ]);
    const configured = runLint(model(text), {
      shellcheck: checker,
      ignored: ['sc2086'],
      severityOverrides: { sc2154: 'error' },
    }).findings.filter((f) => f.rule === 'shellcheck');
    expect(configured.map((f) => [f.aliases[0], f.severity])).toEqual([['SC2154', 'error']]);
  });

  it('reports at info the warnings that are intent on Dockerfiles, and SC3xxx only under /bin/sh', () => {
    const text2 = 'FROM debian:12\nRUN echo $(uname -m)\nSHELL ["/bin/bash", "-c"]\nRUN echo -n x\n';
    const { checker } = fakeChecker((script, i) => {
      const at = script.split('\n').findIndex((l) => l.startsWith('echo')) + 1;
      return [comment(at, 2046), comment(at, 3037), comment(at, 2034), comment(at, 1036, 'error')].slice(
        i === 0 ? 0 : 1,
      );
    });
    const found = runLint(model(text2), { shellcheck: checker })
      .findings.filter((f) => f.rule === 'shellcheck')
      .map((f) => `${f.line} ${f.aliases[0]} ${f.severity}`);
    expect(found).toEqual([
      '2 SC2046 info',
      '2 SC3037 info',
      '2 SC2034 warning',
      '2 SC1036 error',
      // Under bash a SC3xxx comment is ShellCheck's own (rare) call: kept at its level.
      '4 SC3037 warning',
      '4 SC2034 warning',
      '4 SC1036 error',
    ]);
  });

  it('without ShellCheck: no SC finding, one note, nothing fails', () => {
    const { findings, notes } = runLint(model(text), { shellcheck: NO_SHELLCHECK });
    expect(findings.some((f) => f.rule === 'shellcheck')).toBe(false);
    expect(notes).toEqual([
      expect.stringContaining('ShellCheck is not installed, so RUN scripts were not checked'),
    ]);
  });

  it('a checker that says it cannot run is not given scripts, and its reason is the note', () => {
    const given: string[][] = [];
    const absent: ShellChecker = Object.assign(
      (scripts: readonly string[]) => {
        given.push([...scripts]);
        return { ran: true as const, comments: [] };
      },
      { unavailable: () => 'ShellCheck (shellcheck) is not on PATH' },
    );
    const { findings, notes } = runLint(model(text), { shellcheck: absent });
    expect(given).toEqual([]);
    expect(findings.some((f) => f.rule === 'shellcheck')).toBe(false);
    expect(notes).toEqual([
      expect.stringContaining('ShellCheck (shellcheck) is not on PATH, so RUN scripts'),
    ]);
  });

  it('a checker that throws is a note, not a crash', () => {
    const { notes, notices } = runLint(model(text), {
      shellcheck: () => {
        throw new Error('boom');
      },
    });
    expect(notes).toEqual([expect.stringContaining('ShellCheck failed: boom')]);
    expect(notices).toEqual([]);
  });

  it('with no checker (library default) there is no note and no SC finding', () => {
    const { findings, notes } = runLint(model(text));
    expect(notes).toEqual([]);
    expect(findings.some((f) => f.rule === 'shellcheck')).toBe(false);
  });
});
