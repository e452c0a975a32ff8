import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { ImageScan } from '../../../src/image/scan.js';
import {
  createMachineScanStore,
  createScanStore,
  parseScan,
  scanKey,
  serializeScan,
} from '../../../src/image/scan-store.js';
import { createDirectoryCache, machineCacheDir, type TextCache } from '../../../src/seams/cache.js';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'stagegate-scans-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const scan = (over: Partial<ImageScan> = {}): ImageScan => ({
  imageId: 'sha256:abc',
  config: { rootfs: { diff_ids: ['sha256:l1'] }, history: [{ created_by: 'ADD x /' }] },
  configBytes: 300,
  layers: [
    {
      path: 'blobs/sha256/l1',
      diffId: 'sha256:l1',
      size: 4000,
      compressedSize: 900,
      compressedSizeSource: 'measured',
    },
  ],
  waste: { wastedBytes: 0, efficiency: 1, offenders: [] },
  ...over,
});

/** A TextCache that records what it is asked. */
function recordingCache(): TextCache & { gets: string[]; puts: Map<string, string> } {
  const puts = new Map<string, string>();
  const gets: string[] = [];
  return {
    gets,
    puts,
    available: () => true,
    async get(key) {
      gets.push(key);
      return puts.get(key);
    },
    async put(key, text) {
      puts.set(key, text);
      return true;
    },
  };
}

describe('scan store', () => {
  it('answers from memory within a run, without a persistent cache', async () => {
    const store = createScanStore();
    expect(await store.get('sha256:abc', true)).toBeUndefined();
    await store.put(scan());
    expect(await store.get('sha256:abc', true)).toEqual(scan());
    expect(await store.get('sha256:other', false)).toBeUndefined();
  });

  it('does not answer a request for the waste analysis with a scan that lacks it', async () => {
    const store = createScanStore();
    await store.put(scan({ waste: undefined }));
    expect(await store.get('sha256:abc', true)).toBeUndefined();
    expect(await store.get('sha256:abc', false)).toBeDefined();
    // and a scan without it never replaces one with it
    const full = createScanStore();
    await full.put(scan());
    await full.put(scan({ waste: undefined }));
    expect((await full.get('sha256:abc', true))?.waste).toBeDefined();
  });

  it('writes scans through to the persistent cache under a versioned key and reads them back in a new run', async () => {
    const cache = recordingCache();
    await createScanStore(cache).put(scan());
    expect([...cache.puts.keys()]).toEqual([scanKey('sha256:abc')]);
    expect(scanKey('sha256:abc')).toBe('image-scan-v3-abc');
    const nextRun = createScanStore(cache);
    expect(await nextRun.get('sha256:abc', true)).toEqual(scan());
  });

  it('treats a damaged, foreign or other-format entry as a miss', () => {
    expect(parseScan(serializeScan(scan()), 'sha256:abc')).toEqual(scan());
    expect(parseScan('{not json', 'sha256:abc')).toBeUndefined();
    expect(parseScan(serializeScan(scan()), 'sha256:def')).toBeUndefined();
    expect(parseScan(JSON.stringify({ format: 0, scan: scan() }), 'sha256:abc')).toBeUndefined();
    const badLayer = scan({
      layers: [
        { path: 'x', diffId: 'sha256:x', size: -1, compressedSize: 3, compressedSizeSource: 'measured' },
      ],
    });
    expect(parseScan(serializeScan(badLayer), 'sha256:abc')).toBeUndefined();
    expect(
      parseScan(JSON.stringify({ format: 1, scan: { ...scan(), configBytes: 'x' } }), 'sha256:abc'),
    ).toBeUndefined();
  });
});

describe('directory cache', () => {
  it('round-trips text by key and misses unknown keys', async () => {
    const cache = createDirectoryCache(join(scratch(), 'nested', 'dir'));
    expect(cache.available()).toBe(true);
    expect(await cache.get('k/1')).toBeUndefined();
    expect(await cache.put('k/1', 'one')).toBe(true);
    expect(await cache.put('k/1', 'two')).toBe(true);
    expect(await cache.get('k/1')).toBe('two');
  });

  it('keeps at most maxEntries, dropping the least recently written', async () => {
    const dir = scratch();
    const cache = createDirectoryCache(dir, 2);
    await cache.put('a', 'a');
    await cache.put('b', 'b');
    utimesSync(join(dir, 'a.json'), new Date(1000), new Date(1000));
    await cache.put('c', 'c');
    expect(readdirSync(dir).sort()).toEqual(['b.json', 'c.json']);
    expect(await cache.get('a')).toBeUndefined();
  });

  it('is unavailable, and never throws, where the directory cannot be made', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, 'x');
    const cache = createDirectoryCache(join(file, 'sub'));
    expect(cache.available()).toBe(false);
    expect(await cache.put('k', 'v')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('lives in STAGEGATE_CACHE_DIR, else XDG_CACHE_HOME/stagegate, else ~/.cache/stagegate; off turns it off', () => {
    expect(machineCacheDir({ STAGEGATE_CACHE_DIR: '/c' })).toBe('/c');
    expect(machineCacheDir({ STAGEGATE_CACHE_DIR: 'off' })).toBeUndefined();
    expect(machineCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/stagegate');
    expect(machineCacheDir({})).toMatch(/\/\.cache\/stagegate$/);
  });

  it("backs the machine's scan store, which a later run reads", async () => {
    const env = { STAGEGATE_CACHE_DIR: scratch() };
    await createMachineScanStore(env).put(scan());
    expect(readdirSync(join(env.STAGEGATE_CACHE_DIR, 'image-scans'))).toEqual(['image-scan-v3-abc.json']);
    expect(await createMachineScanStore(env).get('sha256:abc', true)).toEqual(scan());
    expect(
      await createMachineScanStore({ STAGEGATE_CACHE_DIR: 'off' }).get('sha256:abc', false),
    ).toBeUndefined();
  });
});
