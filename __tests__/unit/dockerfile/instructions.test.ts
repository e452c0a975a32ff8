import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { buildInstructionModel, expandAt, scopeOf } from '../../../src/dockerfile/instructions.js';
import { describeWithCorpus, parserCases, readJsonl, realDockerfiles } from '../../helpers/corpus.js';

const at = (text: string, line: number, buildArgs: { name: string; value: string }[] = []) => {
  const model = parseDockerfile(text, 'Dockerfile', buildArgs);
  const ins = model.instructions.find((i) => i.line === line);
  if (!ins) throw new Error(`no instruction on line ${line}`);
  return ins;
};

describe('typed instructions', () => {
  it('reads keyword, lines, stage and flags, and gives each stage its own records', () => {
    const text =
      'ARG V=1\nFROM alpine AS base\nrun --network=none \\\n  echo hi\nFROM base\nCOPY --link a b\n';
    const model = parseDockerfile(text, 'Dockerfile');
    expect(model.instructions.map((i) => [i.keyword, i.line, i.endLine, i.stage])).toEqual([
      ['ARG', 1, 1, -1],
      ['FROM', 2, 2, 0],
      ['RUN', 3, 4, 0],
      ['FROM', 5, 5, 1],
      ['COPY', 6, 6, 1],
    ]);
    expect(model.instructions[2]?.keywordRaw).toBe('run');
    expect(model.instructions[2]?.flags).toEqual([{ name: 'network', value: 'none', line: 3 }]);
    expect(model.graph.stages.map((s) => s.steps.map((i) => i.keyword))).toEqual([
      ['FROM', 'RUN'],
      ['FROM', 'COPY'],
    ]);
  });

  it('reads FROM image, tag, digest, alias and platform, global ARGs expanded', () => {
    const ins = at('ARG TAG=3.20\nFROM --platform=$BUILDPLATFORM alpine:${TAG}@sha256:abc AS Build\n', 2);
    expect(ins.from).toEqual({
      imageRaw: 'alpine:${TAG}@sha256:abc',
      image: 'alpine:3.20@sha256:abc',
      repository: 'alpine',
      tag: '3.20',
      digest: 'sha256:abc',
      alias: 'Build',
      platformRaw: '$BUILDPLATFORM',
      platform: '$BUILDPLATFORM',
    });
    expect(at('FROM localhost:5000/x/y\n', 1).from).toMatchObject({ repository: 'localhost:5000/x/y' });
    expect(at('FROM localhost:5000/x/y\n', 1).from?.tag).toBeUndefined();
  });

  it('splits COPY arguments as a shell does: a quoted prefix joins its word', () => {
    const ins = at('FROM alpine\nARG S=build\nCOPY --from=$S --chmod=755 --link "$APP"/a b "$APP"/bin\n', 3);
    expect(ins.copy).toEqual({
      sources: ['$APP/a', 'b'],
      dest: '$APP/bin',
      fromRaw: '$S',
      from: 'build',
      chmod: '755',
      link: true,
      heredoc: false,
    });
    expect(at('FROM alpine\nCOPY ["a b", "/c/"]\n', 2).copy).toMatchObject({ sources: ['a b'], dest: '/c/' });
    expect(at('FROM alpine\nCOPY <<EOF /x\nhi\nEOF\n', 2).copy).toMatchObject({ heredoc: true, dest: '/x' });
    expect(at('FROM alpine\nADD --checksum=sha256:1 https://x/y /y\n', 2).copy?.checksum).toBe('sha256:1');
  });

  it('reads mounts with their type (bind by default), target, id, from and source', () => {
    const ins = at(
      'FROM alpine\nRUN --mount=type=cache,id=apk,target=/var/cache/apk --mount=from=build,src=/out,dst=/in true\n',
      2,
    );
    expect(
      ins.mounts.map(({ type, target, id, from, source }) => ({ type, target, id, from, source })),
    ).toEqual([
      { type: 'cache', target: '/var/cache/apk', id: 'apk', from: undefined, source: undefined },
      { type: 'bind', target: '/in', id: undefined, from: 'build', source: '/out' },
    ]);
  });

  it('gives RUN, shell-form CMD and HEALTHCHECK CMD a parsed script, exec form its JSON array', () => {
    const text =
      'FROM alpine\nRUN apk add a \\\n  # note\n  && rm -rf /x\nCMD ["run", "x"]\nENTRYPOINT exec app\n' +
      'HEALTHCHECK --interval=5s CMD curl -f http://x/ | grep ok || exit 1\nHEALTHCHECK NONE\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const [, run, cmd, entry, health, none] = model.instructions;
    expect(run?.script?.commands.map((c) => c.name)).toEqual(['apk', 'rm']);
    expect(cmd?.exec).toEqual(['run', 'x']);
    expect(cmd?.script).toBeUndefined();
    expect(entry?.script?.commands[0]).toMatchObject({ name: 'exec', args: ['app'] });
    expect(health?.healthcheck).toBe('cmd');
    expect(health?.exec).toBeUndefined();
    expect(health?.script?.commands.map((c) => c.name)).toEqual(['curl', 'grep', 'exit']);
    expect(none?.healthcheck).toBe('none');
    expect(none?.script).toBeUndefined();
  });

  it('reads ONBUILD triggers as the instruction they wrap, at the ONBUILD lines', () => {
    const ins = at('FROM alpine\nONBUILD RUN apk add x\n', 2);
    expect([ins.keyword, ins.onbuild, ins.line]).toEqual(['RUN', true, 2]);
    expect(ins.script?.commands[0]?.name).toBe('apk');
  });

  it('scopes variables as BuildKit does: globals only where redeclared, ENV inherited, ARG not', () => {
    const text = [
      'ARG G=global',
      'FROM alpine AS base',
      'ENV E=one P=${E}-x',
      'ARG A=a',
      'ARG G',
      'RUN echo',
      'FROM base',
      'RUN echo',
    ].join('\n');
    const before = at(text, 3);
    expect(before.vars.has('G')).toBe(false);
    const run = at(text, 6);
    expect(scopeOf(run.vars)).toEqual(
      new Map([
        ['E', 'one'],
        ['P', 'one-x'],
        ['A', 'a'],
        ['G', 'global'],
      ]),
    );
    expect(run.vars.get('E')).toEqual({ name: 'E', value: 'one', kind: 'env', line: 3 });
    const child = at(text, 8);
    expect(scopeOf(child.vars)).toEqual(
      new Map([
        ['E', 'one'],
        ['P', 'one-x'],
      ]),
    );
    expect(expandAt(run, '$A/$E/$NOPE')).toBe('a/one/$NOPE');
  });

  it('applies build-arg overrides to ARGs, and leaves automatic platform ARGs unexpanded', () => {
    const text = 'ARG V=1\nFROM alpine:$V\nARG V\nARG W=w\nARG TARGETARCH\nRUN echo\n';
    const run = at(text, 6, [
      { name: 'W', value: 'over' },
      { name: 'V', value: '9' },
    ]);
    expect(scopeOf(run.vars)).toEqual(
      new Map([
        ['V', '9'],
        ['W', 'over'],
      ]),
    );
    expect(at(text, 2, [{ name: 'V', value: '9' }]).from?.image).toBe('alpine:9');
  });

  it('reads parser directives with their lines', () => {
    const model = parseDockerfile(
      '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM alpine\n',
      'Dockerfile',
    );
    expect(model.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'check', value: 'skip=all', line: 2 },
    ]);
  });
});

