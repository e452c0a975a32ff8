/** Ruby gem and Go module pinning (hadolint DL3028, DL3062). */
import { argsNoFlags, commandsNamed, dropFlagValues, hasArg, hasFlag } from '../shell/command.js';
import type { ShellCommand } from '../shell/script.js';
import { runRule, unpinned } from './walk.js';

/**
 * Gems named by `gem install|i`: words after the subcommand, up to `--` (what follows goes to the
 * gem's build), without option values (`--source URL`, `--use-system-libraries true`).
 */
export function gemNames(command: ShellCommand): string[] {
  const end = command.args.indexOf('--');
  const args = end === -1 ? command.args : command.args.slice(0, end);
  const withoutBooleanValues = args.filter(
    (a, i) =>
      !(
        /^(true|false)$/.test(a) &&
        (args[i - 1] ?? '').startsWith('--') &&
        !(args[i - 1] ?? '').includes('=')
      ),
  );
  const words = argsNoFlags(
    dropFlagValues({ ...command, args: withoutBooleanValues }, [
      'source',
      's',
      'install-dir',
      'bindir',
      'n',
      'platform',
      'P',
    ]),
  );
  return words.slice(words.findIndex((w) => w === 'install' || w === 'i') + 1);
}

export const gemPinVersions = runRule({
  id: 'gem-pin-versions',
  severity: 'warning',
  description:
    'Pin versions in gem install: instead of `gem install <gem>` use `gem install <gem>:<version>`.',
  aliases: ['DL3028'],
  flags: (script) =>
    unpinned(
      'gem install',
      commandsNamed(script, 'gem')
        .filter((c) => hasArg(c, 'install', 'i') && !hasFlag(c, 'v', 'version'))
        .flatMap((c) => gemNames(c).filter((g) => !g.includes(':'))),
      'gem install <gem>:<version>',
    ),
});

/** `@v1.2.3` pins; `@latest` and no `@` do not; local paths need no pin. */
function goPinned(target: string): boolean {
  if (target.startsWith('.') || target.startsWith('/')) return true;
  const at = target.lastIndexOf('@');
  return at !== -1 && at < target.length - 1 && target.slice(at + 1) !== 'latest';
}

export const goInstallPinVersions = runRule({
  id: 'go-install-pin-versions',
  severity: 'warning',
  description:
    'Pin versions in go install: instead of `go install <package>` use `go install <package>@<version>`.',
  aliases: ['DL3062'],
  flags: (script) =>
    unpinned(
      'go install',
      commandsNamed(script, 'go').flatMap((c) => {
        const [sub, ...rest] = argsNoFlags(c);
        // `go run pkg@v args...`: only the package is pinned; the rest are the program's arguments.
        if (sub === 'run') return rest.slice(0, 1).filter((t) => !goPinned(t));
        if (sub === 'install' || sub === 'get') return rest.filter((t) => !goPinned(t));
        return [];
      }),
      'go install <package>@<version>',
    ),
});
