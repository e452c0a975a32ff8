/**
 * Layers are measured once, keyed by diff id: a layer seen before (in this run, in the machine's
 * cache folder, in a saved base report) is not compressed again, an image all of whose layers are
 * known is not saved at all, and a pulled base image's layers take the registry's figures.
 * Compressions are counted at the ConcurrencyLimit every compressed block goes through.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { parseBaseReportLayers, serializeBaseReport } from '../../../src/baseline/base-report.js';
import { parseDockerfile } from '../../../src/dockerfile/load.js';
import { ConcurrencyLimit } from '../../../src/image/compressed-size.js';
import { historyFromRows } from '../../../src/image/known-scan.js';
import { createLayerStore } from '../../../src/image/layer-store.js';
import { measureImage } from '../../../src/image/measure.js';
import { createSavePairing } from '../../../src/image/save-pairing.js';
import { createMachineScanStore, createScanStore } from '../../../src/image/scan-store.js';
import type { RunOptions } from '../../../src/seams/engine.js';
import { fakeEngine, fail, ok, type Answer } from '../../helpers/fake-engine.js';
import { tarOf, type TarEntry } from './tar-fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A ConcurrencyLimit that counts the blocks it lets compress. */
class CountingLimit extends ConcurrencyLimit {
  compressions = 0;
  override async acquire(): Promise<void> {
    this.compressions++;
    return super.acquire();
  }
}

const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const model = parseDockerfile(
  'FROM registry.test/base:1 AS app\nRUN echo deps > /deps\nRUN echo app > /app\n',
  'Dockerfile',
);

interface Image {
  id: string;
  archive: Buffer;
  diffIds: string[];
  layers: Buffer[];
  configBytes: number;
  /** The config's bytes (OCI images). */
  config?: Buffer;
  /** OCI images: the blobs, and how manifest.json and index.json name the image (savedTogether). */
  blobs?: TarEntry[];
  listing?: { entry: { Config: string; Layers: string[] }; descriptor: { digest: string } };
}

const layerTar = (name: string, text: string) => tarOf([{ name, data: Buffer.from(text) }]);

/** A saved image in the OCI layout (Docker 25+): layer blobs are named by their diff id. */
async function ociImage(layers: Buffer[], label = 'a'): Promise<Image> {
  const diffIds = layers.map(digest);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { label } },
      history: [
        { created_by: '/bin/sh -c #(nop) ADD file:base in /' },
        { created_by: 'RUN /bin/sh -c echo deps > /deps # buildkit' },
        { created_by: 'RUN /bin/sh -c echo app > /app # buildkit' },
      ].slice(0, layers.length),
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      config: { digest: digest(config) },
      layers: diffIds.map((d) => ({ digest: d })),
    }),
  );
  const index = Buffer.from(JSON.stringify({ manifests: [{ digest: digest(manifest) }] }));
  const blobs = [...layers.map(blob), blob(config), blob(manifest)];
  const archive = await tarOf([...blobs, { name: 'index.json', data: index }]);
  const listing = { entry: entryOf(config, layers), descriptor: { digest: digest(manifest) } };
  return { id: digest(config), archive, diffIds, layers, configBytes: config.length, config, blobs, listing };
}

const blob = (b: Buffer): TarEntry => ({ name: `blobs/sha256/${digest(b).slice(7)}`, data: b });
/** manifest.json's entry for an image, as Docker 25+ writes it. */
const entryOf = (config: Buffer, blobs: Buffer[]) => ({
  Config: blob(config).name,
  Layers: blobs.map((b) => blob(b).name),
});

/**
 * One `docker save` of several images in the OCI layout (Docker 25+, either store): a blob the images
 * share written once, manifest.json with an entry per image and index.json with a descriptor per image.
 */
async function savedTogether(images: Image[]): Promise<Buffer> {
  const blobs = new Map(images.flatMap((i) => i.blobs ?? []).map((b) => [b.name, b]));
  const manifests = images.map((i) => i.listing?.descriptor);
  return tarOf([
    ...blobs.values(),
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(images.map((i) => i.listing?.entry))) },
    { name: 'index.json', data: Buffer.from(JSON.stringify({ manifests })) },
  ]);
}

/**
 * The containerd store's `docker save`: layer blobs gzip-compressed, named by the compressed digest;
 * the image's id is its manifest's digest, not its config's.
 */
async function containerdImage(layers: Buffer[], label: string): Promise<Image> {
  const plain = await ociImage(layers, label);
  const gzipped = layers.map((l) => gzipSync(l));
  const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: plain.diffIds }, label }));
  const manifest = Buffer.from(
    JSON.stringify({
      config: { digest: digest(config) },
      layers: gzipped.map((b) => ({ digest: digest(b) })),
    }),
  );
  const index = Buffer.from(JSON.stringify({ manifests: [{ digest: digest(manifest) }] }));
  const blobs = [...gzipped.map(blob), blob(config), blob(manifest)];
  const archive = await tarOf([...blobs, { name: 'index.json', data: index }]);
  const listing = { entry: entryOf(config, gzipped), descriptor: { digest: digest(manifest) } };
  return { ...plain, id: digest(manifest), archive, config, blobs, listing };
}

