import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { cachedAcrossBuilds, parseProgress } from '../../../src/build/progress.js';

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

  it('blames the failing RUN, not a cache import that found nothing (BuildKit builds past it)', () => {
    // What buildx prints on the first run with a registry cache-from whose ref does not exist yet.
    const p = parseProgress([
      '#1 [internal] load build definition from Dockerfile',
      '#1 DONE 0.0s',
      '#2 importing cache manifest from 127.0.0.1:5000/app:cache-runtime',
      '#2 inferred cache manifest type: application/vnd.oci.image.index.v1+json done',
      '#2 ERROR: 127.0.0.1:5000/app:cache-runtime: not found',
      '#3 [runtime 1/2] FROM docker.io/stagegate/busybox:1',
      '#3 DONE 0.1s',
      '#4 [runtime 2/2] RUN ./configure && make',
      '#4 0.210 configure: error: no C compiler',
      '#4 ERROR: process "/bin/sh -c ./configure && make" did not complete successfully: exit code: 77',
      '------',
      ' > [runtime 2/2] RUN ./configure && make:',
      'ERROR: failed to solve: process "/bin/sh -c ./configure && make" did not complete successfully: exit code: 77',
    ]);
    expect(p.failure()).toMatchObject({
      command: 'RUN ./configure && make',
      stage: 'runtime',
      exitCode: 77,
      output: ['configure: error: no C compiler'],
    });
  });

  it("falls back to the first Dockerfile step with an error when BuildKit's last line is missing", () => {
    const p = parseProgress([
      '#2 importing cache manifest from ghcr.io/acme/app:cache',
      '#2 ERROR: failed to configure registry cache importer: ghcr.io/acme/app:cache: not found',
      '#4 [build 2/2] RUN make',
      '#4 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    ]);
    expect(p.failure()).toMatchObject({ command: 'RUN make', stage: 'build', exitCode: 2 });
  });

  it('still names a cache export when that is the only error (it failed the build)', () => {
    const p = parseProgress([
      '#9 exporting cache to GitHub Actions Cache',
      '#9 ERROR: failed to reserve cache',
    ]);
    expect(p.failure()).toMatchObject({ command: 'exporting cache to GitHub Actions Cache' });
  });

  it('reads one-stage step labels ([2/3]) with an empty stage', () => {
    const p = parseProgress([
      '#5 [2/3] RUN make',
      '#5 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    ]);
    expect(p.failure()).toMatchObject({ command: 'RUN make', stage: '', exitCode: 2 });
  });
});

describe('cachedAcrossBuilds (concurrent builds sharing steps)', () => {
  const steps = (...lines: string[]) => parseProgress(lines).steps();
  // Three builds started together: the `build` target's own output lacks the steps that the `test`
  // build showed for both, as BuildKit does for a shared step.
  const buildOut = steps('#1 [internal] load build definition from Dockerfile', '#1 DONE 0.0s');
  const testCached = steps(
    '#5 [build 2/2] RUN make',
    '#5 CACHED',
    '#6 [test 1/1] RUN make test',
    '#6 CACHED',
  );
  const testRan = steps(
    '#5 [build 2/2] RUN make',
    '#5 0.2 cc main.c',
    '#5 DONE 0.3s',
    '#6 [test 1/1] RUN make test',
    '#6 CACHED',
  );

  it('calls a stage cached from another build showing its steps CACHED, though its own output shows none', () => {
    expect(parseProgress(['#1 [internal] load build definition from Dockerfile']).fullyCached()).toBe(false);
    expect(cachedAcrossBuilds([buildOut, testCached], new Set(['build']))).toBe(true);
    expect(cachedAcrossBuilds([buildOut, testCached], new Set(['build', 'test']))).toBe(true);
  });

  it('is not cached when any output shows one of its steps run', () => {
    expect(cachedAcrossBuilds([buildOut, testRan], new Set(['build']))).toBe(false);
    expect(cachedAcrossBuilds([testCached, testRan], new Set(['build']))).toBe(false);
    // The test stage's own step came from cache, but the build step it needs ran.
    expect(cachedAcrossBuilds([testRan], new Set(['build', 'test']))).toBe(false);
    expect(cachedAcrossBuilds([testRan], new Set(['test']))).toBe(true);
  });

  it('compares stage names case-insensitively, leaves FROM out, and knows nothing of unseen stages', () => {
    const upper = steps(
      '#4 [Build 1/2] FROM busybox',
      '#4 DONE 0.0s',
      '#5 [Build 2/2] RUN make',
      '#5 CACHED',
    );
    expect(cachedAcrossBuilds([upper], new Set(['build']))).toBe(true);
    expect(cachedAcrossBuilds([upper], new Set(['docs']))).toBeUndefined();
  });
});
