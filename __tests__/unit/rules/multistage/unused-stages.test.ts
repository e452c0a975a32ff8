import { describe, expect, it } from '@jest/globals';
import { testStageNotInTarget, unreachableStage } from '../../../../src/rules/multistage/unused-stages.js';
import { hitsOf, linesOf } from '../../../helpers/rule-context.js';

const dockerfile = [
  'FROM alpine:3.20 AS base', // 1
  'FROM base AS build', // 2
  'FROM base AS test', // 3
  'FROM alpine:3.20 AS lint-deps', // 4
  'FROM lint-deps AS lint', // 5
  'FROM alpine:3.20 AS runtime', // 6
  'COPY --from=build /out /out', // 7
];

describe('unreachable-stage', () => {
  it('reports each unused leaf stage once, naming the unused stages only it needs', () => {
    const hits = hitsOf(unreachableStage, dockerfile);
    expect(hits.map((h) => h.line)).toEqual([3, 5]);
    expect(hits[1]?.message).toContain('`lint-deps`');
  });

  it('counts the test stage and the stages input as used', () => {
    expect(linesOf(unreachableStage, dockerfile, { testStage: 'test', builtStages: ['lint'] })).toEqual([]);
  });

  it('passes a Dockerfile whose stages the target all needs', () => {
    expect(
      linesOf(unreachableStage, ['FROM alpine:3.20 AS build', 'FROM alpine:3.20', 'COPY --from=build /a /a']),
    ).toEqual([]);
  });
});

describe('test-stage-not-in-target', () => {
  it('notes a test stage the target does not depend on', () => {
    const hits = hitsOf(testStageNotInTarget, dockerfile, { testStage: 'test' });
    expect(hits.map((h) => h.line)).toEqual([3]);
    expect(hits[0]?.message).toContain('--target test');
  });

  it('passes when the target depends on the test stage, or the gate is off', () => {
    expect(
      linesOf(testStageNotInTarget, [...dockerfile, 'COPY --from=test /ok /ok'], { testStage: 'test' }),
    ).toEqual([]);
    expect(linesOf(testStageNotInTarget, dockerfile)).toEqual([]);
  });
});
