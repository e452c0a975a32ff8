/**
 * `RUN a | b` succeeds when `a` fails, because /bin/sh reports only the last command's status: a
 * failed download piped into `tar` or `sh` builds an image that is silently broken. hadolint's DL4006.
 * A RUN whose every pipe is `echo`/`printf` feeding a checksum check (`echo "$SHA  go.tgz" | sha256sum
 * -c -`) is not flagged: the builtins only write the text they were given, and the check fails the RUN
 * by itself, so pipefail changes nothing.
 */
import { execFormWords } from '../shell/run-script.js';
import { hasFlag, isProgram } from '../shell/command.js';
import { parseShell, type ShellScript } from '../shell/script.js';
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
        !onlyChecksumLinePipes(step.script)
      )
        hits.push(hitAt(step));
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

/** Shell builtins that write the text they are given: they have no failure for pipefail to report. */
const TEXT_WRITERS = ['echo', 'printf'];
const CHECKSUM_TOOLS = ['md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum'];

/**
 * True when every pipe of the script is a checksum line written by `echo`/`printf` into `sha*sum -c`
 * (the official images' idiom): with or without pipefail the RUN fails exactly when the check does. A
 * side that is a compound command (a subshell, a loop) does not count.
 */
function onlyChecksumLinePipes(script: ShellScript): boolean {
  return script.pipes.every(
    ({ writer, reader }) =>
      writer !== undefined &&
      isProgram(writer, ...TEXT_WRITERS) &&
      reader !== undefined &&
      isProgram(reader, ...CHECKSUM_TOOLS) &&
      hasFlag(reader, 'c', 'check'),
  );
}

function shellIsSafe(raw: string): boolean {
  const words = execFormWords(raw);
  const text = words ? words.join(' ') : raw;
  if (NON_POSIX_SHELLS.some((s) => text.trim().startsWith(s))) return true;
  return parseShell(text).commands.some(
    (c) => isProgram(c, 'bash', 'zsh', 'ash') && hasFlag(c, 'o') && c.args.includes('pipefail'),
  );
}