describe('ONBUILD casing', () => {
  it('keeps the ONBUILD keyword as written on its trigger, for the casing check', () => {
    const model = parseDockerfile('FROM alpine\nonbuild RUN true\n', 'Dockerfile');
    expect(model.instructions[1]).toMatchObject({
      keyword: 'RUN',
      keywordRaw: 'RUN',
      onbuildKeywordRaw: 'onbuild',
    });
  });
});

/**
 * The model reads each instruction's argument texts and variables from the file itself
 * (argument-text.ts), so that dockerfile-ast scans the arguments once: what it reads must be what
 * dockerfile-ast's getters give.
 */
const SHELL_EXPANDED = ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK'];

function argumentsAsDockerfileAstReadsThem(text: string) {
  const trigger = (n: Instruction) =>
    (n as Instruction & { getTriggerInstruction(): Instruction | null }).getTriggerInstruction() ?? n;
  const nodes = DockerfileParser.parse(text)
    .getInstructions()
    .map((n) => (n.getKeyword() === 'ONBUILD' ? trigger(n) : n));
  return nodes.map((n) => ({
    argsText: n.getArgumentsContent() ?? '',
    rawArgsText: n.getRawArgumentsContent() ?? '',
    argsLine: (n.getArgumentsRange()?.start.line ?? n.getRange().start.line) + 1,
    variables: SHELL_EXPANDED.includes(n.getKeyword())
      ? []
      : n.getVariables().map((v) => [v.getName(), v.getModifier() !== null, v.getRange().start.line + 1]),
  }));
}

function argumentsOfModel(text: string) {
  return buildInstructionModel(DockerfileParser.parse(text), text).instructions.map((i) => ({
    argsText: i.argsText,
    rawArgsText: i.rawArgsText,
    argsLine: i.argsLine,
    variables: i.variables.map((v) => [v.name, v.guarded, v.line]),
  }));
}

