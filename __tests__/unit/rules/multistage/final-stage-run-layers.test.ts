import { describe, expect, it } from '@jest/globals';
import {
  finalStageManyRuns,
  RUN_THRESHOLD,
} from '../../../../src/rules/multistage/final-stage-run-layers.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const runs = (n: number) => Array.from({ length: n }, (_, i) => `RUN echo ${i}`);

describe('final-stage-many-runs', () => {
  it(`flags ${RUN_THRESHOLD} consecutive RUNs in the final stage, comments between them included`, () => {
    const hits = hitsOf(finalStageManyRuns, [
      'FROM alpine:3.20',
      'RUN echo a',
      '# why',
      ...runs(RUN_THRESHOLD - 1),
      'CMD ["sh"]',
    ]);
    expect(hits).toEqual([expect.objectContaining({ line: 2, endLine: 2 + RUN_THRESHOLD })]);
  });

  it('passes fewer RUNs, RUNs broken up by other instructions, and build stages', () => {
    expect(linesOf(finalStageManyRuns, ['FROM alpine:3.20', ...runs(RUN_THRESHOLD - 1)])).toEqual([]);
    expect(linesOf(finalStageManyRuns, ['FROM alpine:3.20', ...runs(2), 'WORKDIR /app', ...runs(2)])).toEqual(
      [],
    );
    expect(
      linesOf(finalStageManyRuns, ['FROM alpine:3.20 AS build', ...runs(6), 'FROM alpine:3.20', 'RUN echo']),
    ).toEqual([]);
  });
});
