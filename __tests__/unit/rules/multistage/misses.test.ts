/** The rules for issue 14's misses: each with realistic bad and good snippets. */
import { describe, expect, it } from '@jest/globals';
import { apkNoCache } from '../../../../src/rules/hadolint/apk.js';
import { aptCleanLists } from '../../../../src/rules/hadolint/apt.js';
import { addUrlChecksum } from '../../../../src/rules/multistage/add-url-checksum.js';
import { cacheNotCleaned } from '../../../../src/rules/multistage/cache-not-cleaned.js';
import { finalStageCompilers } from '../../../../src/rules/multistage/final-stage-compilers.js';
import { floatingImageTag } from '../../../../src/rules/multistage/floating-image-tag.js';
import { npmWithoutPackageJson } from '../../../../src/rules/multistage/npm-without-package-json.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('add-url-checksum', () => {
  it('flags ADD of an http(s) file without --checksum, the PID 1 included', () => {
    const hits = hitsOf(addUrlChecksum, [
      'FROM alpine:3.20',
      'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini',
      'ADD --chmod=644 https://repo1.maven.org/maven2/io/opentelemetry/javaagent/opentelemetry-javaagent.jar /app/',
      'RUN chmod +x /tini',
      'ENTRYPOINT ["/tini", "--"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([2, 3]);
    expect(hits[0]?.message).toContain('--checksum=sha256:');
  });

  it('passes --checksum, a later sha256sum check of the file, git sources and local files', () => {
    expect(
      linesOf(addUrlChecksum, [
        'FROM alpine:3.20',
        'ADD --checksum=sha256:c5b0b3ea0a2a7e6c4b4b0c5b4b0c5b4b0c5b4b0c5b4b0c5b4b0c5b4b0c5b4b0c https://example.com/tini /tini',
        'ADD https://example.com/tool-1.2.tgz /tmp/',
        'RUN echo "$TOOL_SHA256  /tmp/tool-1.2.tgz" | sha256sum -c - && tar -xzf /tmp/tool-1.2.tgz',
        'ADD https://github.com/opencontainers/runc.git#v1.1.12 /src',
        'ADD https://github.com/moby/moby.git?ref=v27.0.0&keep-git-dir=1 /src2',
        'ADD app.tar.gz /app',
      ]),
    ).toEqual([]);
  });
});