describe('argument texts', () => {
  it.each([
    [
      'continuations with comment lines inside',
      'FROM a\nRUN apt-get update \\\n  # why\n  && apt-get install -y x \\\n\n  && echo done\n',
    ],
    ['flags on their own line', 'FROM a\nRUN --mount=type=cache,target=/c \\\n    make\n'],
    ['blanks after the escape', 'FROM a\nRUN echo a \\  \n    b\nRUN echo \\\nx\n'],
    ['CRLF line ends', 'FROM a\r\nRUN echo a \\\r\n  b \\\r\n  c\r\nENV A=1 \\\r\n  B=2\r\n'],
    ['a backtick escape', '# escape=`\nFROM a\nRUN echo a `\n  b\n'],
    ['a heredoc', 'FROM a\nCOPY <<EOF /x\nline $V\nEOF\nRUN <<EOT bash\n  set -e \\\n  echo\nEOT\n'],
    ['an ONBUILD trigger', 'FROM a\nONBUILD RUN echo a \\\n  b\nONBUILD COPY x /y\n'],
    ['escaped characters at the end', 'FROM a\nRUN echo \\$HOME \\\n  \\$PATH\nLABEL a=b \\\n'],
    [
      'variables of every form',
      'FROM $A${B}${C:-x}${D:}${E: }$\nENV F=$G\\$H"$I"${J \\\n K}$L-$M.\\nLABEL a=\'$N\' b="$O" c=${P\nCOPY --from=$Q $R* /s\nUSER ${T\\\n}$U\\\nENV V=$W\\x\\\nY ${Z\\x\\\n}\n',
    ],
  ])('match dockerfile-ast’s getters: %s', (_name, text) => {
    expect(argumentsOfModel(text)).toEqual(argumentsAsDockerfileAstReadsThem(text));
  });
});

describeWithCorpus('argument texts on the corpus', () => {
  it('match dockerfile-ast’s getters on every real, BuildKit parser-test and rule-test Dockerfile', () => {
    const texts = [...realDockerfiles(), ...parserCases('buildkit-parser')].map((f) => [
      f,
      readFileSync(f, 'utf8'),
    ]);
    for (const file of ['buildkit-lint-cases.jsonl', 'hadolint-cases.jsonl'])
      readJsonl<{ dockerfile: string }>(file).forEach((c, i) =>
        texts.push([`${file}:${i + 1}`, c.dockerfile]),
      );
    let multiLine = 0;
    let variables = 0;
    for (const [file, text] of texts) {
      const ours = argumentsOfModel(text);
      expect({ file, args: ours }).toEqual({ file, args: argumentsAsDockerfileAstReadsThem(text) });
      multiLine += ours.filter((a) => a.rawArgsText.includes('\n')).length;
      variables += ours.reduce((n, a) => n + a.variables.length, 0);
    }
    // The joining (not the one-line shortcut) and real variables are what is compared.
    expect(multiLine).toBeGreaterThan(500);
    expect(variables).toBeGreaterThan(500);
  });
});

describe('variables and comments', () => {
  it('marks where each variable is written: its property, its flag, a heredoc body', () => {
    const text =
      'FROM alpine\nARG A=$B C=${D:-x}\nCOPY --from=$S --chown=$U a /b\nCOPY <<EOF /c/$DIR\n$BODY\nEOF\nRUN echo $R\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const uses = (line: number) => model.instructions.find((i) => i.line === line)?.variables;
    expect(uses(2)).toEqual([
      { name: 'B', guarded: false, line: 2, property: 0, heredocBody: false },
      { name: 'D', guarded: true, line: 2, property: 1, heredocBody: false },
    ]);
    expect(uses(3)).toEqual([
      { name: 'S', guarded: false, line: 3, flag: 'from', heredocBody: false },
      { name: 'U', guarded: false, line: 3, flag: 'chown', heredocBody: false },
    ]);
    expect(uses(4)?.map((v) => [v.name, v.heredocBody])).toEqual([
      ['DIR', false],
      ['BODY', true],
    ]);
    // RUN's variables are the shell's.
    expect(uses(7)).toEqual([]);
  });

  it('reads comment lines, and the leading lines dockerfile-ast takes for directives', () => {
    const text =
      '# hadolint global ignore=DL3006\n# check=skip=A\n\n# a comment\nFROM a\nRUN x \\\n  # inside\n  y\n';
    const model = parseDockerfile(text, 'Dockerfile');
    expect(model.comments).toEqual([
      { line: 1, directive: { name: 'hadolint', value: 'DL3006' } },
      { line: 2, directive: { name: 'check', value: 'skip=A' } },
      { line: 4 },
      { line: 7 },
    ]);
    // BuildKit's reading stops at the first line that is not a directive.
    expect(model.directives).toEqual([]);
  });
});
