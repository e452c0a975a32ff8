/**
 * One streamed pass over `docker save`: what an image is made of (layer sizes, gzip sizes, config,
 * wasted space), independent of any Dockerfile. Layers already known by diff id (layer-store.ts) are
 * not compressed again: their bytes are discarded as they stream past, or, when only their file list
 * is missing, listed without compressing. How the archive is read: archive.ts, compressed-size.ts.
 */
import { UserError } from '../errors.js';
import type { CompressedSizeSource, ImageContents, WasteReport } from '../model.js';
import { failureSummary, type Docker } from '../seams/docker.js';
import type { StreamHandle } from '../seams/engine.js';
import {
  readImageArchive,
  type ArchiveLayer,
  type ArchiveProgress,
  type ImageArchive,
  type LayerEntryHeader,
  type LayerReadMode,
} from './archive.js';
import type { ConcurrencyLimit } from './compressed-size.js';
import type { LayerFacts } from './layer-facts.js';
import type { ImageConfig } from './layers.js';
import type { LayerFiles } from './layer-files.js';
import { resolveLayout, type ImageLayout } from './manifest.js';
import { configFromArchive, readEntryOf, stopOnceRead } from './partial-read.js';
import { wasteAndFinalFiles } from './waste.js';
import { imageContents } from './contents.js';
import { createPackageReader } from './packages/reader.js';
import type { LayerPackageFacts } from './packages/types.js';

/** How to read the saved stream: each layer entry's mode, and when the rest is not needed. */
interface SavedReading {
  modeOf: (entry: LayerEntryHeader) => LayerReadMode;
  enough?: (progress: ArchiveProgress) => boolean;
}

/**
 * A `docker save` started before anything reads it. The engine exports the whole image before it
 * streams the first byte (docs/size.md), so a save started early exports while another measurement
 * compresses; its stream waits, unread, in the pipe (backpressure stops the engine) until read.
 */
export interface StartedSave {
  handle: StreamHandle;
  stop: AbortController;
  /** What the stream is, for messages: `'docker save'` unless said (a build's exported file). */
  source?: string;
}

export function startSave(docker: Docker, imageIds: string | readonly string[]): StartedSave {
  const stop = new AbortController();
  const names = typeof imageIds === 'string' || imageIds.length !== 1 ? imageIds : (imageIds[0] as string);
  return { handle: docker.save(names, stop.signal), stop };
}

/** The file a build exported (`--output=type=docker,dest=`), read as a started `docker save` is. */
export function startExported(docker: Docker, file: string): StartedSave {
  const stop = new AbortController();
  return { handle: docker.exported(file, stop.signal), stop, source: `the build's export ${file}` };
}

/** Stops a started save that will not be read, and waits for its process to end. */
export async function discardSave(started: StartedSave | undefined): Promise<void> {
  if (!started) return;
  started.stop.abort();
  started.handle.stdout.destroy();
  await started.handle.done;
}

/**
 * Reads the image through `docker save` (`started`, or a save started now); the stream is consumed
 * as it arrives, never buffered. When `enough` ends the read early, `docker save` is stopped: its
 * exit status then says nothing.
 */
async function readSaved(
  docker: Docker,
  imageIds: readonly string[],
  k: Pick<ScanKnowledge, 'listFiles' | 'limit'>,
  reading: SavedReading,
  started: StartedSave = startSave(docker, imageIds),
): Promise<ImageArchive> {
  const imageId = imageIds.join(' ');
  const { listFiles, limit } = k;
  const { handle, stop } = started;
  const source = started.source ?? "'docker save'";
  let archive: ImageArchive;
  try {
    // With the file lists comes the package reader: the same pass, the same bytes.
    const readContents = listFiles ? createPackageReader : undefined;
    archive = await readImageArchive(handle.stdout, {
      listFiles,
      limit,
      readContents,
      modeOf: reading.modeOf,
      enough: reading.enough,
      digestLayers: reading.enough !== undefined,
    });
  } catch (err) {
    const result = await handle.done;
    const stderr = result.exitCode !== 0 ? failureSummary(result) : '';
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `Could not read image ${imageId} from ${source}: ${why}${stderr ? ` (${started.source ? 'read' : 'docker'}: ${stderr})` : ''}`,
      'size',
    );
  }
  if (archive.partial) {
    stop.abort();
    await handle.done;
    return archive;
  }
  const result = await handle.done;
  if (result.exitCode !== 0) {
    throw new UserError(
      started.source
        ? `Could not read image ${imageId} from ${started.source}: ${failureSummary(result)}`
        : `'docker save ${imageId}' failed (exit ${result.exitCode}): ${failureSummary(result)}`,
      'size',
    );
  }
  return archive;
}

