import { describe, expect, it } from '@jest/globals';
import { copyFromIndex, copyFromUnknownStage } from '../../../../src/rules/multistage/copy-from-reference.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('copy-from-unknown-stage (DL3022)', () => {
  it('flags a name that is no stage, saying which image Docker pulls instead', () => {
    const hits = hitsOf(copyFromUnknownStage, [
      'FROM golang:1.22 AS builder',
      'FROM alpine:3.20',
      'COPY --from=build /a /a',
    ]);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('`build:latest`');
  });

  it('flags a stage defined later, an index with no stage before it and RUN --mount=from', () => {
    expect(
      linesOf(copyFromUnknownStage, [
        'FROM alpine:3.20',
        'COPY --from=later /a /a',
        'FROM alpine:3.20 AS later',
      ]),
    ).toEqual([2]);
    // The model refuses out-of-range indexes in files with stages; hadolint's cases have a file without FROM.
    expect(linesOf(copyFromUnknownStage, ['COPY --from=0 bar .'])).toEqual([1]);
    expect(
      linesOf(copyFromUnknownStage, ['FROM alpine:3.20', 'RUN --mount=type=bind,from=tools,target=/t ls /t']),
    ).toEqual([2]);
  });

  it('passes stage names (any case), earlier indexes, images and ARG-substituted names', () => {
    expect(
      linesOf(copyFromUnknownStage, [
        'ARG SRC=build',
        'FROM alpine:3.20 AS Build',
        'FROM alpine:3.20',
        'COPY --from=build /a /a',
        'COPY --from=0 /a /a',
        'COPY --from=busybox:1.36 /bin/busybox /bin/busybox',
        'COPY --from=tonistiigi/xx / /',
        'ARG SRC',
        'COPY --from=${SRC} /a /a',
      ]),
    ).toEqual([]);
  });
});

describe('copy-from-index', () => {
  it('flags an index and suggests the stage name (or naming the stage)', () => {
    const named = hitsOf(copyFromIndex, [
      'FROM alpine:3.20 AS build',
      'FROM alpine:3.20',
      'COPY --from=0 /a /a',
    ]);
    expect(named.map((h) => h.line)).toEqual([3]);
    expect(named[0]?.message).toContain('`--from=build`');
    const unnamed = hitsOf(copyFromIndex, ['FROM alpine:3.20', 'FROM alpine:3.20', 'COPY --from=0 /a /a']);
    expect(unnamed[0]?.message).toContain('FROM alpine:3.20 AS <name>');
  });

  it('passes names, and leaves out-of-range indexes to copy-from-unknown-stage', () => {
    expect(
      linesOf(copyFromIndex, ['FROM alpine:3.20 AS build', 'FROM alpine:3.20', 'COPY --from=build /a /a']),
    ).toEqual([]);
    expect(linesOf(copyFromIndex, ['COPY --from=0 bar .'])).toEqual([]);
  });
});
