/**
 * ShellCheck on RUN scripts, as hadolint does it: the scripts are prepared here (pure), run by a
 * ShellChecker (the seam in src/seams/shellcheck.ts starts the `shellcheck` process, once per lint for
 * every script), and its comments mapped back to Dockerfile lines here.
 *
 * What hadolint does, and we copy (hadolint src/Hadolint/Shell.hs, `shellcheck`):
 * - the script starts with `#!<shell>`, the first word of the SHELL in effect (default `/bin/sh`);
 * - PowerShell (and any shell ShellCheck does not know) is not checked;
 * - the proxy variables Docker predefines, and the ARG/ENV names in scope, are exported first, so a
 *   script that uses them is not told they are never assigned (SC2154);
 * - SC2187 (ash is checked as dash) and SC1090 (`source` of a non-constant path needs a directive a
 *   Dockerfile cannot carry) are excluded;
 * - ShellCheck's levels are the findings' severities: error, warning, info, style.
 * Unlike hadolint, a comment points at the Dockerfile line it is about, not at the RUN's first line.
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { DockerfileModel, Stage } from '../../dockerfile/types.js';
import type { RuleHit, Severity } from '../types.js';
import { execFormWords } from './run-script.js';
import { basename } from './script.js';

/** hadolint's exclusions (Shell.hs): SC2187 (ash is checked as dash), SC1090 (needs a directive). */
export const SHELLCHECK_EXCLUDED: readonly number[] = [2187, 1090];

/** The variables Docker predefines for RUN (hadolint's defaultShellOpts exports these too). */
const PROXY_VARS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
].concat(['NO_PROXY', 'no_proxy']);

/** Shells ShellCheck checks (its `--shell` values); busybox `sh` is sh. */
const CHECKED_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'busybox']);

