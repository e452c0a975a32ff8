import { describe, expect, test } from '@jest/globals';
import { parseShell, stripCommentsAndContinuations } from '../../../../src/rules/shell/script.js';

const names = (script: string) => parseShell(script).commands.map((c) => c.name);

describe('parseShell', () => {
  test('splits on &&, ||, ;, | and & and keeps each command with its arguments', () => {
    const { commands } = parseShell('apt-get update && apt-get install -y foo || echo failed; make & wait');
    expect(commands.map((c) => [c.name, ...c.args])).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'foo'],
      ['echo', 'failed'],
      ['make'],
      ['wait'],
    ]);
  });

  test('marks both sides of a pipe, and only them', () => {
    const script = parseShell('curl -fsSL https://x | sh && echo done');
    expect(script.hasPipe).toBe(true);
    expect(script.commands.map((c) => [c.name, c.piped])).toEqual([
      ['curl', true],
      ['sh', true],
      ['echo', false],
    ]);
    expect(parseShell('a || b').hasPipe).toBe(false);
  });

  test('finds commands inside subshells and $(...) substitutions', () => {
    expect(names('(cd /src && make) && echo $(git rev-parse HEAD)')).toEqual(['cd', 'make', 'echo', 'git']);
  });

  test('drops redirections and their targets, including fd numbers', () => {
    const [cmd] = parseShell('wget -q -O /tmp/x url 2>/dev/null >> log').commands;
    expect(cmd?.args).toEqual(['-q', '-O', '/tmp/x', 'url']);
  });

  test('separates leading NAME=value assignments from the program', () => {
    const [cmd] = parseShell('DEBIAN_FRONTEND=noninteractive A=1 apt-get install x').commands;
    expect(cmd?.name).toBe('apt-get');
    expect(cmd?.assignments).toEqual(['DEBIAN_FRONTEND=noninteractive', 'A=1']);
  });

  test('skips shell keywords and for/case headers', () => {
    expect(names('if [ -f x ]; then rm x; else touch x; fi')).toEqual(['[', 'rm', 'touch']);
    expect(names('for p in a b; do pip install $p; done')).toEqual(['pip']);
    expect(names('while read l; do echo $l; done < f')).toEqual(['read', 'echo']);
    expect(names('if true\nthen\n  apk add x\nfi\necho do\nrm -rf y')).toEqual(['true', 'apk', 'echo', 'rm']);
    const withCase = parseShell(
      'case "$ARCH" in\n  amd64|x86_64) a=x; apk add curl ;;\n  *) echo other ;;\nesac',
    );
    expect(withCase.commands.map((c) => c.name)).toEqual(['apk', 'echo']);
    expect(withCase.hasPipe).toBe(false);
    expect(names('case $x in a) (cd /; ls) ;; esac && make')).toEqual(['cd', 'ls', 'make']);
  });

  test('reads the script of sh -c / bash -ec and marks those commands nested', () => {
    const { commands } = parseShell('bash -ec "apt-get install -y foo && rm -rf /var/lib/apt/lists/*"');
    expect(commands.map((c) => [c.name, c.nested])).toEqual([
      ['bash', false],
      ['apt-get', true],
      ['rm', true],
    ]);
  });

  test('keeps quoted words whole, variables as written, and a mid-word # literal', () => {
    const [cmd] = parseShell('npm install "a b" $HOME ${X:-y} git://h/r.git#v1 # trailing comment').commands;
    expect(cmd?.args).toEqual(['install', 'a b', '$HOME', '$X:-y', 'git://h/r.git#v1']);
  });

  test('splits flags the way hadolint does', () => {
    const [cmd] = parseShell('tar -xzf a.tgz --strip-components=1 -- -').commands;
    expect(cmd?.flags).toEqual(['x', 'z', 'f', 'strip-components']);
  });

  test('newlines separate commands, continuations do not', () => {
    expect(names('apt-get update \\\n  && apt-get install x\necho hi')).toEqual([
      'apt-get',
      'apt-get',
      'echo',
    ]);
    expect(stripCommentsAndContinuations('a \\\nb # c\nd')).toBe('a b  ; d');
  });
});
