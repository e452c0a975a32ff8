/**
 * Layers measured once, on the real engine (STAGEGATE_DOCKER; Docker 20.10's legacy `docker save`
 * layout on this machine, where layer entries are not named by diff id): a head image sharing its
 * base's layers compresses only its own new layer, and reports the same figures a fresh measurement
 * does; an image with the same layers and another config is measured without `docker save`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { ConcurrencyLimit } from '../../src/image/compressed-size.js';
import { measureImage } from '../../src/image/measure.js';
import { createScanStore } from '../../src/image/scan-store.js';
import { parseEngineInfo, type Docker } from '../../src/seams/docker.js';
import { BASE_IMAGE, DOCKER, describeWithEngine, docker, realDocker } from '../helpers/engine.js';

class CountingLimit extends ConcurrencyLimit {
  compressions = 0;
  override async acquire(): Promise<void> {
    this.compressions++;
    return super.acquire();
  }
}

const nonce = `${process.pid}-${Date.now()}`;
const tags = ['base', 'head', 'relabelled'].map((t) => `stagegate-test-layers-${t}-${nonce}`);
const dockerfileOf = (app: string, label = '') => `FROM ${BASE_IMAGE} AS app
RUN i=0; while [ $i -lt 60000 ]; do echo "dependency line $i ${nonce}"; i=$((i+1)); done > /deps.txt
RUN echo ${app} > /app.txt
${label}`;

describeWithEngine('measuring layers once on the real engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stagegate-layers-'));
    const files = [
      dockerfileOf('base'),
      dockerfileOf('head'),
      dockerfileOf('head', `LABEL again=${nonce}\n`),
    ];
    files.forEach((text, i) => {
      writeFileSync(join(dir, `Dockerfile.${i}`), text);
      docker(['build', '-q', '-f', join(dir, `Dockerfile.${i}`), '-t', tags[i], dir]);
    });
  });
  afterAll(() => {
    spawnSync(DOCKER, ['image', 'rm', '-f', ...tags]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("compresses only the head's new layer, and reports what a fresh measurement does", async () => {
    let saves = 0;
    const real = realDocker();
    const counting: Docker = { ...real, save: (image) => (saves++, real.save(image)) };
    const model = parseDockerfile(dockerfileOf('head'), 'Dockerfile');
    const scans = createScanStore();
    await measureImage(counting, tags[0], model, 0, { scans, registry: false });
    const limit = new CountingLimit();
    const head = await measureImage(counting, tags[1], model, 0, { scans, limit, registry: false });
    // The deps layer (about 2 MB, two blocks) and the base image's layer were not compressed again
    // (under the containerd store, which saves layers compressed, nothing is compressed at all).
    expect(limit.compressions).toBeLessThanOrEqual(1);
    expect(head.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached', 'measured']);
    const fresh = await measureImage(real, tags[1], model, 0, { registry: false });
    expect(head.layers.map((l) => [l.diffId, l.size, l.compressedSize])).toEqual(
      fresh.layers.map((l) => [l.diffId, l.size, l.compressedSize]),
    );
    expect(head.compressedSize).toBe(fresh.compressedSize);
    expect(head.waste).toEqual(fresh.waste);

    // Same layers, another config (a LABEL): no docker save at all, the same layer figures. (Under the
    // containerd store docker history shows snapshot usage, not layer sizes: it is saved, every layer skipped.)
    const before = saves;
    const store = parseEngineInfo(docker(['info', '--format', '{{json .}}'])).imageStore;
    const labelModel = parseDockerfile(dockerfileOf('head', `LABEL again=${nonce}\n`), 'Dockerfile');
    const relabelled = await measureImage(counting, tags[2], labelModel, 0, { scans, registry: false });
    expect(saves).toBe(store === 'classic' ? before : before + 1);
    expect(relabelled.layers.map((l) => [l.size, l.compressedSize])).toEqual(
      fresh.layers.map((l) => [l.size, l.compressedSize]),
    );
    expect(relabelled.layers[2].instruction?.line).toBe(3);
    // The config's bytes are rebuilt from inspect there: within the 1 KiB noise threshold.
    const exact = await measureImage(real, tags[2], labelModel, 0, { registry: false });
    expect(Math.abs(relabelled.compressedSize - exact.compressedSize)).toBeLessThan(1024);
    expect(relabelled.waste).toEqual(exact.waste);
  });
});