describe('floating-image-tag', () => {
  it('flags tags with no version at warning in the shipped image and in the stages that build it', () => {
    const hits = hitsOf(floatingImageTag, [
      'FROM node:lts-alpine AS build',
      'RUN npm ci',
      'FROM php:fpm-alpine',
      'COPY --from=build /app /app',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([
      [1, 'warning'],
      [3, 'warning'],
    ]);
    expect(hits[0]?.message).toContain('of the image that builds what you ship');
    // awesome-compose's react frontends: node:lts builds the static files nginx ships.
    const react = hitsOf(floatingImageTag, [
      'FROM node:lts AS development',
      'WORKDIR /code',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . /code',
      'FROM development AS builder',
      'RUN npm run build',
      'FROM nginx:1.27-alpine',
      'COPY --from=builder /code/build /usr/share/nginx/html',
    ]);
    expect(react.map((h) => [h.line, h.severity])).toEqual([[1, 'warning']]);
    expect(linesOf(floatingImageTag, ['FROM python:slim', 'CMD ["python"]'])).toEqual([1]);
    expect(linesOf(floatingImageTag, ['FROM node:alpine', 'CMD ["node"]'])).toEqual([1]);
    // A distribution codename versions debian, not rust.
    expect(linesOf(floatingImageTag, ['FROM rust:slim-bookworm', 'CMD ["x"]'])).toEqual([1]);
  });

  it('warns for a stage stagegate builds on purpose (a second target such as dind), info for one no build uses', () => {
    const text = [
      'FROM golang:1.23 AS build',
      'RUN go build -o /out/app .',
      'FROM docker:dind AS dind',
      'COPY --from=build /out/app /usr/local/bin/',
      'FROM alpine:3.20',
      'COPY --from=build /out/app /app',
    ];
    expect(hitsOf(floatingImageTag, text).map((h) => [h.line, h.severity])).toEqual([[3, 'info']]);
    expect(
      hitsOf(floatingImageTag, text, { builtStages: ['dind'] }).map((h) => [h.line, h.severity]),
    ).toEqual([[3, 'warning']]);
  });

  it('keeps info for a build stage that runs only shell built-ins: its image version changes nothing', () => {
    const hits = hitsOf(floatingImageTag, [
      'FROM --platform=$BUILDPLATFORM golang:alpine AS build',
      'ARG TARGETPLATFORM',
      'RUN echo "I am building for $TARGETPLATFORM" > /log',
      'FROM alpine:3.20',
      'COPY --from=build /log /log',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([[1, 'info']]);
    // A stage with no RUN is there for its files, and the shipped image's files ship: warnings.
    expect(
      hitsOf(floatingImageTag, [
        'FROM node:lts-alpine AS node',
        'FROM alpine:edge',
        'RUN echo ok > /status',
        'COPY --from=node /usr/local/bin/node /usr/local/bin/',
      ]).map((h) => [h.line, h.severity]),
    ).toEqual([
      [1, 'warning'],
      [2, 'warning'],
    ]);
  });

  it('suggests a tag the image publishes: the version in place of a channel, else before the variant', () => {
    const advice = (image: string): string | undefined =>
      /pin at least the major version \(`([^`]+)`\)/.exec(
        hitsOf(floatingImageTag, [`FROM ${image}`, 'CMD ["x"]'])[0]?.message ?? '',
      )?.[1];
    expect(advice('node:lts-buster-slim')).toBe('node:<major>-buster-slim');
    expect(advice('node:lts')).toBe('node:<major>');
    expect(advice('alpine:edge')).toBe('alpine:<major>');
    expect(advice('nginx:alpine')).toBe('nginx:<major>-alpine');
    expect(advice('php:fpm-alpine')).toBe('php:<major>-fpm-alpine');
  });

  it('passes versions, codenames of the distribution itself, latest/no tag (DL3006/DL3007), digests, variables', () => {
    expect(
      linesOf(floatingImageTag, [
        'ARG NODE_VERSION=22',
        'FROM node:20-alpine AS a',
        'FROM python:3.12-slim AS b',
        'FROM php:8.3-fpm-alpine AS c',
        'FROM debian:bookworm-slim AS d',
        'FROM ubuntu:jammy AS e',
        'FROM node:iron-alpine AS f',
        'FROM alpine:latest AS g',
        'FROM alpine AS h',
        'FROM node:alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS i',
        'FROM node:${NODE_VERSION}-alpine AS j',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS k',
        'FROM gcr.io/distroless/static:nonroot AS l',
        'FROM j',
      ]),
    ).toEqual([]);
  });
});

describe('final-stage-compilers', () => {
  it('warns about compilers and -dev packages in the shipped stage when a build stage exists', () => {
    const hits = hitsOf(finalStageCompilers, [
      'FROM alpine:3.20 AS builder',
      'COPY . /src',
      'RUN apk add --no-cache build-base && make -C /src',
      'FROM alpine:3.20 AS release',
      'RUN apk add --no-cache protobuf grpc-dev protobuf-dev',
      'COPY --from=builder /out/app /app',
      'ENTRYPOINT ["/app"]',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([[5, 'warning']]);
    expect(hits[0]?.message).toContain('`grpc-dev`, `protobuf-dev`');
  });

  it('copying out of a stock image or a tool installed from the internet is not building elsewhere: info', () => {
    const hits = hitsOf(finalStageCompilers, [
      'FROM redis:7.4 AS redis',
      'RUN ln -s /usr/lib/x86_64-linux-gnu /usr/lib/linux-gnu',
      'FROM golang:1.23 AS tools',
      'RUN go install github.com/mattn/goreman@latest',
      'FROM ubuntu:24.04',
      'RUN apt-get update && apt-get install -y gcc g++',
      'COPY --from=redis /usr/local/bin/redis-server /usr/local/bin/',
      'COPY --from=tools /go/bin/goreman /usr/local/bin/',
      'ENTRYPOINT ["/entrypoint.sh"]',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([[6, 'info']]);
  });

  it('warns in a single-stage service image (EXPOSE): the compilers only built its dependencies', () => {
    const hits = hitsOf(finalStageCompilers, [
      'FROM python:3.14-slim',
      'WORKDIR /app',
      'RUN apt-get update && apt-get install -y --no-install-recommends \\',
      '    build-essential \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY src src',
      'EXPOSE 8080',
      'CMD ["python", "run.py"]',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([[3, 'warning']]);
    // The same image without a port is a test or tooling image as far as the file shows: info.
    const tool = hitsOf(finalStageCompilers, [
      'FROM debian:12-slim',
      'RUN apt-get update && apt-get install -y gcc libc6-dev --no-install-recommends',
      'COPY . /usr/src/',
      'WORKDIR /usr/src/',
      'RUN gcc -g -Wall -static nnp-test.c -o /usr/bin/nnp-test',
      'ENTRYPOINT ["/usr/bin/nnp-test"]',
    ]);
    expect(tool.map((h) => [h.line, h.severity])).toEqual([[2, 'info']]);
  });

  it('reports at info in a file with no build stage (a compiler may be the image purpose)', () => {
    const hits = hitsOf(finalStageCompilers, [
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev=15.6-0+deb12u1',
      'CMD ["python", "app.py"]',
    ]);
    expect(hits.map((h) => [h.line, h.severity])).toEqual([[2, 'info']]);
    expect(hits[0]?.message).toContain('`build-essential`, `libpq-dev`');
  });

  it('passes builder stages, the build-then-purge pattern, toolchain bases and runtime packages', () => {
    expect(
      linesOf(finalStageCompilers, [
        'FROM debian:12-slim AS build',
        'RUN apt-get update && apt-get install -y gcc libc6-dev && make',
        'FROM python:3.12-slim',
        'RUN apt-get update && apt-get install -y gcc libffi-dev && pip install cffi && apt-get purge -y --auto-remove gcc libffi-dev',
        'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps',
        'RUN apt-get install -y libpq5 ca-certificates',
        'COPY --from=build /out /out',
        'CMD ["python"]',
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageCompilers, [
        'FROM golang:1.23',
        'RUN apt-get install -y gcc libc6-dev',
        'CMD ["go"]',
      ]),
    ).toEqual([]);
  });
});

describe('npm-without-package-json', () => {
  it('flags npm start/install in the shipped stage when nothing brings a package.json', () => {
    expect(
      linesOf(npmWithoutPackageJson, [
        'FROM node:20-alpine AS build',
        'WORKDIR /app',
        'COPY . .',
        'RUN npm ci && npm run build',
        'FROM node:20-alpine',
        'WORKDIR /app',
        'COPY --from=build /app/dist/server.js ./server.js',
        'CMD ["npm", "start"]',
      ]),
    ).toEqual([8]);
    expect(
      linesOf(npmWithoutPackageJson, [
        'FROM node:20-slim',
        'WORKDIR /app',
        'RUN npm install',
        'COPY index.js .',
      ]),
    ).toEqual([3]);
  });

  it('passes when a package.json, a directory or the whole context comes in, and npm install -g', () => {
    const ok = (lines: string[]) => expect(linesOf(npmWithoutPackageJson, lines)).toEqual([]);
    ok([
      'FROM node:20-alpine',
      'WORKDIR /app',
      'COPY package*.json ./',
      'RUN npm ci',
      'CMD ["npm", "start"]',
    ]);
    ok(['FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', 'RUN npm ci']);
    ok([
      'FROM node:20-alpine AS build',
      'RUN true',
      'FROM node:20-alpine',
      'COPY --from=build /app /app',
      'CMD npm start',
    ]);
    ok([
      'FROM node:20-alpine',
      'RUN npm install -g pm2',
      'COPY server.js .',
      'CMD ["pm2-runtime", "server.js"]',
    ]);
    // A CMD runs after every COPY of the stage.
    ok(['FROM node:20-alpine', 'CMD ["npm", "start"]', 'COPY package.json .']);
    // A custom base image may hold the project.
    ok(['FROM ghcr.io/acme/app-base:1', 'CMD ["npm", "start"]']);
  });
});

describe('package indexes left in a shipped layer (apt-clean-lists, apk-no-cache, cache-not-cleaned)', () => {
  const at = (hits: { line: number; severity?: string }[]) => hits.map((h) => [h.line, h.severity ?? 'rule']);

  it('warns about apt lists in the final stage of an image that runs something of its own', () => {
    const debug = [
      'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
      'WORKDIR /app',
      'COPY . .',
      'RUN dotnet publish -c Debug -o /out',
      'FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final',
      'RUN apt-get update \\',
      '    && apt-get install -y unzip procps wget',
      'COPY --from=build /out .',
      'ENTRYPOINT ["dotnet", "cartservice.dll"]',
    ];
    const hits = hitsOf(aptCleanLists, debug);
    expect(at(hits)).toEqual([[6, 'warning']]);
    expect(hits[0]?.message).toContain('/var/lib/apt/lists');
    // In a stage the shipped one is built FROM, too.
    expect(
      at(
        hitsOf(aptCleanLists, [
          'FROM ubuntu:24.04 AS base',
          'RUN apt-get update -qq && apt-get install -qq -y --no-install-recommends ca-certificates curl',
          'ENTRYPOINT ["/docker-entrypoint.sh"]',
          'FROM base AS demo',
        ]),
      ),
    ).toEqual([[2, 'warning']]);
  });

  it("keeps hadolint's info for images without a command of their own, dev targets, and ONBUILD", () => {
    const lists = 'RUN apt-get update && apt-get install -y gcc libc6-dev --no-install-recommends';
    // A test image run with a command from outside.
    expect(at(hitsOf(aptCleanLists, ['FROM debian:12-slim', lists, 'COPY . /usr/src/']))).toEqual([
      [2, 'rule'],
    ]);
    // A development target, by its stage name.
    expect(at(hitsOf(aptCleanLists, ['FROM node:22 AS dev-envs', lists, 'CMD ["npm", "start"]']))).toEqual([
      [2, 'rule'],
    ]);
    expect(at(hitsOf(aptCleanLists, ['FROM debian:12-slim', `ONBUILD ${lists}`, 'CMD ["sh"]']))).toEqual([
      [2, 'rule'],
    ]);
  });

  it('passes apt-get dist-clean (apt 2.7+), which removes the lists', () => {
    expect(
      linesOf(aptCleanLists, [
        'FROM debian:trixie-slim',
        'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates; apt-get dist-clean',
        'CMD ["python3"]',
      ]),
    ).toEqual([]);
  });

  it('warns when apk update or --update leaves the index in a runnable shipped image', () => {
    // apk add without --no-cache after an update: DL3019's finding, at warning.
    const currency = [
      'FROM alpine:3.24 AS base',
      'RUN apk update && \\',
      '    apk add grpc-dev protobuf-dev',
      'FROM base AS builder',
      'RUN apk add git cmake make g++',
      'FROM base AS release',
      'COPY --from=builder /usr/local /usr/local',
      'ENTRYPOINT ["/usr/local/bin/currency"]',
    ];
    expect(at(hitsOf(apkNoCache, currency))).toEqual([
      [2, 'warning'],
      [5, 'rule'],
    ]);
    expect(
      at(
        hitsOf(apkNoCache, [
          'FROM alpine:3.24',
          'RUN apk --update add ca-certificates',
          'ENTRYPOINT ["ocb"]',
        ]),
      ),
    ).toEqual([[2, 'warning']]);
    // apk update then add --no-cache: the index apk update wrote stays; cache-not-cleaned's finding.
    const cfssl = [
      'FROM alpine:3.23.3',
      'RUN apk update \\',
      '    && apk upgrade && apk add --no-cache bash cfssl',
      'EXPOSE 8888',
      'CMD ["cfssl"]',
    ];
    expect(at(hitsOf(cacheNotCleaned, cfssl))).toEqual([[2, 'warning']]);
    expect(hitsOf(apkNoCache, cfssl)).toEqual([]);
  });

  it('keeps info for apk add with no update, a codegen image with no command, and a builder stage', () => {
    expect(at(hitsOf(apkNoCache, ['FROM nginx:1.27-alpine', 'RUN apk add bash', 'CMD ["nginx"]']))).toEqual([
      [2, 'rule'],
    ]);
    const genproto = ['FROM node:22-alpine', 'RUN apk update && apk add --no-cache protobuf-dev protoc'];
    expect(at(hitsOf(cacheNotCleaned, genproto))).toEqual([[2, 'rule']]);
    expect(
      at(
        hitsOf(apkNoCache, [
          'FROM alpine:3.24 AS certs',
          'RUN apk --update add ca-certificates',
          'FROM scratch',
          'COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
          'ENTRYPOINT ["/otelcol"]',
        ]),
      ),
    ).toEqual([[2, 'rule']]);
  });
});
