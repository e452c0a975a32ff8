import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseProgress } from '../../../src/build/progress.js';

const here = dirname(fileURLToPath(import.meta.url));
const log = (name: string): string[] =>
  readFileSync(join(here, '../../fixtures/build-logs', name), 'utf8').split('\n');

describe('BuildKit plain progress', () => {
  it('a first build is not cached; its steps are named with their stage', () => {
    const p = parseProgress(log('docker-20.10-fresh.log'));
    expect(p.fullyCached()).toBe(false);
    expect(p.failure()).toBeUndefined();
    const steps = p.steps().filter((v) => v.command !== undefined);
    expect(steps.map((v) => [v.stage, v.command, v.cached, v.done])).toEqual([
      ['build', 'FROM docker.io/stagegate/busybox:1', true, false],
      ['build', 'RUN echo built-$RANDOM > /b', false, true],
    ]);
  });

  it('a rebuild with every step CACHED is fully cached (FROM and internal steps do not count)', () => {
    expect(parseProgress(log('docker-20.10-cached.log')).fullyCached()).toBe(true);
  });

  it('a build with no Dockerfile step at all is not called cached', () => {
    expect(
      parseProgress(['#1 [internal] load build definition from Dockerfile', '#1 DONE 0.0s']).fullyCached(),
    ).toBe(false);
  });

  it('finds the failing step of Docker 20.10 (executor failed running ...)', () => {
    const p = parseProgress(log('docker-20.10-fail.log'));
    expect(p.fullyCached()).toBe(false);
    expect(p.failure()).toEqual({
      command: 'RUN echo "some output"; echo "FAIL: oops" >&2; exit 3',
      stage: 'test',
      exitCode: 3,
      output: ['FAIL: oops', 'some output'],
      message:
        'executor failed running [/bin/sh -c echo "some output"; echo "FAIL: oops" >&2; exit 3]: exit code: 3',
    });
  });

  it('finds the failing step of current buildx among interleaved steps', () => {
    const p = parseProgress(log('buildx-failure.log'));
    const f = p.failure();
    expect(f).toMatchObject({ command: 'RUN npm test', stage: 'test', exitCode: 1 });
    expect(f?.output).toEqual([
      '> app@1.0.0 test',
      '> node --test',
      'not ok 1 - adds numbers',
      '  expected: 3',
      '  actual: 4',
    ]);
    expect(p.steps().find((v) => v.stage === 'lint')?.output).toEqual(['lint ok']);
    expect(p.loose).toContain(
      'ERROR: failed to solve: process "/bin/sh -c npm test" did not complete successfully: exit code: 1',
    );
  });

  it('reads one-stage step labels ([2/3]) with an empty stage', () => {
    const p = parseProgress([
      '#5 [2/3] RUN make',
      '#5 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    ]);
    expect(p.failure()).toMatchObject({ command: 'RUN make', stage: '', exitCode: 2 });
  });
});
