/**
 * Image scans kept by image id, so an image is read through `docker save` once, and (`layers`) the
 * facts of each layer by diff id, so a new image reads only the layers never seen before.
 *
 * An image id is the digest of the image's config, and the config names each layer by the digest of
 * its uncompressed content, so everything a scan holds (layer sizes, gzip sizes, config, wasted space)
 * is a function of the id: a scan never goes stale. Within one run the store answers from memory (the
 * base commit's image is often the head's own, when a PR does not touch what the target ships); with
 * a persistent TextCache behind it (a directory on the machine) it also answers for images an earlier
 * run scanned, which is every image of a re-run whose builds all came from the build cache.
 *
 * What it reads back is checked; anything unexpected is a miss, never an error.
 */
import { join } from 'node:path';
import { createDirectoryCache, machineCacheDir, type TextCache } from '../seams/cache.js';
import { createLayerStore, type LayerStore } from './layer-store.js';
import type { ImageScan } from './scan.js';

export interface ScanStore {
  /** The scan of this image id; with `needWaste`, only one that has the wasted-space analysis. */
  get(imageId: string, needWaste: boolean): Promise<ImageScan | undefined>;
  put(scan: ImageScan): Promise<void>;
  /** What is known of each layer, by diff id: an image not scanned before reads only its new layers. */
  layers: LayerStore;
}

/** Bump when what a scan holds or how it is computed changes: older entries are then never read. */
export const SCAN_FORMAT = 3;

export function scanKey(imageId: string): string {
  return `image-scan-v${SCAN_FORMAT}-${imageId.replace(/^sha256:/, '')}`;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The scan in `text` when it is a well-formed scan of `imageId`, else undefined. */
export function parseScan(text: string, imageId: string): ImageScan | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as { format?: unknown; scan?: Partial<ImageScan> };
  const scan = entry.scan;
  if (entry.format !== SCAN_FORMAT || !scan || scan.imageId !== imageId) return undefined;
  if (!isCount(scan.configBytes) || typeof scan.config !== 'object' || scan.config === null) return undefined;
  if (!Array.isArray(scan.layers)) return undefined;
  const layersOk = scan.layers.every(
    (l: unknown) =>
      typeof l === 'object' &&
      l !== null &&
      typeof (l as { path?: unknown }).path === 'string' &&
      typeof (l as { diffId?: unknown }).diffId === 'string' &&
      ['registry', 'measured', 'cached'].includes(
        (l as { compressedSizeSource?: string }).compressedSizeSource ?? '',
      ) &&
      isCount((l as { size?: unknown }).size) &&
      isCount((l as { compressedSize?: unknown }).compressedSize),
  );
  if (!layersOk) return undefined;
  if (scan.waste !== undefined && (typeof scan.waste !== 'object' || !isCount(scan.waste?.wastedBytes)))
    return undefined;
  return scan as ImageScan;
}

export function serializeScan(scan: ImageScan): string {
  return JSON.stringify({ format: SCAN_FORMAT, scan });
}

/**
 * A store that remembers this run's scans, and reads and writes `persistent` when given; `layers`
 * holds the per-layer facts (default: this run's only).
 */
export function createScanStore(persistent?: TextCache, layers: LayerStore = createLayerStore()): ScanStore {
  const memory = new Map<string, ImageScan>();
  const usable = (scan: ImageScan | undefined, needWaste: boolean) =>
    scan && (!needWaste || scan.waste !== undefined) ? scan : undefined;
  return {
    layers,
    async get(imageId, needWaste) {
      const known = usable(memory.get(imageId), needWaste);
      if (known || !persistent?.available()) return known;
      const text = await persistent.get(scanKey(imageId));
      const scan = text === undefined ? undefined : usable(parseScan(text, imageId), needWaste);
      if (scan) memory.set(imageId, scan);
      return scan;
    },
    async put(scan) {
      // A scan without the waste analysis never replaces one with it.
      if (memory.get(scan.imageId)?.waste && !scan.waste) return;
      memory.set(scan.imageId, scan);
      if (persistent?.available()) await persistent.put(scanKey(scan.imageId), serializeScan(scan));
    },
  };
}

/** The store `run()` and the CLI use: this run's scans, and those kept in the machine's cache folder. */
export function createMachineScanStore(env: NodeJS.ProcessEnv = process.env): ScanStore {
  const dir = machineCacheDir(env);
  if (dir === undefined) return createScanStore();
  return createScanStore(
    createDirectoryCache(join(dir, 'image-scans')),
    createLayerStore(createDirectoryCache(join(dir, 'layers'))),
  );
}
