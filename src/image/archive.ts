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
 *
 * The read may end before the archive does (`enough`): once everything the caller needs has streamed
 * past, the rest (layers it would only skip, the documents naming entries) is not read at all.
 */
import { createHash, type Hash } from 'node:crypto';
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
  /** sha256 of the entry's bytes (`sha256:<hex>`), when asked for (`digestLayers`) and it was read. */
  digest?: string;
}

export interface ImageArchive {
  layers: Map<string, ArchiveLayer>;
  /** Small JSON files (manifest.json, index.json, configs, OCI manifests) by entry name. */
  documents: Map<string, Buffer>;
  /** Symlinked entries: name -> the entry name it points to. */
  links: Map<string, string>;
  /** Set when `enough` ended the read before the archive's end: later entries were never read. */
  partial?: boolean;
}

/** What has streamed past so far, for `enough`: the documents, and each layer entry as it was read. */
export interface ArchiveProgress {
  documents: ReadonlyMap<string, Buffer>;
  layers: ReadonlyMap<string, { mode: LayerReadMode; digest?: string }>;
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
  /**
   * Hash the bytes of each `<id>/layer.tar` entry that is read (not skipped): in the legacy layout the
   * uncompressed tar's sha256 is the layer's diff id, which its name does not say.
   */
  digestLayers?: boolean;
  /** Asked after each entry; true ends the read there (the archive is then `partial`). */
  enough?: (progress: ArchiveProgress) => boolean;
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

/** A layer entry once its bytes have streamed past: how it was read, and its result when compressed. */
interface StreamedLayer {
  mode: LayerReadMode;
  digest?: string;
  result: () => Promise<ArchiveLayer>;
}

async function measureLayer(
  path: string,
  header: Header,
  first: Buffer | undefined,
  rest: AsyncIterator<Buffer>,
  options: ReadArchiveOptions,
  limit: ConcurrencyLimit,
): Promise<StreamedLayer> {
  const archiveBytes = header.size ?? 0;
  const mode = options.modeOf?.({ path, bytes: archiveBytes }) ?? 'measure';
  const head = first ?? Buffer.alloc(0);
  const stored = isGzip(head) || isZstd(head);
  const hash: Hash | undefined =
    options.digestLayers && mode !== 'skip' && !stored && roleOf(path) === 'layer'
      ? createHash('sha256')
      : undefined;
  if (mode === 'skip') {
    for (let r = await rest.next(); !r.done; r = await rest.next());
    return { mode, result: async () => ({ path, archiveBytes, mode }) };
  }
  const entry = { path, archiveBytes, first, rest };
  const read = await readLayer(entry, { mode, stored, hash }, options, limit);
  const digest = hash ? `sha256:${hash.digest('hex')}` : undefined;
  return {
    mode,
    ...(digest ? { digest } : {}),
    result: async () => ({ ...(await read()), ...(digest ? { digest } : {}) }),
  };
}

/** Reads a layer entry that is not skipped; resolves once its bytes have streamed past. */
async function readLayer(
  entry: { path: string; archiveBytes: number; first?: Buffer; rest: AsyncIterator<Buffer> },
  how: { mode: Exclude<LayerReadMode, 'skip'>; stored: boolean; hash?: Hash },
  options: ReadArchiveOptions,
  limit: ConcurrencyLimit,
): Promise<() => Promise<ArchiveLayer>> {
  const { path, archiveBytes, first, rest } = entry;
  const { mode, hash } = how;
  async function* chunks(): AsyncGenerator<Buffer> {
    if (first) yield first;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  }
  if (how.stored) {
    const storedAs = first && isGzip(first) ? 'gzip' : 'zstd';
    let files: LayerFiles | undefined;
    if (storedAs === 'gzip') {
      const scanner = new LayerFileScanner(
        options.listFiles,
        options.listFiles ? options.readContents?.() : undefined,
      );
      try {
        await listGzippedLayer(chunks(), scanner);
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
    hash?.update(chunk);
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

/** Reads an entry that is not a layer: a link, a document, or something to pass over. True: handled. */
async function readOther(
  entry: { header: Header; resume(): void },
  name: string,
  role: EntryRole,
  into: Pick<ImageArchive, 'documents' | 'links'>,
): Promise<boolean> {
  const header = entry.header;
  if (header.type === 'symlink' || header.type === 'link') {
    const target =
      header.type === 'symlink'
        ? posix.normalize(posix.join(posix.dirname(name), header.linkname ?? ''))
        : cleanName(header.linkname ?? '');
    into.links.set(name, target);
    entry.resume();
    return true;
  }
  if (header.type !== 'file' || role === 'skip') {
    entry.resume();
    return true;
  }
  if (role === 'document') {
    into.documents.set(name, await collect(entry as unknown as AsyncIterable<Buffer>));
    return true;
  }
  return false;
}

/**
 * Reads a `docker save` stream to its end, or until `enough` says so (the rest is then not read, and
 * `source` is destroyed). Rejects when the stream is not a readable image archive.
 */
export async function readImageArchive(source: Readable, options: ReadArchiveOptions): Promise<ImageArchive> {
  const limit = options.limit ?? new ConcurrencyLimit();
  const tar = extract();
  const documents = new Map<string, Buffer>();
  const links = new Map<string, string>();
  const pending: Array<() => Promise<ArchiveLayer>> = [];
  const progress = { documents, layers: new Map<string, { mode: LayerReadMode; digest?: string }>() };
  let settled = 0;
  let partial = false;

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
      const name = cleanName(entry.header.name);
      const role = roleOf(name);
      if (!(await readOther(entry, name, role, { documents, links }))) {
        const iterator = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
        const firstRead = await iterator.next();
        const first = firstRead.done ? undefined : firstRead.value;
        const small = (entry.header.size ?? 0) <= ARCHIVE_DOCUMENT_MAX_BYTES;
        if (role === 'blob' && small && first && /^\s*\{/.test(first.subarray(0, 64).toString('latin1'))) {
          const parts = [first];
          for (let r = await iterator.next(); !r.done; r = await iterator.next()) parts.push(r.value);
          documents.set(name, Buffer.concat(parts));
        } else {
          const streamed = await measureLayer(name, entry.header, first, iterator, options, limit);
          progress.layers.set(name, { mode: streamed.mode, digest: streamed.digest });
          pending.push(streamed.result);
          // Layers finish compressing behind the reader; do not let it run far ahead (memory).
          if (pending.length - settled >= limit.limit * 2) await pending[settled++]();
        }
      }
      if (options.enough?.(progress)) {
        partial = true;
        break;
      }
    }
    if (partial) {
      // Nothing after this point is needed: stop the parser, the feeder and `docker save`.
      tar.destroy();
      source.destroy();
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
  return { layers, documents, links, ...(partial ? { partial } : {}) };
}
