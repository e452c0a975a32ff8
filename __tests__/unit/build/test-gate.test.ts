import { describe, expect, it } from '@jest/globals';
import { editDistance, fromRefHints } from '../../../src/build/hints.js';
import { locateStep, ownCommand, stageOfStep } from '../../../src/build/test-gate.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';

const TEXT = [
  'FROM busybox AS build', // 1
  'CMD ["./server"]',
  'FROM build AS test', // 3
  'RUN apk add \\',
  '      curl   jq',
  'RUN make test',
  'FROM build AS e2e', // 7
  'ENTRYPOINT ["./e2e"]',
  'CMD ["--fast"]',
  'FROM busybox', // 10
  'RUN make test',
  '',
].join('\n');
const model = parseDockerfile(TEXT, 'Dockerfile');

describe('ownCommand', () => {
  it('only counts CMD/ENTRYPOINT the stage sets itself, not what it inherits', () => {
    expect(ownCommand(TEXT, model.graph, 1)).toBeUndefined();
    expect(ownCommand(TEXT, model.graph, 0)).toEqual({ command: 'CMD ["./server"]', line: 2 });
  });

  it('shows ENTRYPOINT and CMD together, at the ENTRYPOINT line', () => {
    expect(ownCommand(TEXT, model.graph, 2)).toEqual({
      command: 'ENTRYPOINT ["./e2e"] CMD ["--fast"]',
      line: 8,
    });
  });
});

describe('locating a failed step', () => {
  it('maps BuildKit stage labels to stages', () => {
    expect(stageOfStep(model.graph, 'test', 9)).toBe(1);
    expect(stageOfStep(model.graph, 'TEST', 9)).toBe(1);
    expect(stageOfStep(model.graph, 'stage-3', 9)).toBe(3);
    expect(stageOfStep(model.graph, '', 3)).toBe(3);
    expect(stageOfStep(model.graph, 'nope', 3)).toBeUndefined();
  });

  it('finds the line of the failing instruction in its stage, continuation lines joined', () => {
    expect(locateStep(TEXT, model.graph, { command: 'RUN make test', stage: 'test' }, 3)).toEqual({
      stage: 1,
      line: 6,
    });
    expect(locateStep(TEXT, model.graph, { command: 'RUN make test', stage: 'stage-3' }, 3)).toEqual({
      stage: 3,
      line: 11,
    });
    expect(
      locateStep(TEXT, model.graph, { command: 'RUN apk add       curl   jq', stage: 'test' }, 3),
    ).toEqual({
      stage: 1,
      line: 4,
    });
    expect(locateStep(TEXT, model.graph, { command: 'RUN something else', stage: 'test' }, 3)).toEqual({
      stage: 1,
    });
  });
});

describe('--from typo hints', () => {
  it('editDistance', () => {
    expect(editDistance('build', 'biuld')).toBe(2);
    expect(editDistance('test', 'test')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the stage a bare --from probably meant, and leaves real images alone', () => {
    const m = parseDockerfile(
      [
        'FROM a AS builder',
        'FROM a AS assets',
        'COPY --from=biulder /x /x',
        'COPY --from=golang:1.22 /x /x',
        'COPY --from=nginx /x /x',
        'RUN --mount=from=asset,target=/a true',
        '',
      ].join('\n'),
      'Dockerfile',
    );
    expect(fromRefHints(m.graph)).toEqual([
      {
        line: 3,
        message:
          "COPY --from=biulder names no stage, so it will be pulled as an image; did you mean stage 'builder'?",
      },
      {
        line: 6,
        message:
          "RUN --mount=from=asset names no stage, so it will be pulled as an image; did you mean stage 'assets'?",
      },
    ]);
  });
});
