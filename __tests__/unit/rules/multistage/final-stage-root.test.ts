import { describe, expect, it } from '@jest/globals';
import { finalStageRoot } from '../../../../src/rules/multistage/final-stage-root.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const build = ['FROM golang:1.22 AS build', 'RUN go build -o /out/app .'];

describe('final-stage-root', () => {
  it('flags a final stage with no USER anywhere in its chain', () => {
    const hits = hitsOf(finalStageRoot, [
      ...build,
      'FROM alpine:3.20',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('no USER');
  });

  it('passes a final stage that switches to a non-root user, also when inherited from its parent stage', () => {
    expect(
      linesOf(finalStageRoot, [...build, 'FROM alpine:3.20', 'USER 10001', 'ENTRYPOINT ["/app"]']),
    ).toEqual([]);
    expect(
      linesOf(finalStageRoot, ['FROM node:20-slim AS base', 'USER node', 'FROM base', 'CMD ["node"]']),
    ).toEqual([]);
  });

  it('flags USER root inherited from a parent stage, and leaves USER root in the final stage to DL3002', () => {
    const inherited = hitsOf(finalStageRoot, [
      'FROM alpine:3.20 AS base',
      'USER app',
      'USER root',
      'FROM base',
      'CMD ["sh"]',
    ]);
    expect(inherited.map((h) => h.line)).toEqual([4]);
    expect(inherited[0]?.message).toContain('inherits `USER root` from line 3');
    expect(linesOf(finalStageRoot, ['FROM alpine:3.20', 'USER root', 'CMD ["sh"]'])).toEqual([]);
  });

  it('skips scratch export stages, non-root bases, Windows images and dev targets', () => {
    expect(
      linesOf(finalStageRoot, [...build, 'FROM scratch AS export', 'COPY --from=build /out/app /']),
    ).toEqual([]);
    expect(
      linesOf(finalStageRoot, [
        ...build,
        'FROM scratch',
        'COPY --from=build /out/app /',
        'ENTRYPOINT ["/app"]',
      ]),
    ).toEqual([3]);
    expect(
      linesOf(finalStageRoot, [
        'FROM gcr.io/distroless/static-debian12:nonroot@sha256:abc',
        'ENTRYPOINT ["/app"]',
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageRoot, ['FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'CMD ["cmd"]']),
    ).toEqual([]);
    expect(linesOf(finalStageRoot, ['FROM alpine:3.20 AS dev', 'CMD ["sh"]'])).toEqual([]);
  });
});

describe('final-stage-root: USER from an ARG or ENV', () => {
  it('flags USER $VAR whose default is root or 0, at the USER line', () => {
    const hits = hitsOf(finalStageRoot, [
      'FROM debian:12-slim',
      'ARG APP_USER=root',
      'USER ${APP_USER}',
      'CMD ["bash"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('is `root`');
    expect(
      linesOf(finalStageRoot, [
        'FROM debian:12-slim',
        'ARG UID=0',
        'ARG GID=0',
        'USER $UID:$GID',
        'CMD ["bash"]',
      ]),
    ).toEqual([4]);
    // Inherited through FROM <stage>, and from ENV too.
    expect(
      linesOf(finalStageRoot, [
        'FROM debian:12-slim AS base',
        'ENV RUN_AS=0',
        'USER ${RUN_AS}',
        'FROM base',
        'CMD ["bash"]',
      ]),
    ).toEqual([3]);
  });

  it('passes USER $VAR with a non-root default', () => {
    expect(
      linesOf(finalStageRoot, [
        'FROM debian:12-slim',
        'ARG APP_USER=app',
        'USER ${APP_USER}',
        'CMD ["bash"]',
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageRoot, ['FROM debian:12-slim', 'ARG UID=10001', 'USER $UID', 'CMD ["bash"]']),
    ).toEqual([]);
  });
});
