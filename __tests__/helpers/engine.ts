/**
 * Engine-backed tests run against the real Docker daemon. Where none answers they are skipped with a
 * note, except in CI (CI=true), where a missing engine is a failure: CI must prove the real thing.
 */
import { spawnSync } from 'node:child_process';
import { describe, it } from '@jest/globals';
import { createDocker, type Docker } from '../../src/seams/docker.js';
import { createEngine } from '../../src/seams/engine.js';

export const DOCKER = process.env.STAGEGATE_DOCKER || 'docker';
export const BASE_IMAGE = 'stagegate/busybox:1';

function probe(): string | undefined {
  const info = spawnSync(DOCKER, ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (info.status !== 0)
    return `no Docker engine answers '${DOCKER} info': ${(info.stderr || info.error?.message || '').trim()}`;
  const img = spawnSync(DOCKER, ['image', 'inspect', BASE_IMAGE], { encoding: 'utf8' });
  if (img.status !== 0) return `base image ${BASE_IMAGE} is missing; run scripts/base-images.sh`;
  return undefined;
}

export const engineProblem = probe();

/** `describe` for tests that need the engine: fails in CI when it is missing, skips (saying so) elsewhere. */
export function describeWithEngine(name: string, fn: () => void): void {
  if (!engineProblem) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a Docker engine (CI must have one)', () => {
        throw new Error(engineProblem);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${name}: ${engineProblem}`);
  describe.skip(name, fn);
}

/** Runs docker synchronously for test setup; throws with output on failure. */
export function docker(args: string[], options: { cwd?: string; input?: string } = {}): string {
  const r = spawnSync(DOCKER, args, {
    encoding: 'utf8',
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The real Docker client over the real engine seam, for engine-backed tests. */
export function realDocker(): Docker {
  return createDocker(createEngine());
}
