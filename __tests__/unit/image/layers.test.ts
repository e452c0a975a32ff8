import { describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import {
  attributeLayers,
  historyKeyword,
  targetChain,
  type HistoryEntry,
} from '../../../src/image/layers.js';

const dockerfile = [
  'FROM alpine:3 AS base', // 1
  'ARG X=1', // 2
  'WORKDIR /app', // 3
  'RUN apk add --no-cache curl \\', // 4
  '    git', // 5
  'ENV A=b', // 6
  'FROM base AS final', // 7
  'COPY . .', // 8
  'RUN echo built > /built', // 9
  'USER app', // 10
  'FROM alpine:3 AS other', // 11
  'RUN echo other', // 12
].join('\n');
const model = parseDockerfile(dockerfile, 'Dockerfile');
const final = model.graph.stages.findIndex((s) => s.name === 'final');

/** History as BuildKit in Docker 20.10 records it: the base image's entries, then one per instruction. */
const history: HistoryEntry[] = [
  { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
  { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
  { created_by: 'ARG X=1', empty_layer: true },
  { created_by: 'WORKDIR /app' },
  { created_by: 'RUN |1 X=1 /bin/sh -c apk add --no-cache curl     git # buildkit' },
  { created_by: 'ENV A=b', empty_layer: true },
  { created_by: 'COPY . . # buildkit' },
  { created_by: 'RUN |1 X=1 /bin/sh -c echo built > /built # buildkit' },
  { created_by: 'USER app', empty_layer: true },
];
const diffIds = ['sha256:base', 'sha256:workdir', 'sha256:apk', 'sha256:copy', 'sha256:built'];

describe('attributeLayers', () => {
  it('ties each layer to its instruction across the stage chain, and the rest to the base image', () => {
    const layers = attributeLayers({ history, rootfs: { diff_ids: diffIds } }, targetChain(model, final));
    expect(
      layers.map((l) => [l.diffId, l.baseImage ?? `${l.instruction?.stage}:${l.instruction?.line}`]),
    ).toEqual([
      ['sha256:base', 'alpine:3'],
      ['sha256:workdir', 'base:3'],
      ['sha256:apk', 'base:4'],
      ['sha256:copy', 'final:8'],
      ['sha256:built', 'final:9'],
    ]);
    expect(layers[2].instruction?.text).toBe('RUN apk add --no-cache curl \\');
    expect(layers[2].createdBy).toContain('apk add');
  });

  it('skips instructions the builder did not record (ARG with newer BuildKit)', () => {
    const withoutArg = history.filter((h) => !h.created_by?.startsWith('ARG'));
    const layers = attributeLayers(
      { history: withoutArg, rootfs: { diff_ids: diffIds } },
      targetChain(model, final),
    );
    expect(layers.map((l) => l.instruction?.line ?? l.baseImage)).toEqual(['alpine:3', 3, 4, 8, 9]);
  });

  it('reads the classic builder history', () => {
    const classic: HistoryEntry[] = [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: '/bin/sh -c #(nop)  ARG X=1', empty_layer: true },
      { created_by: '/bin/sh -c #(nop) WORKDIR /app' },
      { created_by: '|1 X=1 /bin/sh -c apk add --no-cache curl     git' },
      { created_by: '/bin/sh -c #(nop)  ENV A=b', empty_layer: true },
      { created_by: '/bin/sh -c #(nop) COPY dir:123 in . ' },
      { created_by: '|1 X=1 /bin/sh -c echo built > /built' },
      { created_by: '/bin/sh -c #(nop)  USER app', empty_layer: true },
    ];
    const layers = attributeLayers(
      { history: classic, rootfs: { diff_ids: diffIds } },
      targetChain(model, final),
    );
    expect(layers.map((l) => l.instruction?.line ?? l.baseImage)).toEqual(['alpine:3', 3, 4, 8, 9]);
  });

  it('labels every layer with the base image when the chain adds none', () => {
    const other = model.graph.stages.findIndex((s) => s.name === 'other');
    const layers = attributeLayers(
      { history: history.slice(0, 2), rootfs: { diff_ids: ['sha256:base'] } },
      targetChain(model, other),
    );
    expect(layers).toEqual([
      { diffId: 'sha256:base', createdBy: history[0].created_by, baseImage: 'alpine:3' },
    ]);
  });

  it('recognises instruction keywords in created_by', () => {
    expect(historyKeyword('RUN /bin/sh -c x # buildkit')).toBe('RUN');
    expect(historyKeyword('/bin/sh -c apt-get update')).toBe('RUN');
    expect(historyKeyword('/bin/sh -c #(nop) COPY file:x in /')).toBe('COPY');
    expect(historyKeyword('')).toBeUndefined();
    expect(historyKeyword('Imported from -')).toBeUndefined();
  });
});
