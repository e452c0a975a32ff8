import { describe, expect, test } from '@jest/globals';
import {
  argsAfterSubcommand,
  argsNoFlags,
  commandsNamed,
  dropFlagValues,
  flagValue,
  hasArg,
  hasFlag,
  isProgram,
  isSubcommand,
  subcommand,
} from '../../../../src/rules/shell/command.js';
import { parseShell, type ShellCommand } from '../../../../src/rules/shell/script.js';

const first = (script: string): ShellCommand => {
  const cmd = parseShell(script).commands[0];
  if (!cmd) throw new Error(`no command in ${script}`);
  return cmd;
};

describe('command helpers', () => {
  test('isProgram matches a program also when written with a path', () => {
    expect(isProgram(first('/usr/bin/apt-get update'), 'apt-get')).toBe(true);
    expect(isProgram(first('apt update'), 'apt-get')).toBe(false);
  });

  test('commandsNamed picks the commands of one program', () => {
    const script = parseShell('apk update && apk add curl && echo ok');
    expect(commandsNamed(script, 'apk').map((c) => c.args[0])).toEqual(['update', 'add']);
  });

  test('hasFlag sees short groups and long flags; hasArg needs an exact word', () => {
    const cmd = first('apt-get install -qy --no-install-recommends foo');
    expect(hasFlag(cmd, 'y')).toBe(true);
    expect(hasFlag(cmd, 'no-install-recommends')).toBe(true);
    expect(hasFlag(cmd, 'f')).toBe(false);
    expect(hasArg(cmd, 'foo')).toBe(true);
    expect(hasArg(cmd, 'fo')).toBe(false);
  });

  test('subcommand and the arguments after it skip flags', () => {
    const cmd = first('npm --silent ci --omit=dev');
    expect(subcommand(cmd)).toBe('ci');
    expect(isSubcommand(cmd, 'npm', 'ci', 'install')).toBe(true);
    expect(isSubcommand(cmd, 'yarn', 'ci')).toBe(false);
    expect(argsAfterSubcommand(first('apk add --no-cache a b'))).toEqual(['a', 'b']);
  });

  test('dropFlagValues removes the word after a flag that takes a value', () => {
    const cmd = first('apt-get install -t buster-backports --target-release=x -y foo');
    expect(argsNoFlags(cmd)).toEqual(['install', 'buster-backports', 'foo']);
    expect(argsNoFlags(dropFlagValues(cmd, ['t', 'target-release']))).toEqual(['install', 'foo']);
  });

  test('flagValue reads --name=value, --name value and -n value', () => {
    expect(flagValue(first('useradd -u 1000 app'), 'u', 'uid')).toBe('1000');
    expect(flagValue(first('useradd --uid=1001 app'), 'u', 'uid')).toBe('1001');
    expect(flagValue(first('useradd app'), 'u', 'uid')).toBeUndefined();
  });
});
