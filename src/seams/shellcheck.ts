/**
 * The ShellCheck seam: runs Debian's `shellcheck` (GitHub's ubuntu runners have it) over RUN scripts
 * the rules prepared (src/rules/shell/shellcheck.ts). One process per lint for every script: the
 * scripts go to files in a temporary directory, `shellcheck --format=json1` reads them all (about 40 ms
 * for a Dockerfile's worth, most of it the process start). Not found on PATH, or failing, it says why
 * and the lint goes on without it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ShellChecker, ShellcheckComment, ShellcheckOutcome } from '../rules/shell/shellcheck.js';

/** The first executable `shellcheck` on PATH, or undefined. */
export function findShellcheck(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'shellcheck');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface Json1Comment extends ShellcheckComment {
  file: string;
}

function run(program: string, scripts: readonly string[], exclude: readonly number[]): ShellcheckOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-shellcheck-'));
  try {
    const files = scripts.map((text, i) => {
      const file = join(dir, `run-${i}.sh`);
      writeFileSync(file, text);
      return file;
    });
    // --norc: a .shellcheckrc of the runner's must not change what the PR is told.
    const args = ['--format=json1', '--norc', `--exclude=${exclude.join(',')}`, ...files];
    const res = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // Exit 0: no comments; 1: comments. Anything else is ShellCheck failing.
    if (res.error || (res.status !== 0 && res.status !== 1))
      return {
        ran: false,
        reason: `ShellCheck (${program}) failed: ${res.error?.message ?? res.stderr.trim().split('\n')[0] ?? `exit ${res.status}`}`,
      };
    const parsed = JSON.parse(res.stdout || '{"comments":[]}') as { comments: Json1Comment[] };
    const byFile = new Map(files.map((f, i) => [f, i]));
    const comments: ShellcheckComment[][] = scripts.map(() => []);
    for (const c of parsed.comments) {
      const i = byFile.get(c.file);
      if (i !== undefined)
        comments[i].push({
          line: c.line,
          endLine: c.endLine,
          column: c.column,
          level: c.level,
          code: c.code,
          message: c.message,
        });
    }
    return { ran: true, comments };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The machine's ShellCheck, looked up on PATH when first needed (once per process). */
export function systemShellcheck(path?: string): ShellChecker {
  let program: string | undefined | null = null;
  const find = (): string | undefined => (program === null ? (program = findShellcheck(path)) : program);
  const NOT_ON_PATH = 'ShellCheck (shellcheck) is not on PATH';
  const check: ShellChecker = (scripts, exclude) => {
    const found = find();
    if (found === undefined) return { ran: false, reason: NOT_ON_PATH };
    if (scripts.length === 0) return { ran: true, comments: [] };
    return run(found, scripts, exclude);
  };
  check.unavailable = () => (find() === undefined ? NOT_ON_PATH : undefined);
  return check;
}
