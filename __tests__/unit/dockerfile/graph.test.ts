import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadDockerfile, parseDockerfile, refuseDuplicateStageNames } from '../../../src/dockerfile/load.js';
import {
  directDependencies,
  findCycle,
  findStage,
  transitiveDependencies,
} from '../../../src/dockerfile/graph.js';
import type { StageGraph } from '../../../src/dockerfile/types.js';
import { UserError } from '../../../src/errors.js';
import { corpusPath, describeWithCorpus, parserCases, realDockerfiles } from '../../helpers/corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => join(here, '../../fixtures/dockerfiles', name);

/** The UserError a call throws (fails the test when it throws nothing or something else). */
function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError, got none');
}

const edgesOf = (graph: StageGraph, index: number) =>
  graph.stages[index].edges.map((e) => ({ kind: e.kind, ref: e.ref, stage: e.stage, line: e.line }));

describe('stage graph of the multistage fixture', () => {
  const model = loadDockerfile(fixture('multistage.Dockerfile'), 'multistage.Dockerfile');
  const { stages, globalArgs } = model.graph;

  it('has every stage with its name as written, key, index and line range', () => {
    expect(stages.map((s) => [s.index, s.name, s.key, s.line, s.endLine])).toEqual([
      [0, 'Deps', 'deps', 6, 7],
      [1, 'tools', 'tools', 9, 10],
      [2, 'build', 'build', 12, 17],
      [3, 'test', 'test', 19, 21],
      [4, undefined, '4', 23, 26],
    ]);
  });

  it('substitutes global ARGs in FROM, keeps the raw text, and resolves parent stages case-insensitively', () => {
    expect(stages[0].baseRaw).toBe('${BASE}');
    expect(stages[0].base).toBe('stagegate/busybox:1');
    // An ARG declared without a value expands to nothing.
    expect(stages[4].baseRaw).toBe('${BASE}${UNSET}');
    expect(stages[4].base).toBe('stagegate/busybox:1');
    expect(stages[2].parent).toBe(0);
    expect(stages[3].parent).toBe(2);
    expect(stages[0].parent).toBeUndefined();
    // Automatic platform args nobody declared stay as written.
    expect(stages[1].platform).toBe('$BUILDPLATFORM');
    expect(globalArgs.map((a) => [a.name, a.defaultValue, a.value, a.line])).toEqual([
      ['BASE', 'stagegate/busybox:1', 'stagegate/busybox:1', 2],
      ['TOOLS_STAGE', 'tools', 'tools', 3],
      ['UNSET', undefined, undefined, 4],
    ]);
  });

  it('finds FROM, COPY --from (name, index, stage ARG) and RUN --mount from= edges; images have no stage', () => {
    expect(edgesOf(model.graph, 2)).toEqual([
      { kind: 'from', ref: 'deps', stage: 0, line: 12 },
      { kind: 'copy', ref: 'tools', stage: 1, line: 14 },
      { kind: 'mount', ref: 'DEPS', stage: 0, line: 15 },
    ]);
    expect(edgesOf(model.graph, 3)).toEqual([
      { kind: 'from', ref: 'build', stage: 2, line: 19 },
      { kind: 'copy', ref: '1', stage: 1, line: 20 },
    ]);
    expect(edgesOf(model.graph, 4)).toEqual([
      { kind: 'from', ref: 'stagegate/busybox:1', stage: undefined, line: 23 },
      { kind: 'copy', ref: 'build', stage: 2, line: 24 },
      { kind: 'copy', ref: 'stagegate/other:2', stage: undefined, line: 25 },
    ]);
  });

  it('keeps each stage’s instructions, FROM first', () => {
    expect(stages[2].steps.map((i) => i.keyword)).toEqual(['FROM', 'ARG', 'COPY', 'RUN']);
  });

  it('looks stages up by any-case name or by index, and walks dependencies', () => {
    expect(findStage(model.graph, 'DEPS')?.index).toBe(0);
    expect(findStage(model.graph, 'Test')?.index).toBe(3);
    expect(findStage(model.graph, '4')?.index).toBe(4);
    expect(findStage(model.graph, '9')).toBeUndefined();
    expect(findStage(model.graph, 'nope')).toBeUndefined();
    expect(directDependencies(model.graph, 3)).toEqual([1, 2]);
    expect(transitiveDependencies(model.graph, 3)).toEqual([0, 1, 2]);
    expect(transitiveDependencies(model.graph, 4)).toEqual([0, 1, 2]);
    expect(transitiveDependencies(model.graph, 0)).toEqual([]);
    expect(findCycle(model.graph)).toBeUndefined();
  });
});