export interface ScannedLayer {
  /** Archive entry the layer was read from ('' when the image was not saved: every layer was known). */
  path: string;
  diffId: string;
  size: number;
  compressedSize: number;
  compressedSizeSource: CompressedSizeSource;
  /** What the layer's package databases and manifests say (when its files were listed). */
  packages?: LayerPackageFacts;
}

/**
 * What one `docker save` pass tells about an image: everything the measurement needs that does not
 * depend on the Dockerfile. An image id is the digest of the image's config, which names every layer by
 * the digest of its content, so a scan stays true for that id (see scan-store.ts, which keeps them).
 */
export interface ImageScan {
  imageId: string;
  config: ImageConfig;
  /** Bytes of the config as stored (pushed as-is). */
  configBytes: number;
  /** Layers bottom first. */
  layers: ScannedLayer[];
  /** Set when the scan listed the layers' files (the wasted-space analysis). */
  waste?: WasteReport;
  /** Packages and largest files, when the scan listed the layers' files. */
  contents?: ImageContents;
}

/**
 * What the layers' file lists tell, once every layer has one: the wasted space, and the packages and
 * largest files (both from the same lists); nothing when files were not listed or a list is missing.
 */
export function fromFileLists(
  listFiles: boolean,
  fileLists: (LayerFiles | undefined)[],
): Pick<ImageScan, 'waste' | 'contents'> {
  if (!listFiles || !fileLists.every((f): f is LayerFiles => f !== undefined)) return {};
  const { waste, files } = wasteAndFinalFiles(fileLists);
  return { waste, contents: imageContents(fileLists, files) };
}

/** What the scan may take as known instead of reading it. */
export interface ScanKnowledge {
  /** List files for the wasted-space analysis. */
  listFiles: boolean;
  /** The image's layers bottom first, as `docker image inspect` names them (RootFS.Layers). */
  diffIds: string[];
  /** What is known of a layer already, by diff id. */
  known: ReadonlyMap<string, LayerFacts>;
  /** Compressed sizes the registry stores, by diff id (pulled base-image layers). */
  registry: ReadonlyMap<string, number>;
  /** Bounds the blocks compressing at once (default: one per core, plus one). */
  limit?: ConcurrencyLimit;
}

export interface ScanResult {
  scan: ImageScan;
  /** Facts of the layers this scan read: for the layer store. */
  measured: LayerFacts[];
  /** How each layer was read, bottom first (what was compressed, what was skipped). */
  modes: LayerReadMode[];
}

/** How much of a layer must be read, from what is known of it. */
export function readModeOf(diffId: string, k: ScanKnowledge): LayerReadMode {
  const facts = k.known.get(diffId);
  if (facts && (!k.listFiles || facts.files)) return 'skip';
  return facts || k.registry.has(diffId) ? 'read' : 'measure';
}

const STRENGTH: Record<LayerReadMode, number> = { skip: 0, read: 1, measure: 2 };

/**
 * How to read an archive entry before its bytes stream. The OCI layout names an uncompressed layer by
 * its diff id (`blobs/sha256/<diff id>`), a compressed one (containerd store) by the compressed blob's
 * digest, which a layer read before remembers (`blobDigest`). The legacy layout names it by a v1 id, so a known layer is
 * recognised by its tar's length (`tarBytes`); a guess is checked against manifest.json afterwards.
 */
