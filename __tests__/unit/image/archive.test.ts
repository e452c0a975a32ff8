import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readImageArchive } from '../../../src/image/archive.js';
import { registryManifestBytes, resolveLayout } from '../../../src/image/manifest.js';
import { tarOf } from './tar-fixtures.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Two layers: the second deletes /big and rewrites /etc/conf. */
async function layerTars(): Promise<[Buffer, Buffer]> {
  const first = await tarOf([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/conf', data: Buffer.from('a'.repeat(300)) },
    { name: 'big', data: randomBytes(200_000) },
    { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
  ]);
  const second = await tarOf([{ name: 'etc/conf', data: Buffer.from('b'.repeat(500)) }, { name: '.wh.big' }]);
  return [first, second];
}

const config = Buffer.from(
  JSON.stringify({
    history: [{ created_by: 'ADD rootfs' }, { created_by: 'RUN rm /big # buildkit' }],
    rootfs: { diff_ids: ['sha256:one', 'sha256:two'] },
  }),
);

describe('readImageArchive', () => {
  it("reads Docker 20.10's layout: layers in name order, ordered by manifest.json, a repeated layer as a symlink", async () => {
    const [first, second] = await layerTars();
    // 'zz' sorts after 'aa' in the archive but is the bottom layer.
    const archive = await tarOf([
      { name: 'aa/', type: 'directory' },
      { name: 'aa/VERSION', data: Buffer.from('1.0') },
      { name: 'aa/layer.tar', data: second },
      { name: 'cc/layer.tar', type: 'symlink', linkname: '../zz/layer.tar' },
      { name: 'cfg.json', data: config },
      {
        name: 'manifest.json',
        data: Buffer.from(
          JSON.stringify([{ Config: 'cfg.json', Layers: ['zz/layer.tar', 'aa/layer.tar', 'cc/layer.tar'] }]),
        ),
      },
      { name: 'zz/layer.tar', data: first },
    ]);
    const read = await readImageArchive(Readable.from([archive.subarray(0, 1000), archive.subarray(1000)]), {
      listFiles: true,
    });
    const layout = resolveLayout(read);
    expect(layout.layerPaths).toEqual(['zz/layer.tar', 'aa/layer.tar', 'zz/layer.tar']);
    expect(layout.configBytes).toBe(config.length);
    expect(layout.config.rootfs?.diff_ids).toEqual(['sha256:one', 'sha256:two']);
    const bottom = read.layers.get('zz/layer.tar');
    const top = read.layers.get('aa/layer.tar');
    expect(bottom?.archiveBytes).toBe(first.length);
    // Within 0.5% of gzip -6 of the same tar; exact for a single-block layer.
    expect(bottom?.compressedSize).toBe(gzipSync(first, { level: 6 }).length);
    expect(top?.compressedSize).toBe(gzipSync(second, { level: 6 }).length);
    // Sizes as the engine counts them: file bytes plus the symlink target's length.
    expect(bottom?.files?.contentBytes).toBe(300 + 200_000 + 'busybox'.length);
    expect(top?.files?.entries).toEqual([
      { path: '/etc/conf', size: 500, kind: 'file' },
      { path: '/big', size: 0, kind: 'whiteout' },
    ]);
    expect(read.layers.has('aa/VERSION')).toBe(false);
  });

  it('reads the OCI layout: index.json -> manifest -> config and layers, a gzip blob counted as stored', async () => {
    const [first, second] = await layerTars();
    const gz = gzipSync(second, { level: 9 });
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        config: { digest: `sha256:${sha(config)}` },
        layers: [{ digest: `sha256:${sha(first)}` }, { digest: `sha256:${sha(gz)}` }],
      }),
    );
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, manifests: [{ digest: `sha256:${sha(manifest)}` }] }),
    );
    const archive = await tarOf([
      { name: `blobs/sha256/${sha(config)}`, data: config },
      { name: `blobs/sha256/${sha(first)}`, data: first },
      { name: `blobs/sha256/${sha(gz)}`, data: gz },
      { name: `blobs/sha256/${sha(manifest)}`, data: manifest },
      { name: 'index.json', data: index },
      { name: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    ]);
    const read = await readImageArchive(Readable.from([archive]), { listFiles: true });
    const layout = resolveLayout(read);
    expect(layout.layerPaths).toEqual([`blobs/sha256/${sha(first)}`, `blobs/sha256/${sha(gz)}`]);
    const stored = read.layers.get(`blobs/sha256/${sha(gz)}`);
    expect(stored).toMatchObject({ storedAs: 'gzip', compressedSize: gz.length });
    expect(stored?.files?.entries.map((e) => e.path)).toEqual(['/etc/conf', '/big']);
    expect(read.layers.get(`blobs/sha256/${sha(first)}`)?.compressedSize).toBe(
      gzipSync(first, { level: 6 }).length,
    );
  });

  it('rejects a stream that is not a tar archive, without hanging on the unread rest', async () => {
    const garbage = Readable.from([
      randomBytes(512),
      randomBytes(4 * 1024 * 1024),
      randomBytes(4 * 1024 * 1024),
    ]);
    await expect(readImageArchive(garbage, { listFiles: true })).rejects.toThrow();
  });

  it('reads past a blob that looks gzipped but is not a tar, keeping the entries after it', async () => {
    const [first] = await layerTars();
    const bogus = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(300_000)]);
    const archive = await tarOf([
      { name: 'blobs/sha256/aaaa', data: bogus },
      { name: 'blobs/sha256/bbbb', data: first },
      { name: 'index.json', data: Buffer.from('{"manifests":[]}') },
    ]);
    const read = await readImageArchive(Readable.from([archive]), { listFiles: true });
    expect(read.layers.get('blobs/sha256/aaaa')).toMatchObject({
      storedAs: 'gzip',
      compressedSize: bogus.length,
    });
    expect(read.layers.get('blobs/sha256/aaaa')?.files).toBeUndefined();
    expect(read.layers.get('blobs/sha256/bbbb')?.files?.entries).toHaveLength(4);
    expect(read.documents.has('index.json')).toBe(true);
  });

  describe('an archive of two images (one docker save of the head and the base)', () => {
    const configOf = (label: string) =>
      Buffer.from(JSON.stringify({ rootfs: { diff_ids: ['sha256:one', `sha256:${label}`] }, label }));
    const head = configOf('head');
    const base = configOf('base');
    const id = (c: Buffer) => `sha256:${sha(c)}`;
    const read = async (entries: Parameters<typeof tarOf>[0]) =>
      readImageArchive(Readable.from([await tarOf(entries)]), { listFiles: false });

    it("picks each image by its config in Docker 20.10's manifest.json, the shared layer written once", async () => {
      const [first, second] = await layerTars();
      const archive = await read([
        { name: 'shared/layer.tar', data: first },
        { name: 'h/layer.tar', data: second },
        { name: 'b/layer.tar', data: second },
        { name: `${sha(head)}.json`, data: head },
        { name: `${sha(base)}.json`, data: base },
        {
          name: 'manifest.json',
          data: Buffer.from(
            JSON.stringify([
              { Config: `${sha(base)}.json`, Layers: ['shared/layer.tar', 'b/layer.tar'] },
              { Config: `${sha(head)}.json`, Layers: ['shared/layer.tar', 'h/layer.tar'] },
            ]),
          ),
        },
      ]);
      expect(resolveLayout(archive, id(head)).layerPaths).toEqual(['shared/layer.tar', 'h/layer.tar']);
      expect(resolveLayout(archive, id(base)).layerPaths).toEqual(['shared/layer.tar', 'b/layer.tar']);
      expect(resolveLayout(archive, id(head)).config.rootfs?.diff_ids?.[1]).toBe('sha256:head');
      // Never the first image for want of a better one: an id the archive does not hold is an error.
      expect(() => resolveLayout(archive, 'sha256:0000')).toThrow(/do not name image sha256:0000/);
    });

    it("picks each by its config in Docker 25+'s manifest.json, and by its manifest digest in index.json (containerd store)", async () => {
      const manifestOf = (config: Buffer, top: string) =>
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            config: { digest: id(config) },
            layers: [{ digest: 'sha256:shared' }, { digest: `sha256:${top}` }],
          }),
        );
      const mHead = manifestOf(head, 'h');
      const mBase = manifestOf(base, 'b');
      const blobs = [head, base, mHead, mBase].map((b) => ({ name: `blobs/sha256/${sha(b)}`, data: b }));
      const index = {
        name: 'index.json',
        data: Buffer.from(JSON.stringify({ manifests: [mBase, mHead].map((m) => ({ digest: id(m) })) })),
      };
      const entries = [head, base].map((c, i) => ({
        Config: `blobs/sha256/${sha(c)}`,
        Layers: ['blobs/sha256/shared', `blobs/sha256/${i === 0 ? 'h' : 'b'}`],
      }));
      const classic = await read([
        ...blobs,
        index,
        { name: 'manifest.json', data: Buffer.from(JSON.stringify(entries)) },
      ]);
      expect(resolveLayout(classic, id(head)).layerPaths).toEqual(['blobs/sha256/shared', 'blobs/sha256/h']);
      expect(resolveLayout(classic, id(base)).layerPaths).toEqual(['blobs/sha256/shared', 'blobs/sha256/b']);
      // The containerd store's ids are manifest digests: index.json's descriptors name them.
      const containerd = await read([...blobs, index]);
      expect(resolveLayout(containerd, id(mHead)).layerPaths).toEqual([
        'blobs/sha256/shared',
        'blobs/sha256/h',
      ]);
      expect(resolveLayout(containerd, id(mBase)).config.rootfs?.diff_ids?.[1]).toBe('sha256:base');
      expect(() => resolveLayout(containerd, id(head))).toThrow(/do not name image/);
    });
  });

  it('rejects an archive that names no image', async () => {
    const read = await readImageArchive(
      Readable.from([await tarOf([{ name: 'x', data: Buffer.from('y') }])]),
      {
        listFiles: false,
      },
    );
    expect(() => resolveLayout(read)).toThrow(/neither a manifest.json nor an OCI index.json/);
  });
});

describe('registryManifestBytes', () => {
  it('is the length of the schema 2 manifest docker push uploads', () => {
    const expected = JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          size: 1852,
          digest: `sha256:${'a'.repeat(64)}`,
        },
        layers: [
          {
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            size: 1056412,
            digest: `sha256:${'b'.repeat(64)}`,
          },
        ],
      },
      null,
      3,
    );
    expect(registryManifestBytes(1852, [1056412])).toBe(expected.length);
    expect(registryManifestBytes(1852, [1, 2])).toBeGreaterThan(registryManifestBytes(1852, [1]));
  });
});
