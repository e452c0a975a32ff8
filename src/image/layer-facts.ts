/**
 * What is known about one layer, keyed by its diff id (the digest of its uncompressed tar, as the
 * image config's `rootfs.diff_ids` and `docker image inspect`'s RootFS.Layers name it). A diff id is a
 * content address: the facts below are a function of it, so they are measured once and reused for
 * every image that has the layer (head and base in one run, later runs on the machine, the saved base
 * report on hosted runners). Pure: the type and its (de)serialization.
 *
 * Room for more: a per-layer fact that another analysis derives from the layer's bytes is one more
 * optional field here, kept and restored with the others, as the package facts are (with the files).
 */
import type { LayerEntry, LayerEntryKind, LayerFiles } from './layer-files.js';
import type { LayerPackageFacts } from './packages/types.js';

export interface LayerFacts {
  diffId: string;
  /** Bytes as unpacked on disk (sum of the entries' sizes). */
  size: number;
  /** Bytes as a registry stores the layer. */
  compressedSize: number;
  /** `registry`: the registry's manifest says so; `measured`: stagegate gzip-compressed it (level 6). */
  compressedFrom: 'registry' | 'measured';
  /**
   * Bytes of the layer tar as `docker save` streams it in Docker's legacy archive layout, whose
   * entries are not named by diff id: a layer is recognised there by this length before it is read.
   */
  tarBytes?: number;
  /**
   * The blob digest `docker save` names the layer by when it is not the diff id: the containerd
   * image store saves layers compressed, named by the compressed blob's digest.
   */
  blobDigest?: string;
  /** The layer's file list (paths and sizes), for the wasted-space analysis. */
  files?: LayerFiles;
}

/** Bump when what the facts hold or how they are computed changes: older entries are then not read. */
export const LAYER_FACTS_FORMAT = 2;

const KINDS: LayerEntryKind[] = ['file', 'dir', 'whiteout', 'opaque'];

/** Entries as [path, size, kind index]: a third of the JSON of objects, for large file lists. */
type PackedEntry = [string, number, number];

interface PackedFacts extends Omit<LayerFacts, 'files'> {
  files?: { contentBytes: number; entries: PackedEntry[]; packages?: LayerPackageFacts };
}

export function packLayerFacts(facts: LayerFacts): PackedFacts {
  const { files, ...rest } = facts;
  if (!files) return rest;
  return {
    ...rest,
    files: {
      contentBytes: files.contentBytes,
      entries: files.entries.map((e) => [e.path, e.size, KINDS.indexOf(e.kind)]),
      ...(files.packages ? { packages: files.packages } : {}),
    },
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function unpackFiles(value: unknown): LayerFiles | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { contentBytes, entries, packages } = value as {
    contentBytes?: unknown;
    entries?: unknown;
    packages?: unknown;
  };
  if (!isCount(contentBytes) || !Array.isArray(entries)) return undefined;
  if (packages !== undefined && (typeof packages !== 'object' || packages === null)) return undefined;
  const out: LayerEntry[] = [];
  for (const e of entries as unknown[]) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !isCount(e[1]) || !KINDS[e[2] as number])
      return undefined;
    out.push({ path: e[0], size: e[1], kind: KINDS[e[2] as number] });
  }
  // The package facts are this code's own JSON (packages/types.ts), read back as written.
  return { contentBytes, entries: out, ...(packages ? { packages: packages as LayerPackageFacts } : {}) };
}

/** The facts in a packed value when they are well-formed (for `diffId` when given), else undefined. */
export function unpackLayerFacts(value: unknown, diffId?: string): LayerFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Record<keyof PackedFacts, unknown>>;
  if (typeof v.diffId !== 'string' || (diffId !== undefined && v.diffId !== diffId)) return undefined;
  if (!isCount(v.size) || !isCount(v.compressedSize)) return undefined;
  if (v.compressedFrom !== 'registry' && v.compressedFrom !== 'measured') return undefined;
  if (v.tarBytes !== undefined && !isCount(v.tarBytes)) return undefined;
  if (v.blobDigest !== undefined && typeof v.blobDigest !== 'string') return undefined;
  const files = v.files === undefined ? undefined : unpackFiles(v.files);
  if (v.files !== undefined && !files) return undefined;
  return {
    diffId: v.diffId,
    size: v.size,
    compressedSize: v.compressedSize,
    compressedFrom: v.compressedFrom,
    ...(v.tarBytes !== undefined ? { tarBytes: v.tarBytes } : {}),
    ...(v.blobDigest !== undefined ? { blobDigest: v.blobDigest } : {}),
    ...(files ? { files } : {}),
  };
}

/** One layer's facts, as kept in the machine's cache folder. */
export function serializeLayerFacts(facts: LayerFacts): string {
  return JSON.stringify({ format: LAYER_FACTS_FORMAT, layer: packLayerFacts(facts) });
}

export function parseLayerFacts(text: string, diffId: string): LayerFacts | undefined {
  try {
    const entry = JSON.parse(text) as { format?: unknown; layer?: unknown };
    return entry.format === LAYER_FACTS_FORMAT ? unpackLayerFacts(entry.layer, diffId) : undefined;
  } catch {
    return undefined;
  }
}

/** Combines what two sources know of one layer: the registry's figure wins, a file list is kept. */
export function mergeLayerFacts(older: LayerFacts | undefined, newer: LayerFacts): LayerFacts {
  if (!older) return newer;
  const registry = older.compressedFrom === 'registry' && newer.compressedFrom !== 'registry' ? older : newer;
  return {
    ...older,
    ...newer,
    compressedSize: registry.compressedSize,
    compressedFrom: registry.compressedFrom,
    ...((newer.tarBytes ?? older.tarBytes) !== undefined
      ? { tarBytes: newer.tarBytes ?? older.tarBytes }
      : {}),
    ...((newer.files ?? older.files) ? { files: newer.files ?? older.files } : {}),
  };
}
