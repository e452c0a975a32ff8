import { describe, expect, it } from '@jest/globals';
import {
  finalStageBuildTree,
  finalStageDevDependencies,
} from '../../../../src/rules/multistage/final-stage-build-tree.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const nodeBuild = [
  'FROM node:20 AS build',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci',
  'COPY . .',
  'RUN npm run build',
];

describe('final-stage-build-tree', () => {
  it('flags copying the build stage working tree (or a folder above it) into the final stage', () => {
    const hits = hitsOf(finalStageBuildTree, [
      ...nodeBuild,
      'FROM node:20-slim',
      'COPY --from=build /app /app',
      'CMD ["node", "/app/dist"]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([8]);
    expect(hits[0]?.message).toContain('whole working tree of stage `build`');
    expect(
      linesOf(finalStageBuildTree, [
        'FROM golang:1.22 AS build',
        'WORKDIR /go/src/app',
        'COPY . .',
        'RUN go build -o app .',
        'FROM alpine:3.20',
        'COPY --from=build /go/src /src',
      ]),
    ).toEqual([6]);
  });

  it("starts from the base image's WORKDIR (golang images work in /go)", () => {
    const build = ['FROM golang:1.22 AS build', 'COPY . .', 'RUN go build -o /out/app .', 'FROM alpine:3.20'];
    expect(linesOf(finalStageBuildTree, [...build, 'COPY --from=build /go /go'])).toEqual([5]);
    expect(linesOf(finalStageBuildTree, [...build, 'COPY --from=build /out/app /app'])).toEqual([]);
  });

  it('passes copying the build output, and a tree from a stage that built nothing', () => {
    expect(
      linesOf(finalStageBuildTree, [
        ...nodeBuild,
        'FROM node:20-slim',
        'COPY --from=build /app/dist /app/dist',
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageBuildTree, [
        'FROM python:3.12-slim AS deps',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install --no-cache-dir --target /app/vendor -r requirements.txt',
        'FROM python:3.12-slim',
        'COPY --from=deps /app /app',
      ]),
    ).toEqual([]);
  });

  it('leaves COPY --from=x / / to DL3067', () => {
    expect(
      linesOf(finalStageBuildTree, [
        'FROM golang:1.22 AS build',
        'COPY . /',
        'RUN go build .',
        'FROM scratch',
        'COPY --from=build / /',
      ]),
    ).toEqual([]);
  });
});

describe('final-stage-dev-dependencies', () => {
  it('flags node_modules copied from a stage that installed devDependencies', () => {
    const hits = hitsOf(finalStageDevDependencies, [
      ...nodeBuild,
      'FROM node:20-slim',
      'COPY --from=build /app/node_modules /app/node_modules',
    ]);
    expect(hits.map((h) => h.line)).toEqual([8]);
    expect(hits[0]?.message).toContain('npm prune --omit=dev');
  });

  it('passes production installs, pruned trees and NODE_ENV=production', () => {
    const copy = ['FROM node:20-slim', 'COPY --from=deps /app/node_modules /app/node_modules'];
    expect(
      linesOf(finalStageDevDependencies, [
        'FROM node:20 AS deps',
        'WORKDIR /app',
        'RUN npm ci --omit=dev',
        ...copy,
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageDevDependencies, [
        'FROM node:20 AS deps',
        'WORKDIR /app',
        'RUN npm ci',
        'RUN npm prune --omit=dev',
        ...copy,
      ]),
    ).toEqual([]);
    expect(
      linesOf(finalStageDevDependencies, [
        'FROM node:20 AS deps',
        'ENV NODE_ENV=production',
        'WORKDIR /app',
        'RUN npm ci',
        ...copy,
      ]),
    ).toEqual([]);
  });
});
