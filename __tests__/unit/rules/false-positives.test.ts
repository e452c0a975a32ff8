/**
 * Classes of false positives found by judging findings on real Dockerfiles (issue 14), each pinned
 * with our own snippets: the pattern a real project uses must not be flagged, and the mistake the rule
 * is about still must.
 */
import { describe, expect, test } from '@jest/globals';
import { allRules } from '../../../src/rules/registry.js';
import type { Rule } from '../../../src/rules/types.js';
import { linesOf, type ContextOptions } from '../../helpers/rule-context.js';

function rule(id: string): Rule {
  const found = allRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const lines = (id: string, text: string[], options: ContextOptions = {}): number[] =>
  linesOf(rule(id), text, options);

describe('COPY arguments are split as the shell splits them', () => {
  test('a quoted prefix joins the rest of the destination into one argument', () => {
    const text = ['FROM alpine:3.20', 'ARG APP=/app', 'COPY a "$APP"/bin', 'COPY "a b" "$APP"/x'];
    expect(lines('copy-dest-dir-slash', text)).toEqual([]);
  });

  test('`.`, `..` and paths ending in `/.` are directories', () => {
    const text = ['FROM alpine:3.20', 'WORKDIR /app', 'COPY a b .', 'COPY a b ..', 'COPY a b /app/.'];
    expect(lines('copy-dest-dir-slash', text)).toEqual([]);
  });

  test('several sources into a file-like destination are still flagged, quoted or not', () => {
    const text = [
      'FROM alpine:3.20',
      'COPY a b /app',
      'COPY a b "$APP"/bin',
      'COPY a b "/app/"',
      'COPY a b .x',
    ];
    expect(lines('copy-dest-dir-slash', text)).toEqual([2, 3, 5]);
  });
});

describe('per-platform stages and platform variables', () => {
  const perArch = [
    'FROM --platform=linux/amd64 debian:12-slim AS base-amd64',
    'FROM --platform=linux/arm64 debian:12-slim AS base-arm64',
    'FROM base-${TARGETARCH} AS runtime',
  ];
  const PLATFORM_RULES = ['no-from-platform', 'from-platform-flag-const-disallowed'];

  test.each(PLATFORM_RULES)('%s: stages picked by FROM base-${TARGETARCH} are not flagged', (id) => {
    expect(lines(id, perArch)).toEqual([]);
  });

  test.each(PLATFORM_RULES)('%s: a stage picked by COPY --from=build-$TARGETARCH is not flagged', (id) => {
    const text = [
      'FROM --platform=linux/amd64 golang:1.23 AS Build-X64',
      'FROM alpine:3.20',
      'ARG TARGETARCH',
      'COPY --from=build-$TARGETARCH /out/app /app',
    ];
    // BuildKit's own check only skips stages named for the OS or architecture; `x64` is neither.
    expect(lines(id, text)).toEqual(id === 'no-from-platform' ? [] : [1]);
  });

  test.each(PLATFORM_RULES)('%s: platforms written with variables are never constant', (id) => {
    const text = [
      'ARG JS_PLATFORM=linux/amd64',
      'FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20 AS a',
      'FROM --platform=${BUILDPLATFORM} alpine:3.20 AS b',
      'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS c',
      'FROM --platform=${JS_PLATFORM} node:22-alpine AS d',
    ];
    expect(lines(id, text)).toEqual([]);
  });

  test.each(PLATFORM_RULES)('%s: the stage name is compared lower-cased, as BuildKit does', (id) => {
    expect(lines(id, ['FROM --platform=linux/aarch64 alpine:3.20 AS Build-ARM64'])).toEqual([]);
  });

  test.each(PLATFORM_RULES)(
    '%s: a constant platform on a stage nothing picks per platform is flagged',
    (id) => {
      const text = ['FROM --platform=linux/amd64 alpine:3.20 AS base', 'FROM base-${TARGETARCH} AS other'];
      expect(lines(id, text)).toEqual([1]);
    },
  );
});