describe('build-args and variables', () => {
  it('lets a build-arg override a global ARG default in FROM, and can turn a base into a stage', () => {
    const text = 'ARG BASE=alpine:3\nFROM busybox AS builder\nFROM ${BASE}\n';
    const plain = parseDockerfile(text, 'Dockerfile');
    expect(plain.graph.stages[1].base).toBe('alpine:3');
    expect(plain.graph.stages[1].parent).toBeUndefined();
    const overridden = parseDockerfile(text, 'Dockerfile', [{ name: 'BASE', value: 'BUILDER' }]);
    expect(overridden.graph.stages[1].base).toBe('BUILDER');
    expect(overridden.graph.stages[1].parent).toBe(0);
    expect(overridden.graph.globalArgs[0]).toMatchObject({ defaultValue: 'alpine:3', value: 'BUILDER' });
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const m = parseDockerfile(
      '\uFEFFARG B=busybox\r\nFROM ${B} AS Build\r\nRUN x\r\nFROM build AS test\r\n',
      'D',
    );
    expect(m.graph.stages.map((s) => [s.name, s.base, s.parent, s.line, s.endLine])).toEqual([
      ['Build', 'busybox', undefined, 2, 3],
      ['test', 'build', 0, 4, 4],
    ]);
  });

  it('ignores build-args for ARGs the Dockerfile does not declare', () => {
    const m = parseDockerfile('FROM ${IMG:-busybox}\n', 'Dockerfile', [{ name: 'IMG', value: 'x' }]);
    expect(m.graph.stages[0].base).toBe('busybox');
  });

  it('expands ${VAR:-default}, ${VAR:+alt} and escaped dollars', () => {
    const m = parseDockerfile(
      'ARG A\nARG B=b\nFROM ${A:-fallback}:${B:+set}\nFROM x${B}y\nFROM \\$B AS z\n',
      'Dockerfile',
    );
    expect(m.graph.stages.map((s) => s.base)).toEqual(['fallback:set', 'xby', '$B']);
  });

  it("leaves a stage ARG of BuildKit's automatic platform args as written, not empty", () => {
    const m = parseDockerfile(
      'FROM alpine AS build-amd64\nFROM alpine\nARG TARGETARCH\nARG MODE\nCOPY --from=build-$TARGETARCH /a /a\nCOPY --from=x${MODE}y /b /b\n',
      'Dockerfile',
    );
    expect(edgesOf(m.graph, 1).map((e) => e.ref)).toEqual(['alpine', 'build-$TARGETARCH', 'xy']);
  });

  it('treats FROM <own name> or a later stage name as an image, as BuildKit does', () => {
    const m = parseDockerfile('FROM node AS node\nFROM later\nFROM busybox AS later\n', 'Dockerfile');
    expect(m.graph.stages.map((s) => s.parent)).toEqual([undefined, undefined, undefined]);
  });

  it('lets COPY --from name a later stage, but an index only an earlier one', () => {
    const m = parseDockerfile('FROM a AS first\nCOPY --from=second /x /x\nFROM b AS second\n', 'D');
    expect(m.graph.stages[0].edges.map((e) => e.stage)).toEqual([undefined, 1]);
    const err = userErrorOf(() =>
      parseDockerfile('FROM a AS first\nCOPY --from=1 /y /y\nFROM b AS second\n', 'D'),
    );
    expect(err.message).toContain('COPY --from=1 names stage index 1, but no stage comes before it');
  });
});

