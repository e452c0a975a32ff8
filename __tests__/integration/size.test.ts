/**
 * Measuring a real image: sizes agree with `docker image inspect`, the compressed size agrees with
 * gzip-compressing `docker save`'s layer tars independently (tar CLI + zlib), layers are tied to
 * their instructions, and a file deleted by a later layer shows as wasted. One small image, built once.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { measureImage } from '../../src/image/measure.js';
import { registryManifestBytes } from '../../src/image/manifest.js';
import { createEngine } from '../../src/seams/engine.js';
import type { ImageMeasurement } from '../../src/model.js';
import { BASE_IMAGE, DOCKER, describeWithEngine, docker, realDocker } from '../helpers/engine.js';

const nonce = `${process.pid}-${Date.now()}`;
const tag = `stagegate-test-size-${nonce}`;
// Lines matter: the test checks that layers point at them.
const dockerfile = `FROM ${BASE_IMAGE} AS base
RUN echo ${nonce} > /nonce && dd if=/dev/urandom of=/big bs=1024 count=300 2>/dev/null
RUN i=0; while [ $i -lt 4000 ]; do echo "line $i of some compressible text"; i=$((i+1)); done > /text.txt
COPY notes.txt /app/notes.txt
FROM base AS final
RUN rm /big
USER app
`;

describeWithEngine('measureImage on the real engine', () => {
  let dir: string;
  let measured: ImageMeasurement;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stagegate-size-'));
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    writeFileSync(join(dir, 'notes.txt'), 'notes\n'.repeat(100));
    docker(['build', '-q', '-t', tag, dir]);
    const model = parseDockerfile(dockerfile, 'Dockerfile');
    measured = await measureImage(realDocker(), tag, model, 1);
  });

  afterAll(() => {
    spawnSync(DOCKER, ['image', 'rm', '-f', tag]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reports docker image inspect's Size, and layer sizes that add up to it", () => {
    const inspected = JSON.parse(docker(['image', 'inspect', '--format', '{{json .}}', tag])) as {
      Id: string;
      Size: number;
    };
    expect(measured.imageId).toBe(inspected.Id);
    expect(measured.size).toBe(inspected.Size);
    expect(measured.layers.reduce((t, l) => t + l.size, 0)).toBe(inspected.Size);
  });

  it('reports a compressed size within 1% of gzip -6 of each saved layer tar, plus config and manifest', () => {
    const out = mkdtempSync(join(tmpdir(), 'stagegate-size-save-'));
    try {
      const saved = spawnSync(DOCKER, ['save', '-o', join(out, 'image.tar'), tag]);
      expect(saved.status).toBe(0);
      expect(spawnSync('tar', ['-xf', join(out, 'image.tar'), '-C', out]).status).toBe(0);
      const [manifest] = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Array<{
        Config: string;
        Layers: string[];
      }>;
      const layerSizes = manifest.Layers.map(
        (p) => gzipSync(readFileSync(join(out, p)), { level: 6 }).length,
      );
      const configBytes = statSync(join(out, manifest.Config)).size;
      const expected =
        layerSizes.reduce((a, b) => a + b, 0) + configBytes + registryManifestBytes(configBytes, layerSizes);
      expect(Math.abs(measured.compressedSize - expected) / expected).toBeLessThan(0.01);
      measured.layers.forEach((layer, i) =>
        expect(Math.abs(layer.compressedSize - layerSizes[i])).toBeLessThanOrEqual(layerSizes[i] * 0.01),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("reads docker save from the engine's socket when the CLI would use a local one, byte for byte the CLI's", async () => {
    const host = process.env.DOCKER_HOST ?? '';
    const local = (host === '' || host.startsWith('unix://')) && !process.env.DOCKER_CONTEXT;
    const handle = createEngine().engineApiGet?.(`/images/get?names=${encodeURIComponent(tag)}`);
    // On a local socket (every engine of the matrix, and GitHub's runners) the seam must read it.
    expect(handle !== undefined).toBe(local);
    if (!handle) return;
    const api = createHash('sha256');
    for await (const chunk of handle.stdout) api.update(chunk as Buffer);
    expect((await handle.done).exitCode).toBe(0);
    const cli = spawnSync(DOCKER, ['save', tag], { maxBuffer: 256 << 20 });
    expect(cli.status).toBe(0);
    expect(api.digest('hex')).toBe(createHash('sha256').update(cli.stdout).digest('hex'));
  });

  it('ties layers to their Dockerfile lines across stages, and the first to the base image', () => {
    expect(
      measured.layers.map((l) => l.baseImage ?? `${l.instruction?.stage}:${l.instruction?.line}`),
    ).toEqual([BASE_IMAGE, 'base:2', 'base:3', 'base:4', 'final:6']);
    expect(measured.layers[1].size).toBeGreaterThanOrEqual(300 * 1024);
    expect(measured.layers[1].createdBy).toContain('dd if=/dev/urandom');
  });

  it('shows the file a later layer deletes as wasted, with the layers that wrote and deleted it', () => {
    const big = measured.waste?.offenders.find((o) => o.path === '/big');
    expect(big).toEqual({ path: '/big', wastedBytes: 300 * 1024, layers: [1, 4], count: 2 });
    expect(measured.waste?.wastedBytes).toBe(300 * 1024);
    expect(measured.waste?.efficiency).toBeLessThan(1);
  });
});
