/**
 * Reads `docker save` output as it streams: one pass that measures every layer (gzip size, content
 * size, file list) and keeps the small JSON documents that say which entry is which. Two layouts:
 *
 * - Docker's legacy one (20.10 and older): `manifest.json`, `<config>.json`, `<id>/layer.tar`
 *   (a layer stored twice is a symlink to the first copy). Entries come in name order, not layer
 *   order, so each layer is measured on its own and ordered afterwards from `manifest.json`.
 * - OCI image layout (Docker 25+, containerd store): `index.json`, `oci-layout`, `blobs/sha256/<hex>`,
 *   often with a `manifest.json` too. A blob is a layer, a config or a manifest; which one is only
 *   known at the end, so JSON-looking small blobs are kept as documents and the rest measured as
 *   layers. A blob that is already gzip/zstd-compressed counts as stored (its own size).
 *
 * Nothing holds a layer: chunks go to the gzip counter and the file lister and are dropped.
 */
import { once } from 'node:events';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { ARCHIVE_DOCUMENT_MAX_BYTES } from '../limits.js';
import { ConcurrencyLimit, GzipSizeCounter } from './compressed-size.js';
import { LayerFileScanner, type LayerFiles } from './layer-files.js';
import type { LayerContentReader } from './packages/reader.js';

export interface ArchiveLayer {
  /** Entry name in the archive. */
  path: string;
  /** Bytes of the entry (the uncompressed tar, unless `storedAs` says otherwise). */
  archiveBytes: number;
  /** gzip-compressed bytes, as a registry stores the layer; absent when it was not compressed (`read`). */
  compressedSize?: number;
  /** How it was read (see `LayerReadMode`); absent: `measure`. */
  mode?: Exclude<LayerReadMode, 'measure'>;
  /** Set when the archive already held the layer compressed; then `compressedSize` is its size. */
  storedAs?: 'gzip' | 'zstd';
  /** Content size and (when asked for) file list; absent when the layer could not be read (zstd). */
  files?: LayerFiles;
}

export interface ImageArchive {
  layers: Map<string, ArchiveLayer>;
  /** Small JSON files (manifest.json, index.json, configs, OCI manifests) by entry name. */
  documents: Map<string, Buffer>;
  /** Symlinked entries: name -> the entry name it points to. */
  links: Map<string, string>;
}

/**
 * How much of a layer to read: `measure` compresses it and counts its content (and lists its files
 * with `listFiles`); `read` only counts and lists (its compressed size is known elsewhere: the
 * registry); `skip` discards its bytes unread (everything about it is known). Discarding is cheap;
 * compressing is what costs.
 */
export type LayerReadMode = 'measure' | 'read' | 'skip';

/** A layer entry as the archive announces it, before its bytes stream: its name and length. */
export interface LayerEntryHeader {
  path: string;
  bytes: number;
}

export interface ReadArchiveOptions {
  /** Keep each layer's file list (for the wasted-space analysis); sizes are counted either way. */
  listFiles: boolean;
  /** A content reader for each layer (package facts, from the same pass); only with `listFiles`. */
  readContents?: () => LayerContentReader;
  limit?: ConcurrencyLimit;
  /** How to read each layer entry (default: measure every one). */
  modeOf?: (entry: LayerEntryHeader) => LayerReadMode;
}

type EntryRole = 'document' | 'layer' | 'blob' | 'skip';

function roleOf(name: string): EntryRole {
  if (/^blobs\/[^/]+\/[^/]+$/.test(name)) return 'blob';
  if (/(^|\/)layer\.tar$/.test(name)) return 'layer';
  if (!name.includes('/') && (name.endsWith('.json') || name === 'repositories' || name === 'oci-layout')) {
    return 'document';
  }
  return 'skip';
}

const cleanName = (name: string): string => name.replace(/^\.\//, '');

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}
function isZstd(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;
}

async function collect(entry: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of entry) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Feeds an already-gzipped layer through gunzip into the file lister, with backpressure both ways. */
async function listGzippedLayer(chunks: AsyncIterable<Buffer>, scanner: LayerFileScanner): Promise<void> {
  const gunzip = createGunzip();
  const consume = (async () => {
    for await (const out of gunzip as AsyncIterable<Buffer>) await scanner.write(out);
  })();
  try {
    for await (const chunk of chunks) {
      if (!gunzip.write(chunk)) await once(gunzip, 'drain');
    }
    gunzip.end();
  } catch (err) {
    gunzip.destroy(err as Error);
  }
  await consume;
}