describe('clear errors', () => {
  it('names the missing file and the inputs that set it', () => {
    const err = userErrorOf(() => loadDockerfile('/nonexistent/dir/Dockerfile', 'dir/Dockerfile'));
    expect(err.message).toContain('dir/Dockerfile');
    expect(err.message).toContain("'file' input");
    expect(err.message).toContain("'context'");
    expect(err.step).toBe('dockerfile');
  });

  it('refuses a directory given as the Dockerfile', () => {
    expect(userErrorOf(() => loadDockerfile(here, 'somedir')).message).toContain('is a directory');
  });

  it('reports a dependency cycle with the stages in it', () => {
    const err = userErrorOf(() => loadDockerfile(fixture('cycle.Dockerfile'), 'cycle.Dockerfile'));
    expect(err.message).toContain("'a' -> 'b' -> 'a'");
    expect(err.location).toEqual({ file: 'cycle.Dockerfile', line: 1 });
  });

  it('reports a stage that copies from itself as a cycle', () => {
    expect(userErrorOf(() => parseDockerfile('FROM a AS x\nCOPY --from=x /a /b\n', 'D')).message).toContain(
      'cycle',
    );
  });

  it.each([
    ['', undefined, 'no instructions'],
    ['# only\n# comments\n', undefined, 'no instructions'],
    ['FROM a\nENV PATH\n', 2, 'ENV PATH has no value'],
    ['FROM a\nCMD [ "echo", [ "nested" ] ]\n', 2, 'other than strings'],
    ['FROM\n', 1, 'FROM needs an image'],
    ['FROM a b\n', 1, "not 'a b'"],
    ['FROM a AS 1st\n', 1, "'1st' is not a valid stage name"],
    ['FROM a AS -x\n', 1, "'-x' is not a valid stage name"],
    ['FROM a AS one\nFROM b AS ONE\n', 2, "'ONE' is already used by the stage on line 1"],
    ['RUN true\nFROM a\n', 1, 'RUN comes before the first FROM'],
  ])('%j -> line %s: %s', (text, line, message) => {
    const err = userErrorOf(() => parseDockerfile(text, 'Dockerfile'));
    expect(err.message).toContain(message);
    expect(err.location).toEqual({ file: 'Dockerfile', line });
  });

  it('accepts what BuildKit accepts: ENV with an empty value, JSON-looking shell form', () => {
    const m = parseDockerfile('FROM a\nENV A=\nCMD ["unterminated\nRUN [not json]\n', 'Dockerfile');
    expect(m.graph.stages).toHaveLength(1);
  });

  it('accepts two stages of one name only when asked (for the linter); refuseDuplicateStageNames still refuses', () => {
    const text = 'FROM a AS one\nFROM b AS ONE\n';
    const m = parseDockerfile(text, 'Dockerfile', [], { allowDuplicateStageNames: true });
    expect(m.graph.stages.map((s) => s.name)).toEqual(['one', 'ONE']);
    const err = userErrorOf(() => refuseDuplicateStageNames(m));
    expect(err.location).toEqual({ file: 'Dockerfile', line: 2 });
  });

  it('parses a file with instructions but no FROM into zero stages (the build plan refuses it)', () => {
    expect(parseDockerfile('CMD []\n', 'Dockerfile').graph.stages).toEqual([]);
  });
});