/** The same image in Docker 20.10's legacy layout: layer entries named by a v1 id, not the diff id. */
async function legacyImage(layers: Buffer[], label: string): Promise<Image> {
  const oci = await ociImage(layers, label);
  const config = JSON.stringify({
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:base in /' },
      { created_by: 'RUN /bin/sh -c echo deps > /deps # buildkit' },
      { created_by: 'RUN /bin/sh -c echo app > /app # buildkit' },
    ].slice(0, layers.length),
    rootfs: { type: 'layers', diff_ids: oci.diffIds },
    config: { Labels: { label } },
  });
  // v1 ids differ per image even for a shared layer (they hash the parent chain and the config).
  const dirsOf = layers.map((_, i) => `${label}${i}`);
  const archive = await tarOf([
    ...layers.map((l, i) => ({ name: `${dirsOf[i]}/layer.tar`, data: l })),
    { name: 'config.json', data: Buffer.from(config) },
    {
      name: 'manifest.json',
      data: Buffer.from(
        JSON.stringify([{ Config: 'config.json', Layers: dirsOf.map((d) => `${d}/layer.tar`) }]),
      ),
    },
  ]);
  return { ...oci, id: digest(Buffer.from(config)), archive };
}

/**
 * Docker 20.10's archive as it really names entries: the config `<image id hex>.json`, manifest.json
 * and repositories after the layer directories. `order` lists the layers' indexes in archive order,
 * with -1 for the config: the engine sorts entries by name, so any layer may come first.
 */
async function legacyImageInOrder(layers: Buffer[], label: string, order: number[]): Promise<Image> {
  const oci = await ociImage(layers, label);
  const config = Buffer.from(
    JSON.stringify({
      history: layers.map((_, i) => ({ created_by: `RUN /bin/sh -c step ${i} # buildkit` })),
      rootfs: { type: 'layers', diff_ids: oci.diffIds },
      config: { Labels: { label } },
    }),
  );
  const id = digest(config);
  const dirOf = (i: number) => `${label}${i}`;
  const entries = order.map((i) =>
    i < 0
      ? { name: `${id.slice(7)}.json`, data: config }
      : { name: `${dirOf(i)}/layer.tar`, data: layers[i] },
  );
  const manifest = [{ Config: `${id.slice(7)}.json`, Layers: layers.map((_, i) => `${dirOf(i)}/layer.tar`) }];
  const archive = await tarOf([
    ...entries,
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    { name: 'repositories', data: Buffer.from('{}') },
  ]);
  return { ...oci, id, archive, configBytes: config.length };
}

/** What a fake engine's `docker save` of several images answers: the archive, or a failure. */
interface SavedTogether {
  ids: string[];
  archive: Buffer;
  exitCode?: number;
}

/**
 * A fake engine holding `images`; `registry` answers imagetools (default: unreachable); `together`
 * answers a save of several images (default: none can be).
 */
function engineWith(
  images: Image[],
  registry?: (args: string[], options: RunOptions) => Answer,
  onRead?: (bytes: number) => void,
  together?: SavedTogether,
) {
  const byId = new Map(images.map((i) => [i.id, i]));
  const fake = fakeEngine({
    docker: (args, options) => {
      if (args[0] === 'image' && args[1] === 'inspect') {
        const image = byId.get(args[args.length - 1]);
        if (!image) return fail('Error response from daemon: No such image');
        return ok(
          JSON.stringify({
            Id: image.id,
            Size: 1,
            RootFS: { Layers: image.diffIds },
            Architecture: 'amd64',
            Os: 'linux',
          }),
        );
      }
      if (args[0] === 'history') {
        const image = byId.get(args[args.length - 1]);
        if (!image) return fail('No such image');
        const names = ['/bin/sh -c #(nop) ADD file:base in /', 'RUN /bin/sh -c echo deps > /deps # buildkit'];
        const rows = image.layers.map((l, i) => ({
          CreatedBy: names[i] ?? 'RUN /bin/sh -c echo app > /app # buildkit',
          Size: String(l.length > 0 ? contentOf(l) : 0),
          Comment: '',
        }));
        return ok(
          [{ CreatedBy: 'LABEL label', Size: '0', Comment: '' }, ...rows.reverse()]
            .map((r) => JSON.stringify(r))
            .join('\n'),
        );
      }
      if (args[0] === 'buildx' && args[1] === 'imagetools')
        return registry?.(args, options) ?? fail('unreachable');
      return undefined;
    },
    save: (args) => {
      const asked = args.slice(1);
      const sameSet = (ids: string[]) => [...ids].sort().join() === [...asked].sort().join();
      const joint = asked.length > 1 && together && sameSet(together.ids) ? together : undefined;
      const archive = joint?.archive ?? (asked.length === 1 ? byId.get(asked[0] ?? '')?.archive : undefined);
      if (!archive || joint?.exitCode)
        return { archive: Buffer.alloc(0), exitCode: joint?.exitCode ?? 1, stderr: 'no such image' };
      return onRead ? { archive, chunkBytes: 512, onRead } : { archive };
    },
  });
  return { fake, saves: () => fake.dockerCalls().filter((a) => a[0] === 'save').length };
}

/** The content bytes of a one-file layer tar made by layerTar. */
const contents = new Map<Buffer, number>();
const contentOf = (l: Buffer) => contents.get(l) ?? 0;
async function layer(name: string, text: string): Promise<Buffer> {
  const tar = await layerTar(name, text);
  contents.set(tar, Buffer.byteLength(text));
  return tar;
}

