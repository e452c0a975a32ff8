import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { expandAt, scopeOf } from '../../../src/dockerfile/instructions.js';

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
