import { describe, expect, it } from '@jest/globals';
import { installAfterCopyAll } from '../../../../src/rules/multistage/install-after-copy-all.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

describe('install-after-copy-all', () => {
  it('flags installs that follow COPY . . in the same stage, naming the manifest to copy first', () => {
    const hits = hitsOf(installAfterCopyAll, [
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY . .',
      'RUN npm ci',
      'CMD ["node", "."]',
    ]);
    expect(hits.map((h) => h.line)).toEqual([4]);
    expect(hits[0]?.message).toContain('line 3');
    expect(hits[0]?.message).toContain('package.json');
  });

  it('knows pip -r, go mod download, bundle install and python -m pip', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM python:3.12-slim',
        'ADD . /app',
        'RUN python -m pip install -r /app/requirements.txt',
        'FROM golang:1.22',
        'COPY ./ /src',
        'RUN go mod download',
        'FROM ruby:3.3-slim',
        'COPY . .',
        'RUN bundle install',
      ]),
    ).toEqual([3, 6, 9]);
  });

  it('flags an install in a child stage of the stage that copied everything', () => {
    expect(
      linesOf(installAfterCopyAll, ['FROM node:20-slim AS src', 'COPY . .', 'FROM src', 'RUN yarn install']),
    ).toEqual([4]);
  });

  it('passes the manifest-first pattern, and later installs of an ecosystem already installed', () => {
    expect(
      linesOf(installAfterCopyAll, [
        'FROM python:3.12-slim',
        'COPY requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        'RUN pip install --no-cache-dir -r requirements-extra.txt',
        'RUN npm --version',
      ]),
    ).toEqual([]);
    expect(
      linesOf(installAfterCopyAll, [
        'FROM golang:1.22',
        'COPY go.mod go.sum ./',
        'RUN go mod download',
        'COPY . .',
        'RUN go build .',
      ]),
    ).toEqual([]);
  });
});