describeWithCorpus('stage graph on the shared corpus', () => {
  const manifest = new Map(
    readFileSync(corpusPath('real', 'MANIFEST.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .map((c) => [c[0], { fromCount: Number(c[5]), stageNames: c[6] }] as const),
  );

  it('every buildkit-parser case parses without error', () => {
    const cases = parserCases('buildkit-parser');
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const file of cases) {
      const m = parseDockerfile(readFileSync(file, 'utf8'), file);
      expect(m.graph.stages.length).toBe(m.instructions.filter((i) => i.keyword === 'FROM').length);
    }
  });

  it('every buildkit-parser-negative case gives a UserError, not a crash', () => {
    const cases = parserCases('buildkit-parser-negative');
    expect(cases.length).toBe(4);
    for (const file of cases) {
      const err = userErrorOf(() => parseDockerfile(readFileSync(file, 'utf8'), file));
      expect(err.message.startsWith(file)).toBe(true);
    }
  });

  it('every real Dockerfile parses, with the stage count and names of MANIFEST.tsv', () => {
    const files = realDockerfiles();
    expect(files.length).toBe(manifest.size);
    for (const file of files) {
      const expected = manifest.get(basename(file));
      expect(expected).toBeDefined();
      const { graph } = parseDockerfile(readFileSync(file, 'utf8'), basename(file));
      const names = graph.stages.flatMap((s) => (s.name === undefined ? [] : [s.name])).join(',');
      expect([basename(file), graph.stages.length, names]).toEqual([
        basename(file),
        expected?.fromCount,
        expected?.stageNames,
      ]);
    }
  });

  it("gives BuildKit's line numbers (buildkit-parser-lineinfo/expected.txt)", () => {
    const expected = readFileSync(corpusPath('buildkit-parser-lineinfo', 'expected.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('child '))
      .map((l) => l.split(' ').slice(2).map(Number));
    const root = readFileSync(corpusPath('buildkit-parser-lineinfo', 'expected.txt'), 'utf8');
    const { graph } = parseDockerfile(
      readFileSync(corpusPath('buildkit-parser-lineinfo', 'Dockerfile'), 'utf8'),
      'Dockerfile',
    );
    const [stage] = graph.stages;
    expect(stage.steps.map((i) => [i.line, i.endLine])).toEqual(expected);
    expect(`root.start_line ${stage.line}`).toBe(/root\.start_line \d+/.exec(root)?.[0]);
    expect(`root.end_line ${stage.endLine}`).toBe(/root\.end_line \d+/.exec(root)?.[0]);
  });

  it('has the hand-checked edges of distribution/distribution', () => {
    const file = corpusPath('real', 'distribution__distribution__Dockerfile');
    const { graph } = parseDockerfile(readFileSync(file, 'utf8'), 'Dockerfile');
    const label = (i?: number) => (i === undefined ? undefined : (graph.stages[i].name ?? String(i)));
    const summary = graph.stages.map((s) => [
      s.name ?? String(s.index),
      s.base,
      s.edges.filter((e) => e.kind !== 'from').map((e) => `${e.kind}:${label(e.stage) ?? `image ${e.ref}`}`),
    ]);
    expect(summary).toEqual([
      ['xx', 'tonistiigi/xx:1.9.0', []],
      ['base', 'golang:1.25.9-alpine3.23', ['copy:xx']],
      ['version', 'base', []],
      ['build', 'base', expect.arrayContaining(['mount:version'])],
      ['binary', 'scratch', ['copy:build']],
      ['releaser', 'base', expect.arrayContaining(['mount:binary', 'mount:version'])],
      ['artifact', 'scratch', ['copy:releaser']],
      ['7', 'alpine:3.23', ['copy:binary']],
    ]);
    expect(graph.stages.map((s) => label(s.parent))).toEqual([
      undefined,
      undefined,
      'base',
      'base',
      undefined,
      'base',
      undefined,
      undefined,
    ]);
  });

  it('has the hand-checked edges of docker/cli dockerfiles/Dockerfile.dev', () => {
    const file = corpusPath('real', 'docker__cli__dockerfiles__Dockerfile.dev');
    const { graph } = parseDockerfile(readFileSync(file, 'utf8'), 'Dockerfile.dev');
    const dev = findStage(graph, 'dev');
    expect(dev).toBeDefined();
    const names = (ids: number[]) => ids.map((i) => graph.stages[i].name);
    expect(names(directDependencies(graph, dev!.index))).toEqual([
      'buildx',
      'golang',
      'gofumpt',
      'gotestsum',
      'goversioninfo',
    ]);
    expect(findStage(graph, 'gofumpt')?.parent).toBe(findStage(graph, 'golang')?.index);
  });
});

describe('--from that names neither a stage nor an image', () => {
  it.each([
    ['FROM a AS build\nFROM b\nCOPY --from=Buidl /x /x\n', 3, 'COPY --from=Buidl names neither a stage'],
    [
      'FROM a AS build\nRUN --mount=from=My_Stage,target=/x true\n',
      2,
      'RUN --mount=from=My_Stage names neither',
    ],
    ['FROM a AS build\nFROM b\nCOPY --from=5 /x /x\n', 3, 'only stages 0 to 0 come before it'],
    ['FROM a\nCOPY --from=0 /x /x\n', 2, 'no stage comes before it'],
    ['FROM a AS build\nFROM b\nCOPY --from=ghcr.io/Org/tool /x /x\n', 3, 'nor a valid image reference'],
  ])('%j', (text, line, message) => {
    const err = userErrorOf(() => parseDockerfile(text, 'Dockerfile'));
    expect(err.message).toContain(message);
    expect(err.message).toContain('Stages: ');
    expect(err.location?.line).toBe(line);
  });

  it('accepts image references of every shape, and leaves unresolved variables alone', () => {
    const text = [
      'FROM a AS build',
      'FROM a AS user',
      'COPY --from=busybox /x /x',
      'COPY --from=Registry.Example.com:5000/org-name/tool:1.2 /x /x',
      'COPY --from=localhost:5000/a/b@sha256:' + 'a'.repeat(64) + ' /x /x',
      'COPY --from=${UNDECLARED} /x /x',
      'COPY --from=BUILD /x /x',
    ].join('\n');
    const m = parseDockerfile(text + '\n', 'Dockerfile');
    expect(m.graph.stages[1].edges.filter((e) => e.kind === 'copy').map((e) => e.stage)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      0,
    ]);
  });
});