describe('measuring layers once, by diff id', () => {
  it("does not compress a layer the run's other image already measured (OCI layout)", async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const head = await ociImage([base, deps, await layer('app', 'head app')], 'head');
    const baseImage = await ociImage([base, deps, await layer('app', 'base app!')], 'base');
    const { fake } = engineWith([head, baseImage]);
    const scans = createScanStore();
    const limit = new CountingLimit();
    const first = await measureImage(fake.docker, baseImage.id, model, 0, { scans, limit, registry: false });
    expect(limit.compressions).toBe(3);
    const second = await measureImage(fake.docker, head.id, model, 0, { scans, limit, registry: false });
    // Only the head's own app layer was compressed; the shared two were taken as measured.
    expect(limit.compressions).toBe(4);
    expect(second.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached', 'measured']);
    expect(second.layers[0].compressedSize).toBe(first.layers[0].compressedSize);
    expect(second.layers[2].compressedSize).toBe(gzipSync(head.layers[2], { level: 6 }).length);
    expect(second.waste).toEqual({ wastedBytes: 0, efficiency: 1, diveWastedBytes: 0, offenders: [] });
  });

  it("starts the waiting image's docker save while the other is measured, and still reads shared layers once", async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const head = await ociImage([base, deps, await layer('app', 'head app')], 'head');
    const baseImage = await ociImage([base, deps, await layer('app', 'base app!')], 'base');
    // Every save call, and how far the first image's stream had been read when it came.
    let headBytesRead = 0;
    const { fake } = engineWith([head, baseImage], undefined, (bytes) => {
      headBytesRead = Math.max(headBytesRead, bytes);
    });
    const savedWhen: Array<[string, number]> = [];
    const save = fake.docker.save.bind(fake.docker);
    fake.docker.save = (image, signal) => {
      savedWhen.push([String(image), headBytesRead]);
      return save(image, signal);
    };
    const scans = createScanStore();
    const limit = new CountingLimit();
    const options = { scans, limit, registry: false };
    const [h, b] = await Promise.all([
      measureImage(fake.docker, head.id, model, 0, options),
      measureImage(fake.docker, baseImage.id, model, 0, options),
    ]);
    expect(savedWhen.map(([image]) => image).sort()).toEqual([head.id, baseImage.id].sort());
    // The base's save was asked for before the head's stream had been read to its end.
    const baseSaved = savedWhen.find(([image]) => image === baseImage.id);
    expect(baseSaved?.[1]).toBeLessThan(head.archive.length);
    // Still one compression per distinct layer: the base's shared layers came from the head's.
    expect(limit.compressions).toBe(4);
    expect(h.layers.map((l) => l.compressedSizeSource)).toEqual(['measured', 'measured', 'measured']);
    expect(b.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached', 'measured']);
    expect(b.layers[0].compressedSize).toBe(h.layers[0].compressedSize);
  });

  it('stops an early docker save unread when the waiting image turns out known whole', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const app = await layer('app', 'app');
    const one = await ociImage([base, app], 'one');
    const relabelled = await ociImage([base, app], 'two');
    const { fake, saves } = engineWith([one, relabelled]);
    const early: Array<{ signal?: AbortSignal; read: boolean }> = [];
    const save = fake.docker.save.bind(fake.docker);
    fake.docker.save = (image, signal) => {
      const handle = save(image, signal);
      if (image === relabelled.id) {
        const seen: { signal?: AbortSignal; read: boolean } = { signal, read: false };
        handle.stdout.once('data', () => (seen.read = true));
        handle.stdout.pause();
        early.push(seen);
      }
      return handle;
    };
    const scans = createScanStore();
    const options = { scans, registry: false };
    const [, m] = await Promise.all([
      measureImage(fake.docker, one.id, model, 0, options),
      measureImage(fake.docker, relabelled.id, model, 0, options),
    ]);
    expect(saves()).toBe(2);
    // Stopped, and not one byte of it read.
    expect(early.map((e) => [e.signal?.aborted, e.read])).toEqual([[true, false]]);
    expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached']);
  });

  it('recognises known layers in the legacy layout by their length, and rereads when a guess was wrong', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const first = await legacyImage([base, deps], 'one');
    // A new layer of the same length as the known `deps` (tars grow in 512-byte blocks): a wrong guess.
    const other = await layer('spam', 'spam '.repeat(3000));
    const second = await legacyImage([base, deps, other], 'two');
    expect(other.length).toBe(deps.length);
    const { fake, saves } = engineWith([first, second]);
    const scans = createScanStore();
    const limit = new CountingLimit();
    await measureImage(fake.docker, first.id, model, 0, { scans, limit, registry: false });
    const compressedFirst = limit.compressions;
    const m = await measureImage(fake.docker, second.id, model, 0, { scans, limit, registry: false });
    expect(m.layers[2].compressedSize).toBe(gzipSync(other, { level: 6 }).length);
    expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['measured', 'measured', 'measured']);
    expect(saves()).toBe(3); // the second image was read again, without guesses
    // Without the collision, a known layer is skipped in the legacy layout too.
    const third = await legacyImage([base, await layer('x', 'a third layer')], 'three');
    const { fake: f3 } = engineWith([third]);
    const before = limit.compressions;
    const m3 = await measureImage(f3.docker, third.id, model, 0, { scans, limit, registry: false });
    expect(limit.compressions - before).toBe(1);
    expect(m3.layers[0].compressedSizeSource).toBe('cached');
    expect(compressedFirst).toBeGreaterThan(0);
  });

  it('recognises a known layer the containerd store saves compressed, by its blob digest', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const one = await containerdImage([base, await layer('a', 'one')], 'one');
    const two = await containerdImage([base, await layer('a', 'two')], 'two');
    const { fake } = engineWith([one, two]);
    const scans = createScanStore();
    const first = await measureImage(fake.docker, one.id, model, 0, { scans, registry: false });
    // Stored compressed: its own size, as a registry would store that blob.
    expect(first.layers[0]).toMatchObject({
      compressedSize: gzipSync(base).length,
      compressedSizeSource: 'measured',
    });
    const m = await measureImage(fake.docker, two.id, model, 0, { scans, registry: false });
    // Not read again (no gunzip, no file listing): taken as known.
    expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'measured']);
    expect(m.layers[0].size).toBe(first.layers[0].size);
    expect(m.waste).toEqual(first.waste);
  });

  it('measures an image whose every layer is known without docker save', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const app = await layer('app', 'app');
    const one = await ociImage([base, deps, app], 'one');
    const relabelled = await ociImage([base, deps, app], 'two'); // a LABEL changed: new id, same layers
    const { fake, saves } = engineWith([one, relabelled]);
    const scans = createScanStore();
    const limit = new CountingLimit();
    const first = await measureImage(fake.docker, one.id, model, 0, { scans, limit, registry: false });
    expect(saves()).toBe(1);
    const compressions = limit.compressions;
    const m = await measureImage(fake.docker, relabelled.id, model, 0, { scans, limit, registry: false });
    expect(saves()).toBe(1);
    expect(limit.compressions).toBe(compressions);
    expect(m.imageId).toBe(relabelled.id);
    expect(m.layers.map((l) => [l.size, l.compressedSize])).toEqual(
      first.layers.map((l) => [l.size, l.compressedSize]),
    );
    // Layers still tied to the Dockerfile, from docker history.
    expect(m.layers[2].instruction).toEqual({ stage: 'app', line: 3, text: 'RUN echo app > /app' });
    expect(m.waste).toEqual(first.waste);
  });

  it('reads layer facts a previous run left in the machine cache folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagegate-layers-'));
    dirs.push(dir);
    const base = await layer('base', 'base layer '.repeat(4000));
    const one = await ociImage([base, await layer('a', 'one')], 'one');
    const two = await ociImage([base, await layer('a', 'two')], 'two');
    const { fake } = engineWith([one, two]);
    const env = { STAGEGATE_CACHE_DIR: dir };
    await measureImage(fake.docker, one.id, model, 0, {
      scans: createMachineScanStore(env),
      registry: false,
    });
    expect(readdirSync(join(dir, 'layers')).sort()).toHaveLength(2);
    const limit = new CountingLimit();
    const m = await measureImage(fake.docker, two.id, model, 0, {
      scans: createMachineScanStore(env),
      limit,
      registry: false,
    });
    expect(limit.compressions).toBe(1);
    expect(m.layers[0].compressedSizeSource).toBe('cached');
    // Off: nothing kept, everything compressed.
    const off = new CountingLimit();
    await measureImage(fake.docker, two.id, model, 0, {
      scans: createMachineScanStore({ STAGEGATE_CACHE_DIR: 'off' }),
      limit: off,
      registry: false,
    });
    expect(off.compressions).toBe(2);
  });

  it("reuses a saved base report's layer facts, file lists included, for the head's shared layers", async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const baseImage = await ociImage([base, await layer('a', 'base app')], 'base');
    const head = await ociImage([base, await layer('a', 'head app')], 'head');
    const earlier = createScanStore();
    const { fake } = engineWith([baseImage, head]);
    const measuredBase = await measureImage(fake.docker, baseImage.id, model, 0, {
      scans: earlier,
      registry: false,
    });
    const facts = await Promise.all(baseImage.diffIds.map((d) => earlier.layers.get(d)));
    const text = serializeBaseReport(
      'abc',
      measuredBase,
      facts.flatMap((f) => (f ? [f] : [])),
    );
    // A hosted runner: a fresh store, seeded from the report while the head builds.
    const scans = createScanStore();
    const deliver = scans.layers.expect();
    const limit = new CountingLimit();
    const measuring = measureImage(fake.docker, head.id, model, 0, { scans, limit, registry: false });
    deliver(parseBaseReportLayers(text, 'abc'));
    const m = await measuring;
    expect(limit.compressions).toBe(1);
    expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'measured']);
    expect(m.waste).toBeDefined();
    expect(parseBaseReportLayers(text, 'other-sha')).toEqual([]);
  });

  it("takes a pulled base image's layer sizes from the registry's manifest instead of compressing", async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const image = await ociImage([base, await layer('a', 'app')], 'x');
    const manifest = { schemaVersion: 2, layers: [{ digest: 'sha256:blob', size: 777 }] };
    const index = {
      manifests: [
        { digest: 'sha256:arm', platform: { os: 'linux', architecture: 'arm64' } },
        { digest: 'sha256:amd', platform: { os: 'linux', architecture: 'amd64' } },
      ],
    };
    const asked: string[][] = [];
    const { fake } = engineWith([image], (args, options) => {
      asked.push(args);
      // Bounded: a registry that does not answer is given up on (then: compress).
      expect(options.signal).toBeInstanceOf(AbortSignal);
      const ref = args[args.length - 1];
      if (args.includes('--raw'))
        return ok(JSON.stringify(ref === 'registry.test/base:1' ? index : manifest));
      return ok(JSON.stringify({ rootfs: { diff_ids: [image.diffIds[0]] } }));
    });
    const limit = new CountingLimit();
    const m = await measureImage(fake.docker, image.id, model, 0, { scans: createScanStore(), limit });
    expect(asked.map((a) => a[a.length - 1])).toEqual([
      'registry.test/base:1',
      'registry.test/base@sha256:amd',
      'registry.test/base@sha256:amd',
    ]);
    expect(m.layers[0]).toMatchObject({ compressedSize: 777, compressedSizeSource: 'registry' });
    expect(m.layers[0].size).toBe(contentOf(base));
    expect(limit.compressions).toBe(1); // the app layer only
    expect(m.waste).toBeDefined();
  });

  it('compresses the base layers when the registry cannot be reached', async () => {
    const image = await ociImage([await layer('base', 'base'), await layer('a', 'app')], 'x');
    const { fake } = engineWith([image]); // imagetools fails
    const limit = new CountingLimit();
    const m = await measureImage(fake.docker, image.id, model, 0, { scans: createScanStore(), limit });
    expect(limit.compressions).toBe(2);
    expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['measured', 'measured']);
  });
  describe('a read that ends once the layers it must read have streamed past', () => {
    /** Measures `head` after `earlier` (which makes all but its new layer known); bytes `docker save` gave. */
    async function measureAfter(earlier: Image, head: Image) {
      let taken = 0;
      const { fake, saves } = engineWith([earlier, head], undefined, (bytes) => (taken = bytes));
      const scans = createScanStore();
      await measureImage(fake.docker, earlier.id, model, 0, { scans, registry: false });
      taken = 0;
      const limit = new CountingLimit();
      const m = await measureImage(fake.docker, head.id, model, 0, { scans, limit, registry: false });
      return { m, taken, saves: saves(), compressions: limit.compressions };
    }

    it("stops Docker 20.10's stream after the new layer and the config, ahead of the known layers", async () => {
      const base = await layer('base', 'base layer '.repeat(4000));
      const deps = await layer('deps', createHash('sha512').update('x').digest('hex').repeat(3000));
      const app = await layer('app', 'head app');
      const earlier = await legacyImageInOrder(
        [base, deps, await layer('app', 'base app!')],
        'b',
        [0, 1, 2, -1],
      );
      // The new app layer and the config sort first; the known base and deps layers follow.
      const head = await legacyImageInOrder([base, deps, app], 'h', [2, -1, 0, 1]);
      const { m, taken, saves, compressions } = await measureAfter(earlier, head);
      expect(saves).toBe(2);
      // Not a byte of the known deps layer (the last 190 KB before the manifest) was read.
      expect(taken).toBeLessThan(head.archive.length - deps.length);
      expect(compressions).toBe(1);
      expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached', 'measured']);
      expect(m.layers[2].compressedSize).toBe(gzipSync(app, { level: 6 }).length);
      expect(m.layers.map((l) => l.diffId)).toEqual(head.diffIds);
      expect(m.layers[2].instruction).toEqual({ stage: 'app', line: 3, text: 'RUN echo app > /app' });
      expect(m.waste).toEqual({ wastedBytes: 0, efficiency: 1, diveWastedBytes: 0, offenders: [] });
      // The same figures as a read of the whole archive (a fresh store: everything measured).
      const { fake } = engineWith([head]);
      const whole = await measureImage(fake.docker, head.id, model, 0, {
        scans: createScanStore(),
        registry: false,
      });
      expect(m.layers.map((l) => [l.size, l.compressedSize])).toEqual(
        whole.layers.map((l) => [l.size, l.compressedSize]),
      );
      expect(m.compressedSize).toBe(whole.compressedSize);
    });

    it('stops the OCI layout (Docker 25+) once the new blob and the config are read', async () => {
      const base = await layer('base', 'base layer '.repeat(4000));
      const deps = await layer('deps', createHash('sha512').update('y').digest('hex').repeat(3000));
      const earlier = await ociImage([base, deps, await layer('app', 'base app!')], 'base');
      const app = await layer('app', 'head app');
      const plain = await ociImage([base, deps, app], 'head');
      // Blobs in digest order, as the engine writes them: here the app blob and the config first.
      const config = plain.config as Buffer;
      const blob = (b: Buffer) => ({ name: `blobs/sha256/${digest(b).slice(7)}`, data: b });
      const manifest = Buffer.from(
        JSON.stringify({ config: { digest: plain.id }, layers: plain.diffIds.map((d) => ({ digest: d })) }),
      );
      const archive = await tarOf([
        blob(app),
        blob(config),
        blob(base),
        blob(deps),
        blob(manifest),
        {
          name: 'index.json',
          data: Buffer.from(JSON.stringify({ manifests: [{ digest: digest(manifest) }] })),
        },
      ]);
      const head = { ...plain, archive };
      const { m, taken, compressions } = await measureAfter(earlier, head);
      expect(taken).toBeLessThan(archive.length - deps.length);
      expect(compressions).toBe(1);
      expect(m.layers.map((l) => l.compressedSizeSource)).toEqual(['cached', 'cached', 'measured']);
      expect(m.layers[2].compressedSize).toBe(gzipSync(app, { level: 6 }).length);
    });
  });
});

