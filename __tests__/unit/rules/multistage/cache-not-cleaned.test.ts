import { describe, expect, it } from '@jest/globals';
import { cacheNotCleaned } from '../../../../src/rules/multistage/cache-not-cleaned.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('cache-not-cleaned', () => {
  it('flags npm, go and uv caches left in the final stage', () => {
    const hits = hitsOf(cacheNotCleaned, [
      'FROM node:20-slim',
      'RUN npm ci --omit=dev',
      'RUN go install example.com/tool@v1.0.0',
      'RUN uv sync --frozen',
      'CMD ["node", "."]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([2, 3, 4]);
    expect(hits[0]?.message).toContain('/root/.npm');
    expect(hits[0]?.message).toContain('npm cache clean --force');
  });

  it('passes a cache cleaned in the same RUN, a cache mount, --no-cache and a cache disabled by ENV', () => {
    expect(
      linesOf(cacheNotCleaned, [
        'FROM node:20-slim',
        'ENV UV_NO_CACHE=1',
        'RUN npm ci --omit=dev && npm cache clean --force',
        'RUN --mount=type=cache,target=/root/.npm npm ci',
        'RUN go build -o /app . && go clean -cache -modcache',
        'RUN poetry install --no-cache',
        'RUN uv sync',
        'RUN composer install --no-cache',
      ]),
    ).toEqual([]);
  });

  it('does not count a cleanup in a later RUN, nor a cache mount on another directory', () => {
    expect(
      linesOf(cacheNotCleaned, [
        'FROM node:20-slim',
        'RUN --mount=type=cache,target=/var/cache/apt npm ci',
        'RUN npm cache clean --force',
      ]),
    ).toEqual([2]);
  });

  it('ignores build stages (their caches are not shipped) but follows the final stage FROM chain', () => {
    expect(
      linesOf(cacheNotCleaned, [
        'FROM node:20 AS build',
        'RUN npm ci',
        'FROM node:20-slim',
        'COPY --from=build /app /app',
      ]),
    ).toEqual([]);
    expect(
      linesOf(cacheNotCleaned, ['FROM node:20-slim AS base', 'RUN npm ci', 'FROM base', 'CMD ["node"]']),
    ).toEqual([2]);
  });
});

describe('cache-not-cleaned: the apk index', () => {
  it('flags apk update left in a shipped layer, also with apk add --no-cache after it', () => {
    expect(
      linesOf(cacheNotCleaned, [
        'FROM alpine:3.20',
        'RUN apk update && apk add --no-cache curl',
        'RUN apk update && apk upgrade',
        'CMD ["sh"]',
      ]),
    ).toEqual([2, 3]);
  });

  it('passes a cleaned or mounted index, --no-cache alone, a builder stage, and leaves apk add to DL3019', () => {
    expect(
      linesOf(cacheNotCleaned, [
        'FROM alpine:3.20 AS build',
        'RUN apk update && apk add --no-cache gcc',
        'FROM alpine:3.20',
        'RUN apk update && apk add --no-cache curl && rm -rf /var/cache/apk/*',
        'RUN --mount=type=cache,target=/var/cache/apk apk update && apk add curl',
        'RUN apk add --no-cache jq',
        // apk add without --no-cache: apk-no-cache (DL3019) reports it.
        'RUN apk update && apk add git',
        'CMD ["sh"]',
      ]),
    ).toEqual([]);
  });
});
