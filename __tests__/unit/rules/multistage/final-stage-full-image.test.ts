import { describe, expect, it } from '@jest/globals';
import {
  finalStageFullImage,
  slimmerImage,
} from '../../../../src/rules/multistage/final-stage-full-image.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const build = ['FROM node:14 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build'];

describe('final-stage-full-image', () => {
  it('flags the seed: a "minimal" final stage on full node:14, naming the slim variants', () => {
    const hits = hitsOf(finalStageFullImage, [
      ...build,
      'FROM node:14 AS minimal',
      'COPY --from=build /app/dist /app',
      'CMD ["node", "/app/index.js"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([5]);
    expect(hits[0]?.message).toContain('`minimal`');
    expect(hits[0]?.message).toContain('node:14-slim or node:14-alpine');
  });

  it('flags a multi-stage target on a full image even when it only installs (no CMD, no COPY)', () => {
    expect(
      linesOf(finalStageFullImage, [
        ...build,
        'FROM node:14 AS minimal',
        'RUN npm install --only=production',
      ]),
    ).toEqual([5]);
  });

  it('passes the slim and alpine variants', () => {
    for (const base of [
      'node:14-slim',
      'node:14-alpine',
      'node:20-bookworm-slim',
      'gcr.io/distroless/nodejs20-debian12',
    ]) {
      expect(
        linesOf(finalStageFullImage, [
          ...build,
          `FROM ${base}`,
          'COPY --from=build /app/dist /app',
          'CMD ["x"]',
        ]),
      ).toEqual([]);
    }
  });

  it('resolves the base through FROM <stage> chains and ARG defaults', () => {
    const hits = hitsOf(finalStageFullImage, [
      'ARG PY=3.12-bookworm',
      'FROM python:${PY} AS base',
      'FROM base AS runtime',
      'COPY app.py .',
      'CMD ["python", "app.py"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('python:3.12-bookworm');
    expect(hits[0]?.message).toContain('python:3.12-slim-bookworm');
    expect(hits[0]?.message).toContain('through stage `base`');
  });

  it('flags toolchain images only when the final stage assembles output from another stage', () => {
    const goBuild = ['FROM golang:1.22-alpine AS build', 'RUN go build -o /out/app .'];
    const shipped = [
      ...goBuild,
      'FROM golang:1.22-alpine',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
    ];
    expect(hitsOf(finalStageFullImage, shipped)[0]?.message).toContain('distroless/static');
    expect(
      linesOf(finalStageFullImage, [
        'FROM golang:1.22',
        'COPY . .',
        'RUN go build -o /app .',
        'CMD ["/app"]',
      ]),
    ).toEqual([]);
  });

  it('stays quiet on development targets and tool-only stages', () => {
    expect(
      linesOf(finalStageFullImage, ['FROM node:20 AS dev', 'COPY . .', 'CMD ["npm", "run", "dev"]']),
    ).toEqual([]);
    expect(linesOf(finalStageFullImage, ['FROM node:20', 'RUN npx eslint --version'])).toEqual([]);
  });

  it('names the smaller image per family', () => {
    expect(slimmerImage('eclipse-temurin:17-jdk-alpine')).toBe('eclipse-temurin:17-jre-alpine');
    expect(slimmerImage('eclipse-temurin:21')).toBe('eclipse-temurin:21-jre');
    expect(slimmerImage('eclipse-temurin:21-jre')).toBeUndefined();
    expect(slimmerImage('openjdk:11')).toContain('eclipse-temurin:11-jre');
    expect(slimmerImage('maven:3.9-eclipse-temurin-17')).toContain('eclipse-temurin:17-jre');
    expect(slimmerImage('mcr.microsoft.com/dotnet/sdk:8.0.100-bookworm-slim')).toContain(
      'mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim',
    );
    expect(slimmerImage('docker.io/library/ruby:3.3@sha256:abc')).toBe('ruby:3.3-slim or ruby:3.3-alpine');
    expect(slimmerImage('php:8.3-fpm')).toBe('php:8.3-fpm-alpine');
    expect(slimmerImage('php:8.3-apache')).toBeUndefined();
    expect(slimmerImage('node')).toBe('node:slim or node:alpine');
    expect(slimmerImage('node:${VERSION}')).toBeUndefined();
    expect(slimmerImage('alpine:3.20')).toBeUndefined();
    expect(slimmerImage('buildpack-deps:bookworm')).toBeUndefined();
  });
});
