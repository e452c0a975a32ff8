/** Questions rules ask about one simple command (see script.ts for how commands are found). */
import { basename, flagNames, type ShellCommand, type ShellScript } from './script.js';

/** True when the program is `name` (also when written with a path, e.g. `/usr/bin/apt-get`). */
export function isProgram(command: ShellCommand, ...names: string[]): boolean {
  const name = command.name;
  if (names.includes(name)) return true;
  // Without a `/` the basename is the name itself, already compared.
  return name.includes('/') && names.includes(basename(name));
}

/** Commands of the script whose program is one of `names`. */
export function commandsNamed(script: ShellScript, ...names: string[]): ShellCommand[] {
  return script.commands.filter((c) => isProgram(c, ...names));
}

/** True when any of the flag names is present (`hasFlag(c, 'y', 'yes', 'assume-yes')`). */
export function hasFlag(command: ShellCommand, ...names: string[]): boolean {
  return command.flags.some((f) => names.includes(f));
}

/** True when one of the words after the program is exactly one of `values`. */
export function hasArg(command: ShellCommand, ...values: string[]): boolean {
  return command.args.some((a) => values.includes(a));
}

/** Arguments that are not flags (words not starting with `-`). Values of flags are kept, as hadolint does. */
export function argsNoFlags(command: ShellCommand): string[] {
  return command.args.filter((a) => !a.startsWith('-') || a === '-');
}

/**
 * The command without the value word that follows each of the given flags (`-t buster`,
 * `--target-release buster`), so that the value is not taken for a package name. `--flag=value`
 * needs no dropping. For a short-flag group (`-qt buster`) the value follows the group.
 */
export function dropFlagValues(command: ShellCommand, flagsWithValues: readonly string[]): ShellCommand {
  const args: string[] = [];
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i] as string;
    args.push(arg);
    if (!arg.startsWith('-') || arg === '-' || arg === '--' || arg.includes('=')) continue;
    const names = arg.startsWith('--') ? [arg.slice(2)] : arg.slice(1).split('');
    if (names.some((n) => flagsWithValues.includes(n)) && i + 1 < command.args.length) i++;
  }
  return { ...command, args, flags: flagNames(args) };
}

/** The first argument that is not a flag: the subcommand of `apt-get install`, `npm ci`, `go install`. */
export function subcommand(command: ShellCommand): string | undefined {
  return argsNoFlags(command)[0];
}

/** True when the command is `program <sub>` for one of the subcommands (`isSubcommand(c, 'npm', 'install', 'i')`). */
export function isSubcommand(command: ShellCommand, program: string | string[], ...subs: string[]): boolean {
  const programs = Array.isArray(program) ? program : [program];
  if (!isProgram(command, ...programs)) return false;
  const sub = subcommand(command);
  return sub !== undefined && subs.includes(sub);
}

/** Non-flag arguments after the subcommand (the package list of `apk add a b`). */
export function argsAfterSubcommand(command: ShellCommand): string[] {
  return argsNoFlags(command).slice(1);
}

/** The value of `--name=value`, `--name value`, or `-n value`; undefined when the flag is absent. */
export function flagValue(command: ShellCommand, ...names: string[]): string | undefined {
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i] as string;
    for (const name of names) {
      const dash = name.length === 1 ? '-' : '--';
      if (arg === dash + name) return command.args[i + 1];
      if (arg.startsWith(`${dash}${name}=`)) return arg.slice(dash.length + name.length + 1);
    }
  }
  return undefined;
}
