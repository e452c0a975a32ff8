/**
 * `RUN a | b` succeeds when `a` fails, because /bin/sh reports only the last command's status: a
 * failed download piped into `tar` or `sh` builds an image that is silently broken. hadolint's DL4006.
 * A RUN whose every pipeline ends in a checksum check (`echo "$SHA  go.tgz" | sha256sum -c -`,
 * `grep " $f$" SHA256SUMS | sha256sum -c -`) is not flagged: the check fails the RUN by itself when
 * anything before it fails, so pipefail changes nothing.
 * A pipe written by `echo` or `printf` cannot hide a failure either: they print their arguments and
 * succeed (a failed `$(…)` in those arguments is lost with or without pipefail). hadolint still flags
 * such a RUN (its regression case `echo "kaka" | sed …`), so it is reported, at info: a PR comment
 * shows warnings, and pipefail would change nothing there. The same holds for a pipe inside a command
 * substitution given to a command as an argument (`useradd --password $(head … | base64) u`): the
 * shell discards the substitution's status, so pipefail cannot make the RUN fail on it.
 */
import { execFormWords } from '../shell/run-script.js';
import { hasFlag, isProgram } from '../shell/command.js';
import { parseShell, type ShellPipe, type ShellScript } from '../shell/script.js';
import type { Rule, RuleHit } from '../types.js';
import { hitAt, steps } from './walk.js';

const NON_POSIX_SHELLS = ['pwsh', 'powershell', 'cmd'];

export const pipefail: Rule = {
  id: 'pipefail',
  severity: 'warning',
  description:
    'Set the SHELL option -o pipefail before RUN with a pipe in it (with /bin/sh on alpine or busybox, set SHELL to /bin/ash first).',
  aliases: ['DL4006'],
  check(ctx) {
    const hits: RuleHit[] = [];
    let safe = false;
    for (const step of steps(ctx.model)) {
      if (step.keyword === 'FROM') safe = false;
      else if (step.keyword === 'SHELL') safe = shellIsSafe(step.rawArgsText);
      else if (
        step.keyword === 'RUN' &&
        !safe &&
        !runsNonPosixShell(step.argsText) &&
        step.script?.hasPipe === true &&
        !onlyChecksumPipelines(step.script)
      ) {
        const hit = hitAt(step);
        hits.push(step.script.pipes.every(hidesNoFailure) ? { ...hit, severity: 'info' } : hit);
      }
    }
    return hits;
  },
};

/**
 * `RUN powershell …` / `RUN cmd /c …` (Windows images): the pipe is PowerShell's or cmd's, and
 * pipefail, a POSIX shell option, does not apply to it.
 */
function runsNonPosixShell(script: string): boolean {
  const first = script.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return NON_POSIX_SHELLS.some((s) => first === s || first === `${s}.exe`);
}

const CHECKSUM_TOOLS = ['md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum'];

/** Commands that print their arguments and succeed: a pipe they write hides no failure. */
const PRINTERS = ['echo', 'printf'];

/**
 * A pipe pipefail would change nothing for: written by a printer, or inside a substitution whose exit
 * status the shell discards (`--password $(head -c32 /dev/urandom | base64)`), where a failure is lost
 * with pipefail too.
 */
const hidesNoFailure = (pipe: ShellPipe): boolean =>
  pipe.statusDiscarded === true || (pipe.writer !== undefined && isProgram(pipe.writer, ...PRINTERS));

/**
 * True when every pipeline of the script ends in a checksum check (`sha256sum -c`, `--check`), as in
 * `echo "$SHA  go.tgz" | sha256sum -c -` (the official images' idiom) or `grep " $file$" SHA256SUMS |
 * sha256sum -c -`: whatever fails before the check leaves it an empty or wrong line, and the check then
 * fails the RUN by itself (`no properly formatted checksum lines found`), so pipefail changes nothing.
 * A pipeline that ends in a compound command (a subshell, a loop) does not count.
 */
function onlyChecksumPipelines(script: ShellScript): boolean {
  const byWriter = new Map(script.pipes.map((p) => [p.writer, p]));
  return script.pipes.every((pipe) => {
    let reader = pipe.reader;
    const seen = new Set<ShellPipe>([pipe]);
    for (let next = byWriter.get(reader); next && !seen.has(next); next = byWriter.get(reader)) {
      seen.add(next);
      reader = next.reader;
    }
    return reader !== undefined && isProgram(reader, ...CHECKSUM_TOOLS) && hasFlag(reader, 'c', 'check');
  });
}

function shellIsSafe(raw: string): boolean {
  const words = execFormWords(raw);
  const text = words ? words.join(' ') : raw;
  if (NON_POSIX_SHELLS.some((s) => text.trim().startsWith(s))) return true;
  return parseShell(text).commands.some(
    (c) => isProgram(c, 'bash', 'zsh', 'ash') && hasFlag(c, 'o') && c.args.includes('pipefail'),
  );
}
