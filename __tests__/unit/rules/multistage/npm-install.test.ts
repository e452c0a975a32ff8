import { describe, expect, it } from '@jest/globals';
import { npmCiPreferred, npmDeprecatedProductionFlag } from '../../../../src/rules/multistage/npm-install.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('npm-deprecated-production-flag', () => {
  it('flags the seed: npm install --only=production, suggesting npm ci --omit=dev', () => {
    const hits = hitsOf(npmDeprecatedProductionFlag, [
      'FROM node:20-slim',
      'COPY package*.json ./',
      'RUN npm install --only=production',
    ]);
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('npm ci --omit=dev');
    expect(hits[0]?.message).toContain('--only=production');
  });

  it('flags --only prod, --production and the flag inside a longer script', () => {
    expect(
      linesOf(npmDeprecatedProductionFlag, [
        'FROM node:20-slim',
        'RUN npm ci --only prod',
        'RUN apk add git && npm i --production && npm cache clean --force',
      ]),
    ).toEqual([2, 3]);
  });

  it('passes --omit=dev and unrelated --production words', () => {
    expect(
      linesOf(npmDeprecatedProductionFlag, [
        'FROM node:20-slim',
        'RUN npm ci --omit=dev',
        'RUN yarn install --production',
        'RUN echo --only=production',
      ]),
    ).toEqual([]);
  });
});

describe('npm-ci-preferred', () => {
  it('flags npm install after a lockfile was copied (by name, by glob, or in a parent stage)', () => {
    expect(
      linesOf(npmCiPreferred, [
        'FROM node:20-slim',
        'COPY package.json package-lock.json ./',
        'RUN npm install',
      ]),
    ).toEqual([3]);
    expect(linesOf(npmCiPreferred, ['FROM node:20-slim', 'COPY package*.json ./', 'RUN npm i'])).toEqual([3]);
    expect(
      linesOf(npmCiPreferred, [
        'FROM node:20-slim AS deps',
        'COPY ["package.json", "package-lock.json", "./"]',
        'FROM deps',
        'RUN npm install',
      ]),
    ).toEqual([4]);
  });

  it('passes npm ci, npm install <pkg>, no lockfile, and leaves --only=production to its own rule', () => {
    expect(
      linesOf(npmCiPreferred, [
        'FROM node:20-slim',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'RUN npm install -g npm@10.8.1',
        'RUN npm install --only=production',
      ]),
    ).toEqual([]);
    expect(linesOf(npmCiPreferred, ['FROM node:20-slim', 'COPY package.json ./', 'RUN npm install'])).toEqual(
      [],
    );
  });
});