describe("the head's and the base's images from one docker save", () => {
  const FROM = 'registry.test/base:1';
  const saveCalls = (fake: ReturnType<typeof engineWith>['fake']) =>
    fake.dockerCalls().filter((a) => a[0] === 'save');
  const sizesOf = (m: { layers: { size: number; compressedSize?: number }[] }) =>
    m.layers.map((l) => [l.size, l.compressedSize]);

  /** Head and base sharing their two bottom layers, in `make`'s layout; each measured alone, for reference. */
  async function pairOf(make: (layers: Buffer[], label: string) => Promise<Image>) {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const head = await make([base, deps, await layer('app', 'head app')], 'head');
    const baseImage = await make([base, deps, await layer('app', 'base app!')], 'base');
    const alone = async (image: Image) =>
      measureImage(engineWith([image]).fake.docker, image.id, model, 0, {
        scans: createScanStore(),
        registry: false,
      });
    return { head, baseImage, aloneHead: await alone(head), aloneBase: await alone(baseImage) };
  }

  it.each([
    ['the OCI layout (Docker 25+, classic store: ids are config digests)', ociImage],
    ['the containerd store (ids are manifest digests, layers stored gzip-compressed)', containerdImage],
  ])('reads both from one save in %s, each shared layer once', async (_, make) => {
    const { head, baseImage, aloneHead, aloneBase } = await pairOf(make);
    const archive = await savedTogether([baseImage, head]);
    // The engine writes a shared layer once: the archive is smaller than the two saved apart.
    const sharedBlob = head.blobs?.[0]?.data?.length ?? 0; // as stored: plain, or gzip-compressed
    expect(sharedBlob).toBeGreaterThan(0);
    expect(archive.length).toBeLessThanOrEqual(head.archive.length + baseImage.archive.length - sharedBlob);
    const { fake } = engineWith([head, baseImage], undefined, undefined, {
      ids: [head.id, baseImage.id],
      archive,
    });
    const scans = createScanStore();
    const limit = new CountingLimit();
    const pairing = createSavePairing();
    // As the job does: the head offers its target once built; the base's measurement then takes both.
    pairing.offer('head', { imageId: head.id, baseImage: FROM });
    const b = await measureImage(fake.docker, baseImage.id, model, 0, {
      scans,
      limit,
      registry: false,
      pair: { pairing, side: 'base' },
    });
    const h = await measureImage(fake.docker, head.id, model, 0, {
      scans,
      limit,
      registry: false,
      pair: { pairing, side: 'head' },
    });
    expect(saveCalls(fake)).toEqual([['save', baseImage.id, head.id]]);
    expect(pairing.readTogether()).toEqual([baseImage.id, head.id]);
    // Each image's figures are those it has measured alone; its own layers, not the other's.
    expect([h.imageId, b.imageId]).toEqual([head.id, baseImage.id]);
    expect(sizesOf(h)).toEqual(sizesOf(aloneHead));
    expect(sizesOf(b)).toEqual(sizesOf(aloneBase));
    expect(h.waste).toEqual(aloneHead.waste);
    expect(b.waste).toEqual(aloneBase.waste);
    expect(h.layers.map((l) => l.instruction)).toEqual(aloneHead.layers.map((l) => l.instruction));
    // Uncompressed layers (the OCI layout) are compressed once each: two shared, two apps.
    if (make === ociImage) expect(limit.compressions).toBe(4);
  });

  it("makes the side ready first wait for the other's offer, then saves once", async () => {
    const { head, baseImage, aloneHead, aloneBase } = await pairOf(ociImage);
    const archive = await savedTogether([head, baseImage]);
    const { fake } = engineWith([head, baseImage], undefined, undefined, {
      ids: [head.id, baseImage.id],
      archive,
    });
    const pairing = createSavePairing();
    const options = { scans: createScanStore(), registry: false };
    const measuringBase = measureImage(fake.docker, baseImage.id, model, 0, {
      ...options,
      pair: { pairing, side: 'base' },
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(saveCalls(fake)).toEqual([]); // still waiting: the head has not said what it measures
    const h = await measureImage(fake.docker, head.id, model, 0, {
      ...options,
      pair: { pairing, side: 'head' },
    });
    const b = await measuringBase;
    expect(saveCalls(fake)).toHaveLength(1);
    expect([...(saveCalls(fake)[0] ?? [])].sort()).toEqual(['save', baseImage.id, head.id].sort());
    expect([sizesOf(h), sizesOf(b)]).toEqual([sizesOf(aloneHead), sizesOf(aloneBase)]);
  });

  it('reads alone when the other side has nothing to measure, or was measured already', async () => {
    const { head, baseImage, aloneBase } = await pairOf(ociImage);
    const { fake } = engineWith([head, baseImage]);
    const scans = createScanStore();
    const none = createSavePairing();
    none.offer('head', undefined); // the head's target did not build
    const b = await measureImage(fake.docker, baseImage.id, model, 0, {
      scans,
      registry: false,
      pair: { pairing: none, side: 'base' },
    });
    expect(saveCalls(fake)).toEqual([['save', baseImage.id]]);
    expect(sizesOf(b)).toEqual(sizesOf(aloneBase));
    expect(none.readTogether()).toBeUndefined();
    // The base's image is in the scan store: the head, offered it as partner, saves only itself.
    const known = createSavePairing();
    known.offer('base', { imageId: baseImage.id, baseImage: FROM });
    await measureImage(fake.docker, head.id, model, 0, {
      scans,
      registry: false,
      pair: { pairing: known, side: 'head' },
    });
    expect(saveCalls(fake)).toEqual([
      ['save', baseImage.id],
      ['save', head.id],
    ]);
  });

  it('reads an image both sides built (the target did not change) once, whichever side comes first', async () => {
    const { head, aloneHead } = await pairOf(ociImage);
    for (const first of ['head', 'base'] as const) {
      const { fake } = engineWith([head]);
      const pairing = createSavePairing();
      const options = { scans: createScanStore(), registry: false };
      const second = first === 'head' ? 'base' : 'head';
      const [a, b] = await Promise.all([
        measureImage(fake.docker, head.id, model, 0, { ...options, pair: { pairing, side: first } }),
        measureImage(fake.docker, head.id, model, 0, { ...options, pair: { pairing, side: second } }),
      ]);
      expect(saveCalls(fake)).toEqual([['save', head.id]]);
      expect([sizesOf(a), sizesOf(b)]).toEqual([sizesOf(aloneHead), sizesOf(aloneHead)]);
    }
  });

  it('reads each image alone when the save of both fails', async () => {
    const { head, baseImage, aloneHead, aloneBase } = await pairOf(ociImage);
    const { fake } = engineWith([head, baseImage], undefined, undefined, {
      ids: [head.id, baseImage.id],
      archive: Buffer.alloc(0),
      exitCode: 1,
    });
    const pairing = createSavePairing();
    const options = { scans: createScanStore(), registry: false };
    const [h, b] = await Promise.all([
      measureImage(fake.docker, head.id, model, 0, { ...options, pair: { pairing, side: 'head' } }),
      measureImage(fake.docker, baseImage.id, model, 0, { ...options, pair: { pairing, side: 'base' } }),
    ]);
    const calls = saveCalls(fake).map((c) => c.length);
    expect(calls).toEqual([3, 2, 2]); // the joint save, then one each
    expect([sizesOf(h), sizesOf(b)]).toEqual([sizesOf(aloneHead), sizesOf(aloneBase)]);
    expect(pairing.readTogether()).toBeUndefined();
  });
});

describe('an image measured from the file its build exported (docker-container, remote)', () => {
  /**
   * What `docker buildx build --output=type=docker,dest=FILE` writes: the layers gzip-compressed as
   * the builder stores and pushes them, manifest.json and index.json; loaded into the classic store,
   * the image's id is its config's digest.
   */
  async function builderExport(layers: Buffer[], label: string): Promise<Image & { file: string }> {
    const plain = await containerdImage(layers, label);
    const id = digest(plain.config ?? Buffer.alloc(0));
    const archive = await tarOf([
      ...(plain.blobs ?? []),
      { name: 'index.json', data: Buffer.from(JSON.stringify({ manifests: [plain.listing?.descriptor] })) },
      { name: 'manifest.json', data: Buffer.from(JSON.stringify([plain.listing?.entry])) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'stagegate-export-test-'));
    dirs.push(dir);
    const file = join(dir, 'image.tar');
    writeFileSync(file, archive);
    return { ...plain, id, archive, file };
  }
  const imagetoolsCalls = (fake: ReturnType<typeof engineWith>['fake']) =>
    fake.dockerCalls().filter((a) => a[0] === 'buildx' && a[1] === 'imagetools');
  const saveCalls = (fake: ReturnType<typeof engineWith>['fake']) =>
    fake.dockerCalls().filter((a) => a[0] === 'save');

  it('reads the file, not docker save, and takes each blob as the compressed size: nothing compressed, no registry asked', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const image = await builderExport(
      [base, await layer('deps', 'deps '.repeat(3000)), await layer('app', 'app')],
      'one',
    );
    const { fake } = engineWith([image], () => ok('{}'));
    const limit = new CountingLimit();
    const debug: string[] = [];
    const m = await measureImage(fake.docker, image.id, model, 0, {
      scans: createScanStore(),
      limit,
      archive: image.file,
      debug: (line) => debug.push(line),
    });
    expect(debug).toEqual([`Measured image ${image.id} from the file its build exported, not docker save`]);
    expect(saveCalls(fake)).toEqual([]);
    expect(imagetoolsCalls(fake)).toEqual([]);
    expect(limit.compressions).toBe(0);
    expect(m.layers.map((l) => [l.compressedSize, l.compressedSizeSource])).toEqual(
      image.layers.map((l) => [gzipSync(l).length, 'measured']),
    );
    // The same figures docker save of the loaded image gives, but for the compression (stored vs gzip -6).
    const saved = await measureImage(
      engineWith([await ociImage(image.layers, 'one')]).fake.docker,
      (await ociImage(image.layers, 'one')).id,
      model,
      0,
      { registry: false },
    );
    expect(m.layers.map((l) => l.size)).toEqual(saved.layers.map((l) => l.size));
    expect(m.waste).toEqual(saved.waste);
  });

  it('reads head and base each from its own file, their shared layers once, and offers the pairing nothing', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const deps = await layer('deps', 'deps '.repeat(3000));
    const head = await builderExport([base, deps, await layer('app', 'head app')], 'head');
    const baseImage = await builderExport([base, deps, await layer('app', 'base app!')], 'base');
    const { fake } = engineWith([head, baseImage]);
    const scans = createScanStore();
    const pairing = createSavePairing();
    const [h, b] = await Promise.all([
      measureImage(fake.docker, head.id, model, 0, {
        scans,
        archive: head.file,
        pair: { pairing, side: 'head' },
      }),
      measureImage(fake.docker, baseImage.id, model, 0, {
        scans,
        archive: baseImage.file,
        pair: { pairing, side: 'base' },
      }),
    ]);
    expect(saveCalls(fake)).toEqual([]);
    expect(await pairing.partnerOf('base')).toBeUndefined();
    expect(await pairing.partnerOf('head')).toBeUndefined();
    // One of the two read the shared layers; the other took them as known.
    const sources = [h, b].map((m) => m.layers.map((l) => l.compressedSizeSource).join());
    expect(sources.sort()).toEqual(['cached,cached,measured', 'measured,measured,measured']);
    expect(h.layers[2]?.compressedSize).toBe(gzipSync(head.layers[2] ?? Buffer.alloc(0)).length);
    expect(b.layers[2]?.compressedSize).toBe(gzipSync(baseImage.layers[2] ?? Buffer.alloc(0)).length);
  });

  it('lets the other side read alone by docker save when only one has a file', async () => {
    const base = await layer('base', 'base layer '.repeat(4000));
    const head = await builderExport([base, await layer('app', 'head app')], 'head');
    const baseImage = await ociImage([base, await layer('app', 'base app!')], 'base');
    const { fake } = engineWith([head, baseImage]);
    const pairing = createSavePairing();
    const options = { scans: createScanStore(), registry: false };
    const [, b] = await Promise.all([
      measureImage(fake.docker, head.id, model, 0, {
        ...options,
        archive: head.file,
        pair: { pairing, side: 'head' },
      }),
      measureImage(fake.docker, baseImage.id, model, 0, { ...options, pair: { pairing, side: 'base' } }),
    ]);
    expect(saveCalls(fake)).toEqual([['save', baseImage.id]]);
    expect(b.imageId).toBe(baseImage.id);
  });

  it('reads the image by docker save when the file does not serve, and says why in the debug log', async () => {
    const image = await builderExport([await layer('app', 'app')], 'one');
    writeFileSync(image.file, 'not a tar');
    const { fake } = engineWith([image]);
    const debug: string[] = [];
    const m = await measureImage(fake.docker, image.id, model, 0, {
      scans: createScanStore(),
      registry: false,
      archive: image.file,
      debug: (line) => debug.push(line),
    });
    expect(saveCalls(fake)).toEqual([['save', image.id]]);
    expect(m.layers.map((l) => l.compressedSize)).toEqual([
      gzipSync(image.layers[0] ?? Buffer.alloc(0)).length,
    ]);
    expect(debug).toHaveLength(1);
    expect(debug[0]).toContain(
      `Could not measure image ${image.id} from its build's export (Could not read image ${image.id} from the build's export ${image.file}`,
    );
    expect(debug[0]).toMatch(/; reading it with docker save$/);
  });
});

describe('historyFromRows', () => {
  it('marks the rows without a layer by matching row sizes to the layer sizes in order', () => {
    const rows = [
      { createdBy: '', size: 100, comment: 'Imported from -' },
      { createdBy: 'ENV A=1', size: 0, comment: '' },
      { createdBy: 'WORKDIR /app', size: 0, comment: '' },
      { createdBy: 'COPY . . # buildkit', size: 50, comment: '' },
      { createdBy: 'CMD ["x"]', size: 0, comment: '' },
    ];
    expect(historyFromRows(rows, [100, 0, 50])?.map((e) => e.empty_layer ?? false)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(historyFromRows(rows, [100, 7])).toBeUndefined();
  });
});

describe('layer store', () => {
  it('makes a lookup wait for facts that are on their way, and never lets them replace measured ones', async () => {
    const store = createLayerStore();
    await store.put([{ diffId: 'sha256:a', size: 1, compressedSize: 1, compressedFrom: 'measured' }]);
    const deliver = store.expect();
    let answered = false;
    const lookup = store.get('sha256:b').then((f) => {
      answered = true;
      return f;
    });
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    deliver([
      { diffId: 'sha256:a', size: 9, compressedSize: 9, compressedFrom: 'measured' },
      { diffId: 'sha256:b', size: 2, compressedSize: 2, compressedFrom: 'registry' },
    ]);
    expect((await lookup)?.size).toBe(2);
    expect((await store.get('sha256:a'))?.size).toBe(1);
  });
});
