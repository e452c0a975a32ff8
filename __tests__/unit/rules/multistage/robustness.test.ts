/** Parser directives, CRLF, line continuations and heredocs reach the multi-stage rules intact. */
import { describe, expect, it } from '@jest/globals';
import { multistageRules } from '../../../../src/rules/multistage/index.js';
import { contextFor } from '../../../helpers/rule-context.js';

function findings(text: string): string[] {
  const ctx = contextFor(text, { dockerignore: ['.git', 'node_modules'] });
  return multistageRules.flatMap((rule) => rule.check(ctx).map((hit) => `${rule.id}:${hit.line}`));
}

describe('multi-stage rules on awkward input', () => {
  const dockerfile = [
    '# escape=`',
    'FROM node:20-slim AS build',
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm install `',
    '    --only=production',
    'FROM node:20-slim',
    'COPY - from=build /app /app',
    'RUN <<EOF',
    'npm ci',
    'EOF',
    'USER node',
  ];

  it('reads the escape directive and heredocs (LF)', () => {
    // `COPY - from=build` is no --from at all, so `build` is also unused.
    expect(findings(`${dockerfile.join('\n')}\n`)).toEqual([
      'npm-deprecated-production-flag:5',
      'cache-not-cleaned:9',
      'unreachable-stage:2',
      'malformed-flag:8',
    ]);
  });

  it('gives the same findings with CRLF line endings', () => {
    expect(findings(`${dockerfile.join('\r\n')}\r\n`)).toEqual(findings(`${dockerfile.join('\n')}\n`));
  });

  it('says nothing about a file with only global ARGs or only comments around one stage', () => {
    expect(findings('ARG A=1\n')).toEqual([]);
    expect(findings('# a\n\nFROM alpine:3.20\n# b\nUSER 1000\n')).toEqual([]);
  });
});
