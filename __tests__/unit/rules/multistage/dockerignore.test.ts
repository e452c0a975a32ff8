import { describe, expect, it } from '@jest/globals';
import {
  dockerignoreIncomplete,
  dockerignoreMissing,
} from '../../../../src/rules/multistage/dockerignore.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const node = ['FROM node:20-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .'];

describe('dockerignore-missing', () => {
  it('flags the first whole-context COPY when there is no .dockerignore', () => {
    const hits = hitsOf(dockerignoreMissing, [...node, 'ADD . /more']);
    expect(hits.map((h) => h.line)).toEqual([5]);
    expect(hits[0]?.message).toContain('`node_modules`');
  });

  it('passes with a .dockerignore, or without a whole-context copy', () => {
    expect(linesOf(dockerignoreMissing, node, { dockerignore: ['.git'] })).toEqual([]);
    expect(
      linesOf(dockerignoreMissing, ['FROM alpine:3.20', 'COPY src/ /src/', 'COPY --from=busybox:1.36 . /x']),
    ).toEqual([]);
  });
});

describe('dockerignore-incomplete', () => {
  it('flags a .dockerignore that lets .git or node_modules in', () => {
    const hits = hitsOf(dockerignoreIncomplete, node, { dockerignore: ['# build output', 'dist', '*.log'] });
    expect(hits.map((h) => h.line)).toEqual([5]);
    expect(hits[0]?.message).toContain('`.git` and `node_modules`');
    expect(hitsOf(dockerignoreIncomplete, node, { dockerignore: ['.git/'] })[0]?.message).toContain(
      '`node_modules`',
    );
  });

  it('passes .git and node_modules excluded directly, by glob or by an allow-list', () => {
    expect(linesOf(dockerignoreIncomplete, node, { dockerignore: ['.git', 'node_modules'] })).toEqual([]);
    expect(linesOf(dockerignoreIncomplete, node, { dockerignore: ['**/.git', '**/node_modules/'] })).toEqual(
      [],
    );
    expect(linesOf(dockerignoreIncomplete, node, { dockerignore: ['*', '!src', '!package*.json'] })).toEqual(
      [],
    );
  });

  it('does not ask for node_modules in a build without Node.js', () => {
    expect(
      linesOf(dockerignoreIncomplete, ['FROM golang:1.22', 'COPY . .'], { dockerignore: ['.git'] }),
    ).toEqual([]);
  });
});
