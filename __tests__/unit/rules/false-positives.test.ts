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