async function measureLayer(
  path: string,
  header: Header,
  first: Buffer | undefined,
  rest: AsyncIterator<Buffer>,
  options: ReadArchiveOptions,
  limit: ConcurrencyLimit,
): Promise<() => Promise<ArchiveLayer>> {
  const archiveBytes = header.size ?? 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    if (first) yield first;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  }
  const mode = options.modeOf?.({ path, bytes: archiveBytes }) ?? 'measure';
  if (mode === 'skip') {
    for (let r = await rest.next(); !r.done; r = await rest.next());
    return async () => ({ path, archiveBytes, mode });
  }
  const head = first ?? Buffer.alloc(0);
  if (isGzip(head) || isZstd(head)) {
    const storedAs = isGzip(head) ? 'gzip' : 'zstd';
    let files: LayerFiles | undefined;
    if (storedAs === 'gzip') {
      const scanner = new LayerFileScanner(
        options.listFiles,
        options.listFiles ? options.readContents?.() : undefined,
      );
      const source = chunks();
      try {
        await listGzippedLayer(source, scanner);
        files = await scanner.end();
      } catch {
        // Not a gzipped tar after all: size only. Read past the rest of the entry.
        for (let r = await rest.next(); !r.done; r = await rest.next());
      }
    } else for await (const _ of chunks()); // zstd: Node 20 has no zstd; size only.
    return async () => ({ path, archiveBytes, compressedSize: archiveBytes, storedAs, files });
  }
  const counter = mode === 'measure' ? new GzipSizeCounter(limit) : undefined;
  const scanner = new LayerFileScanner(
    options.listFiles,
    options.listFiles ? options.readContents?.() : undefined,
  );
  for await (const chunk of chunks()) {
    if (counter) await counter.write(chunk);
    await scanner.write(chunk);
  }
  if (!counter) {
    const files = await scanner.end().catch(() => undefined);
    return async () => ({ path, archiveBytes, mode: 'read', files });
  }
  // Compression of the last blocks finishes in the background while the next entry streams in.
  const compressed = counter.end();
  // A blob that is not a tar (one the manifest does not list as a layer) has no file list; not an error.
  const files = await scanner.end().catch(() => undefined);
  compressed.catch(() => undefined);
  return async () => ({ path, archiveBytes, compressedSize: await compressed, files });
}

/** Reads a whole `docker save` stream. Rejects when the stream is not a readable image archive. */
export async function readImageArchive(source: Readable, options: ReadArchiveOptions): Promise<ImageArchive> {
  const limit = options.limit ?? new ConcurrencyLimit();
  const tar = extract();
  const documents = new Map<string, Buffer>();
  const links = new Map<string, string>();
  const pending: Array<() => Promise<ArchiveLayer>> = [];
  let settled = 0;

  // The parser may fail (or be stopped) while the feeder waits for it to drain: wait for either.
  const closed = new Promise<void>((resolve) => tar.once('close', () => resolve()));
  const feed = (async () => {
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (tar.destroyed) break;
        if (!tar.write(chunk)) await Promise.race([once(tar, 'drain').catch(() => undefined), closed]);
      }
      if (!tar.destroyed) tar.end(undefined);
    } catch (err) {
      tar.destroy(err as Error);
    }
  })();

  try {
    for await (const entry of tar) {
      const header = entry.header;
      const name = cleanName(header.name);
      const role = roleOf(name);
      if (header.type === 'symlink' || header.type === 'link') {
        const target =
          header.type === 'symlink'
            ? posix.normalize(posix.join(posix.dirname(name), header.linkname ?? ''))
            : cleanName(header.linkname ?? '');
        links.set(name, target);
        entry.resume();
        continue;
      }
      if (header.type !== 'file' || role === 'skip') {
        entry.resume();
        continue;
      }
      if (role === 'document') {
        documents.set(name, await collect(entry as AsyncIterable<Buffer>));
        continue;
      }
      const iterator = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      const firstRead = await iterator.next();
      const first = firstRead.done ? undefined : firstRead.value;
      const small = (header.size ?? 0) <= ARCHIVE_DOCUMENT_MAX_BYTES;
      if (role === 'blob' && small && first && /^\s*\{/.test(first.subarray(0, 64).toString('latin1'))) {
        const parts = [first];
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) parts.push(r.value);
        documents.set(name, Buffer.concat(parts));
        continue;
      }
      pending.push(await measureLayer(name, header, first, iterator, options, limit));
      // Layers finish compressing behind the reader; do not let it run far ahead (memory).
      if (pending.length - settled >= limit.limit * 2) await pending[settled++]();
    }
  } catch (err) {
    // Stop the feeder too (it may be waiting for the parser to drain), and `docker save` with it.
    tar.destroy(err as Error);
    source.destroy();
    throw err;
  } finally {
    await feed;
  }
  const layers = new Map<string, ArchiveLayer>();
  for (const layer of await Promise.all(pending.map((p) => p()))) layers.set(layer.path, layer);
  return { layers, documents, links };
}