export interface ShellcheckComment {
  /** 1-based line and column in the script text given to ShellCheck. */
  line: number;
  endLine: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

/** What running ShellCheck gave: a list of comments per script, or why it did not run. */
export type ShellcheckOutcome =
  { ran: true; comments: ShellcheckComment[][] } | { ran: false; reason: string };

/** Runs ShellCheck over the scripts (each a whole file, shebang first) with the codes excluded. */
export type ShellChecker = ((scripts: readonly string[], exclude: readonly number[]) => ShellcheckOutcome) & {
  /**
   * Why ShellCheck cannot run at all (not on PATH), asked before the scripts are prepared so that a
   * lint without it prepares none; undefined when it can run.
   */
  unavailable?: () => string | undefined;
};

/** A checker for when ShellCheck is not to run (tests that must not depend on the machine). */
export const NO_SHELLCHECK: ShellChecker = Object.assign(
  (): ShellcheckOutcome => ({ ran: false, reason: 'ShellCheck is not installed' }),
  { unavailable: () => 'ShellCheck is not installed' },
);

/** A RUN script as ShellCheck sees it, and where each of its lines came from. */
export interface PreparedScript {
  text: string;
  /** Lines of `text` before the RUN's own (shebang, exports). */
  headerLines: number;
  /** Dockerfile line (1-based) of each script line after the header. */
  lines: number[];
  /** The RUN's first line, where a comment on no known line goes. */
  runLine: number;
  /** The shell program in effect (`/bin/sh`, `/bin/bash`...). */
  shell: string;
}

/** A RUN's shell-form or heredoc text as lines with their Dockerfile line numbers. */
function scriptLines(run: DockerInstruction, escape: string): { text: string; line: number }[] | undefined {
  const raw = run.rawArgsText;
  if (execFormWords(raw)) return undefined; // exec form: no shell runs it
  const first = run.argsLine;
  const raws = raw.split(/\r?\n/).map((text, i) => ({ text, line: first + i }));
  const heredoc = /<<-?(["']?)([A-Za-z0-9_]+)\1/.exec(raws[0]?.text ?? '');
  if (heredoc) {
    const command = (raws[0]?.text ?? '').replace(heredoc[0], '').trim();
    // `RUN <<EOF` / `RUN <<EOF bash`: the body is the script; `RUN python3 <<EOF`: only the command is.
    if (command !== '' && !/^(\S*\/)?(sh|bash|dash|ash)$/.test(command)) return [raws[0]];
    const end = raws.findIndex((l, i) => i > 0 && l.text.replace(/^\t+/, '') === heredoc[2]);
    return raws.slice(1, end === -1 ? undefined : end);
  }
  // Docker drops comment and empty lines inside continuations; the escape joins lines as `\` does.
  const kept = [raws[0], ...raws.slice(1).filter((l) => !/^\s*#/.test(l.text) && l.text.trim() !== '')];
  return kept.map((l) =>
    escape !== '\\' && l.text.trimEnd().endsWith(escape)
      ? { ...l, text: l.text.trimEnd().slice(0, -1) + '\\' }
      : l,
  );
}

/** The names ARG and ENV declare. */
function declaredNames(i: DockerInstruction): string[] {
  if (i.keyword === 'ARG' || i.keyword === 'ENV') return (i.properties ?? []).map((p) => p.name);
  return [];
}

/** The shell program a SHELL instruction sets, or undefined when it is not an exec-form list. */
function shellOf(i: DockerInstruction): string | undefined {
  return execFormWords(i.rawArgsText)?.[0];
}

/** A name a script can be told is set (`export NAME=1`). */
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Each stage's shell and names at its end, so a `FROM <stage>` child starts from its parent's. */
interface StageState {
  shell: string;
  names: Set<string>;
}

function prepareStage(stage: Stage, start: StageState, out: PreparedScript[], escape: string): StageState {
  let shell = start.shell;
  const names = new Set(start.names);
  for (const i of stage.steps) {
    if (i.onbuild) continue; // a trigger runs in images built FROM this one
    const keyword = i.keyword;
    if (keyword === 'SHELL') shell = shellOf(i) ?? shell;
    for (const n of declaredNames(i)) if (VALID_NAME.test(n)) names.add(n);
    if (keyword !== 'RUN' || !CHECKED_SHELLS.has(basename(shell))) continue;
    const lines = scriptLines(i, escape);
    if (!lines || lines.every((l) => l.text.trim() === '')) continue;
    const header = [`#!${shell}`, ...[...PROXY_VARS, ...names].map((n) => `export ${n}=1`)];
    out.push({
      text: [...header, ...lines.map((l) => l.text)].join('\n') + '\n',
      headerLines: header.length,
      lines: lines.map((l) => l.line),
      runLine: i.line,
      shell,
    });
  }
  return { shell, names };
}

/**
 * The shell RUN uses when no SHELL says otherwise: `/bin/sh`, but `cmd` on a Windows base image
 * (Docker's default there), which ShellCheck does not check; a backtick escape marks Windows files too.
 */
function defaultShell(model: DockerfileModel, stage: Stage): string {
  const windows =
    /(^|[/:-])(windows|nanoserver|servercore)([/:-]|$)/i.test(stage.base) || model.escapeChar === '`';
  return windows ? 'cmd' : '/bin/sh';
}

/** Every RUN script ShellCheck should see, in file order. */
export function shellcheckScripts(model: DockerfileModel): PreparedScript[] {
  const globals = new Set(model.graph.globalArgs.map((a) => a.name).filter((n) => VALID_NAME.test(n)));
  const out: PreparedScript[] = [];
  const ends: StageState[] = [];
  for (const stage of model.graph.stages) {
    const parent = stage.parent === undefined ? undefined : ends[stage.parent];
    const start = parent ?? { shell: defaultShell(model, stage), names: new Set<string>() };
    ends[stage.index] = prepareStage(
      stage,
      { ...start, names: new Set([...start.names, ...globals]) },
      out,
      model.escapeChar,
    );
  }
  return out;
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/**
 * ShellCheck warnings stagegate reports at info on Dockerfiles (a deliberate difference from hadolint,
 * docs/rules/shellcheck.md): on real Dockerfiles they are almost always what the author meant.
 * SC2046: `$(go list ./...)`, `$(uname -m)`, `$(test ... && echo --flag)` split on purpose;
 * SC2155: `export GNUPGHOME="$(mktemp -d)"` in an `&&` chain; SC2043: a one-item loop over a list the
 * image's tooling generates; SC1007: `ARCH= OTHER= && ...` empty assignments; SC2174: `mkdir -p -m`
 * under an existing parent; SC2038: `find | xargs` over the build's own, plain file names.
 */
const INFO_ON_DOCKERFILES = new Set([2046, 2155, 2043, 1007, 2174, 2038]);

/**
 * The finding's severity. SC3xxx ("in POSIX sh, X is undefined") under `/bin/sh` is info: what `sh` is
 * depends on the image (dash on Debian, busybox ash on Alpine, bash on Fedora and UBI), and ash and
 * bash have most of what the check warns about.
 */
function severityOf(c: ShellcheckComment, shell: string): Severity {
  const level = LEVELS[c.level] ?? 'info';
  if (level !== 'warning' && level !== 'error') return level;
  if (INFO_ON_DOCKERFILES.has(c.code)) return 'info';
  if (c.code >= 3000 && c.code < 4000 && basename(shell) === 'sh') return 'info';
  return level;
}

/** ShellCheck's comments as hits on the Dockerfile lines they are about, with SC codes as aliases. */
export function shellcheckHits(scripts: readonly PreparedScript[], outcome: ShellcheckOutcome): RuleHit[] {
  if (!outcome.ran) return [];
  return scripts.flatMap((script, s) =>
    (outcome.comments[s] ?? []).flatMap((c): RuleHit[] => {
      const at = c.line - script.headerLines - 1;
      if (at < 0) return []; // about our header, not the RUN
      const line = script.lines[at] ?? script.runLine;
      const endLine = script.lines[c.endLine - script.headerLines - 1] ?? line;
      return [
        {
          line,
          endLine,
          message: `SC${c.code}: ${c.message}`,
          aliases: [`SC${c.code}`],
          severity: severityOf(c, script.shell),
        },
      ];
    }),
  );
}