function entryModes(k: ScanKnowledge, trustTarBytes: boolean): (entry: LayerEntryHeader) => LayerReadMode {
  const ids = new Set(k.diffIds);
  const byBlob = new Map<string, string>();
  for (const d of k.diffIds) {
    const blob = k.known.get(d)?.blobDigest;
    if (blob) byBlob.set(blob, d);
  }
  const byTarBytes = new Map<number, LayerReadMode>();
  for (const d of k.diffIds) {
    const bytes = k.known.get(d)?.tarBytes;
    if (bytes === undefined || !trustTarBytes) continue;
    const mode = readModeOf(d, k);
    const before = byTarBytes.get(bytes);
    byTarBytes.set(bytes, before && STRENGTH[before] > STRENGTH[mode] ? before : mode);
  }
  return ({ path, bytes }) => {
    const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(path);
    if (blob) {
      const digest = `sha256:${blob[1]}`;
      const diffId = ids.has(digest) ? digest : byBlob.get(digest);
      return diffId ? readModeOf(diffId, k) : 'measure';
    }
    return byTarBytes.get(bytes) ?? 'measure';
  };
}

/**
 * The image's layout in the archive. A read that stopped early has no manifest: the config is the one
 * named by the image id, a layer that was read is the entry read as it, and a skipped one has no entry.
 */
function layoutOf(archive: ImageArchive, imageId: string, k: ScanKnowledge): ImageLayout {
  if (archive.partial) {
    const found = configFromArchive(archive, imageId, k.diffIds);
    if (!found) throw new UserError(`'docker save' of ${imageId} ended before its config.`, 'size');
    return { ...found, layerPaths: k.diffIds.map((d) => readEntryOf(archive, d) ?? '') };
  }
  try {
    return resolveLayout(archive, imageId);
  } catch (err) {
    throw new UserError(
      `Could not read image ${imageId} from 'docker save': ${(err as Error).message}`,
      'size',
    );
  }
}

/** The archive's name for a layer when it is a blob digest other than the diff id. */
function blobDigestOf(path: string, diffId: string): { blobDigest: string } | undefined {
  const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(path);
  const digest = blob ? `sha256:${blob[1]}` : undefined;
  return digest && digest !== diffId ? { blobDigest: digest } : undefined;
}

/** One layer's result from what was read and what was known; undefined when a guess was wrong. */
function layerResult(
  read: ArchiveLayer,
  diffId: string,
  k: ScanKnowledge,
): { layer: ScannedLayer; files?: LayerFiles; measured?: LayerFacts } | undefined {
  const needed = readModeOf(diffId, k);
  const mode = read.mode ?? 'measure';
  if (STRENGTH[mode] < STRENGTH[needed]) return undefined;
  const known = k.known.get(diffId);
  if (mode === 'skip' && known) {
    const source = known.compressedFrom === 'registry' ? 'registry' : 'cached';
    const layer = { path: read.path, diffId, size: known.size, compressedSize: known.compressedSize };
    const packages = known.files?.packages;
    return {
      layer: { ...layer, compressedSizeSource: source, ...(packages ? { packages } : {}) },
      files: known.files,
    };
  }
  const size = read.files?.contentBytes ?? read.archiveBytes;
  const fromRegistry =
    k.registry.get(diffId) ?? (known?.compressedFrom === 'registry' ? known.compressedSize : undefined);
  const compressedSize = fromRegistry ?? read.compressedSize ?? known?.compressedSize;
  if (compressedSize === undefined) return undefined;
  const source: CompressedSizeSource =
    fromRegistry !== undefined ? 'registry' : read.compressedSize !== undefined ? 'measured' : 'cached';
  const measured: LayerFacts = {
    diffId,
    size,
    compressedSize,
    compressedFrom: fromRegistry !== undefined ? 'registry' : 'measured',
    ...(read.storedAs ? {} : { tarBytes: read.archiveBytes }),
    ...(blobDigestOf(read.path, diffId) ?? {}),
    ...(k.listFiles && read.files ? { files: read.files } : {}),
  };
  return {
    layer: {
      ...{ path: read.path, diffId, size, compressedSize, compressedSizeSource: source },
      ...(read.files?.packages ? { packages: read.files.packages } : {}),
    },
    files: read.files,
    measured,
  };
}

