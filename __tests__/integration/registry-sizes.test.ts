/**
 * Registry sizes for pulled layers, against the engine matrix's real registry (distribution v3 on
 * 127.0.0.1:5042, docs/engines.md) and dockerd 26 with each image store, and Docker 29's dockerd (the
 * containerd store, its default): a test
 * image with a known layer is pushed, an image built FROM it is measured, and its base layers must
 * report exactly the blob sizes the registry's manifest lists, taken from the registry (not
 * compressed), while its own layer is compressed. Then the same layers again: nothing is compressed,
 * and no `docker save` runs.
 *
 * Opt-in like engines.test.ts: runs for docker-classic, docker-containerd and docker29 when STAGEGATE_ENGINES
 * names them (or is `all`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseDockerfile } from '../../src/dockerfile/load.js';
import { ConcurrencyLimit } from '../../src/image/compressed-size.js';
import { measureImage } from '../../src/image/measure.js';
import { createScanStore } from '../../src/image/scan-store.js';
import type { ImageMeasurement } from '../../src/model.js';
import { createDocker } from '../../src/seams/docker.js';
import { createEngine } from '../../src/seams/engine.js';
import { ROOT } from '../e2e/harness.js';

const wanted = (process.env.STAGEGATE_ENGINES ?? '').split(/[\s,]+/);
/** Each engine with the image store it has (engines.sh refuses to start one that reports another). */
const ENGINES = {
  'docker-classic': 'classic',
  'docker-containerd': 'containerd',
  docker29: 'containerd',
} as const;

class CountingLimit extends ConcurrencyLimit {
  compressions = 0;
  override async acquire(): Promise<void> {
    this.compressions++;
    return super.acquire();
  }
}

const REGISTRY = '127.0.0.1:5042';

for (const [engineName, store] of Object.entries(ENGINES)) {
  const enabled = wanted.includes('all') || wanted.includes(engineName);
  const nonce = `${engineName}-${process.pid}-${Date.now()}`;
  const pushed = `${REGISTRY}/stagegate-test/registry-sizes:${nonce}`;
  const tag = `stagegate-test-registry-sizes-${nonce}`;
  const dockerfile = `FROM ${pushed} AS app\nRUN echo ${nonce} > /app.txt\n`;
  // The containerd store saves layers compressed: nothing is ever compressed, and docker history shows
  // snapshot usage, so an image with every layer known is still saved (each layer skipped).
  const containerd = store === 'containerd';

  (enabled ? describe : describe.skip)(
    `registry sizes for pulled layers (${engineName} + the local registry)`,
    () => {
      const saved: NodeJS.ProcessEnv = { ...process.env };
      let dir: string;
      let dockerCli: string;
      const cli = (args: string[]) => {
        // The engine's environment, passed explicitly: child_process would use the host's process.env.
        const r = spawnSync(dockerCli, args, {
          encoding: 'utf8',
          cwd: dir,
          env: { ...process.env },
          maxBuffer: 64 * 1024 * 1024,
        });
        if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
        return r.stdout;
      };

      beforeAll(() => {
        const up = spawnSync('bash', [join(ROOT, 'scripts/engines.sh'), 'up', engineName], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 45 * 60_000,
        });
        if (up.status !== 0) throw new Error(`engines.sh up ${engineName} failed: ${up.stderr.slice(-2000)}`);
        const env = spawnSync('bash', ['-c', `${up.stdout}\nenv -0`], { encoding: 'utf8' }).stdout;
        for (const entry of env.split('\0').filter(Boolean)) {
          const eq = entry.indexOf('=');
          process.env[entry.slice(0, eq)] = entry.slice(eq + 1);
        }
        if (process.env.STAGEGATE_ENGINE_STORE !== store)
          throw new Error(`${engineName} has the ${process.env.STAGEGATE_ENGINE_STORE} store, not ${store}`);
        dockerCli = process.env.STAGEGATE_DOCKER || 'docker';
        dir = mkdtempSync(join(tmpdir(), 'stagegate-registry-sizes-'));
        // The pushed base: busybox plus a layer of known, compressible bytes.
        writeFileSync(
          join(dir, 'Dockerfile.base'),
          `FROM stagegate/busybox:1\nRUN i=0; while [ $i -lt 20000 ]; do echo "known layer line $i"; i=$((i+1)); done > /known.txt\n`,
        );
        cli(['build', '-q', '-f', 'Dockerfile.base', '-t', pushed, '.']);
        cli(['push', '-q', pushed]);
        writeFileSync(join(dir, 'Dockerfile'), dockerfile);
        cli(['build', '-q', '-t', tag, '.']);
      }, 50 * 60_000);

      afterAll(() => {
        if (dockerCli) spawnSync(dockerCli, ['image', 'rm', '-f', tag, pushed], { env: { ...process.env } });
        if (dir) rmSync(dir, { recursive: true, force: true });
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      });

      it("reports the registry manifest's blob sizes for the base layers, without compressing them", async () => {
        type Doc = {
          layers: Array<{ size: number }>;
          manifests?: Array<{ digest: string; platform?: { architecture?: string } }>;
        };
        let manifest = JSON.parse(cli(['buildx', 'imagetools', 'inspect', '--raw', pushed])) as Doc;
        // The containerd store pushes an index (the image, and an attestation manifest).
        const amd64 = manifest.manifests?.find((d) => d.platform?.architecture === 'amd64');
        if (amd64) {
          const byDigest = `${pushed.slice(0, pushed.lastIndexOf(':'))}@${amd64.digest}`;
          manifest = JSON.parse(cli(['buildx', 'imagetools', 'inspect', '--raw', byDigest])) as Doc;
        }
        expect(manifest.layers.length).toBeGreaterThan(0);
        const docker = createDocker(createEngine());
        const scans = createScanStore();
        const limit = new CountingLimit();
        const model = parseDockerfile(dockerfile, 'Dockerfile');
        const m: ImageMeasurement = await measureImage(docker, tag, model, 0, { scans, limit });
        const base = m.layers.slice(0, manifest.layers.length);
        expect(base.map((l) => [l.compressedSize, l.compressedSizeSource])).toEqual(
          manifest.layers.map((l) => [l.size, 'registry']),
        );
        const own = m.layers[m.layers.length - 1];
        expect(own.compressedSizeSource).toBe('measured');
        // One small block for the app layer; the base layers (about 400 KB of text) were not compressed.
        expect(limit.compressions).toBe(containerd ? 0 : 1);
        expect(m.waste).toBeDefined();

        // Every layer known now: the same image under a new tag id is measured without docker save.
        const again = new CountingLimit();
        const relabelled = `${tag}-relabelled`;
        cli(['build', '-q', '-t', relabelled, '--label', `again=${nonce}`, '.']);
        try {
          let saves = 0;
          const counting = { ...docker, save: (image: string) => (saves++, docker.save(image)) };
          const second = await measureImage(counting, relabelled, model, 0, { scans, limit: again });
          expect(saves).toBe(containerd ? 1 : 0);
          expect(again.compressions).toBe(0);
          expect(second.layers.map((l) => l.compressedSize)).toEqual(m.layers.map((l) => l.compressedSize));
          expect(second.layers.map((l) => l.size)).toEqual(m.layers.map((l) => l.size));
          expect(second.layers[second.layers.length - 1].instruction?.line).toBe(2);
        } finally {
          spawnSync(dockerCli, ['image', 'rm', '-f', relabelled], { env: { ...process.env } });
        }
      });
    },
  );
}