/** The scan from a read archive; undefined when a layer recognised by its length was another. */
function scanFromArchive(imageId: string, archive: ImageArchive, k: ScanKnowledge): ScanResult | undefined {
  const layout = layoutOf(archive, imageId, k);
  const diffIds = layout.config.rootfs?.diff_ids ?? k.diffIds;
  const results = layout.layerPaths.map((path, i) => {
    // A layer a partial read never reached is one it did not need (skipped).
    const read =
      path === '' && archive.partial
        ? { path, archiveBytes: 0, mode: 'skip' as const }
        : archive.layers.get(path);
    if (!read) throw new UserError(`'docker save' of ${imageId} lacks layer ${path}.`, 'size');
    return { read, result: layerResult(read, diffIds[i] ?? '', k) };
  });
  if (results.some((r) => !r.result)) return undefined;
  const done = results.map((r) => r.result as NonNullable<typeof r.result>);
  const listed = fromFileLists(
    k.listFiles,
    done.map((r) => r.files),
  );
  const measured = new Map(done.flatMap((r) => (r.measured ? [[r.measured.diffId, r.measured]] : [])));
  return {
    scan: {
      imageId,
      config: layout.config,
      configBytes: layout.configBytes,
      layers: done.map((r) => r.layer),
      ...listed,
    },
    measured: [...measured.values()],
    modes: results.map((r) => r.read.mode ?? 'measure'),
  };
}

/** One image of a scan, and what is known of it. */
export interface ScanRequest {
  imageId: string;
  k: ScanKnowledge;
}

/**
 * What several images' scans know together: a fact about a diff id (a content address) is true in
 * every image that holds the layer.
 */
function unionKnowledge(requests: readonly ScanRequest[]): ScanKnowledge {
  const [first] = requests as [ScanRequest, ...ScanRequest[]];
  if (requests.length === 1) return first.k;
  const merged = <V>(maps: ReadonlyMap<string, V>[]) => new Map(maps.flatMap((m) => [...m]));
  return {
    listFiles: requests.some((r) => r.k.listFiles),
    diffIds: [...new Set(requests.flatMap((r) => r.k.diffIds))],
    known: merged(requests.map((r) => r.k.known)),
    registry: merged(requests.map((r) => r.k.registry)),
    limit: first.k.limit,
  };
}

/** The read may stop early only once every image's config and needed layers have streamed past. */
function stopOnceAllRead(requests: readonly ScanRequest[], union: ScanKnowledge): SavedReading['enough'] {
  const tests = requests.map((r) => stopOnceRead(r.imageId, r.k, (d) => readModeOf(d, union)));
  if (tests.some((t) => t === undefined)) return undefined;
  return (progress) => tests.every((t) => t?.(progress));
}

/**
 * Reads one or more images through one `docker save` (`started`: one started early, see StartedSave):
 * layer sizes, compressed sizes, config, waste. The engine writes a layer the images share once, and it
 * is read once. Layers in `known` are not compressed again, and the read stops once every layer it
 * must read has streamed past (partial-read.ts): the rest would only be skipped. Should a layer
 * recognised by its tar's length turn out to be another (two layers of one length), the images are
 * read again without such guesses. Results come in the requests' order.
 */
export async function scanImages(
  docker: Docker,
  requests: readonly ScanRequest[],
  started?: StartedSave,
): Promise<ScanResult[]> {
  const union = unionKnowledge(requests);
  const ids = requests.map((r) => r.imageId);
  for (const trustTarBytes of [true, false]) {
    const reading = { modeOf: entryModes(union, trustTarBytes), enough: stopOnceAllRead(requests, union) };
    // A save started early serves the first read; a second read (a wrong guess) saves again.
    const archive = await readSaved(docker, ids, union, reading, trustTarBytes ? started : undefined);
    // Each image's layers are judged by what the read knew of every diff id, its own or the other's.
    const results = requests.map((r) =>
      scanFromArchive(r.imageId, archive, { ...union, diffIds: r.k.diffIds, listFiles: r.k.listFiles }),
    );
    if (results.every((r) => r !== undefined)) return results as ScanResult[];
  }
  throw new UserError(
    `'docker save' of ${ids.join(' ')} did not hold the layers its manifest names.`,
    'size',
  );
}

/** Reads one image through `docker save` (see scanImages). */
export async function scanImage(
  docker: Docker,
  imageId: string,
  k: ScanKnowledge,
  started?: StartedSave,
): Promise<ScanResult> {
  const [result] = await scanImages(docker, [{ imageId, k }], started);
  return result as ScanResult;
}
