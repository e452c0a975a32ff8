/**
 * Lists a layer tar's files as it streams past: path, size and kind, never the contents. This is all
 * the wasted-space analysis needs, so its memory grows with the number of files, not their bytes.
 *
 * One extension point: an optional content reader (packages/reader.ts) is offered each regular file
 * and may take its bytes as they pass (package databases and manifests); the layer's package facts
 * come back with the file list, from the same pass.
 */
import { TarEntryReader, type TarHeader } from './tar-entries.js';
import type { LayerContentReader } from './packages/reader.js';
import type { LayerPackageFacts } from './packages/types.js';

/**
 * `file`: anything that occupies a path (regular file, symlink, hard link, device);
 * `whiteout`: `.wh.<name>` deletes <name> from lower layers;
 * `opaque`: `.wh..wh..opq` hides everything lower layers had in that directory.
 */
export type LayerEntryKind = 'file' | 'dir' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Absolute path in the image (`/usr/bin/env`); for whiteouts, the path that is deleted. */
  path: string;
  /**
   * Bytes as the engine counts a layer's size on disk: a regular file's length, a symlink's target
   * length (what lstat reports), 0 for directories, hard links (same inode) and whiteouts.
   */
  size: number;
  kind: LayerEntryKind;
}

export interface LayerFiles {
  entries: LayerEntry[];
  /** Sum of entry sizes: the layer's size as `docker history` and `docker image inspect` count it. */
  contentBytes: number;
  /** What the layer's package databases and manifests say, when a content reader was given. */
  packages?: LayerPackageFacts;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `./usr/bin/` -> `/usr/bin` */
export function normalizeLayerPath(name: string): string {
  // Most names are already plain (`usr/bin/env`): no regex for those (this runs for every file).
  const first = name.charCodeAt(0);
  if (first !== 0x2e && first !== 0x2f && name.charCodeAt(name.length - 1) !== 0x2f) return '/' + name;
  const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return '/' + trimmed;
}

export function classifyEntry(header: TarHeader): LayerEntry | undefined {
  const path = normalizeLayerPath(header.name);
  if (path === '/') return undefined;
  if (!path.includes('/.wh.')) return plainEntry(path, header);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE) return { path: dir || '/', size: 0, kind: 'opaque' };
  if (base.startsWith(WHITEOUT))
    return { path: `${dir}/${base.slice(WHITEOUT.length)}`, size: 0, kind: 'whiteout' };
  return plainEntry(path, header);
}

/** An entry that is no whiteout: a directory, or a file of its size as the engine counts it. */
function plainEntry(path: string, header: TarHeader): LayerEntry {
  if (header.type === 'directory') return { path, size: 0, kind: 'dir' };
  const regular = header.type === 'file' || header.type === 'contiguous-file';
  const size = regular ? header.size : header.type === 'symlink' ? Buffer.byteLength(header.linkname) : 0;
  return { path, size, kind: 'file' };
}

/**
 * A writable sink for one layer tar: `write` chunks in order (awaiting it), then `end`. The tar's
 * headers are walked in place (tar-entries.ts); only files the content reader takes are read.
 */
export class LayerFileScanner {
  private readonly reader: TarEntryReader;
  private readonly entries: LayerEntry[] = [];
  private contentBytes = 0;
  private failure?: Error;

  /**
   * `keepEntries` false: only count bytes (the file list is for the wasted-space analysis).
   * `contents`: offered every regular file; the bytes of those it takes are passed to it.
   */
  constructor(
    private readonly keepEntries = true,
    private readonly contents?: LayerContentReader,
  ) {
    this.reader = new TarEntryReader((header) => {
      const entry = classifyEntry(header);
      if (!entry) return undefined;
      if (this.keepEntries) this.entries.push(entry);
      if (entry.kind === 'file') this.contentBytes += entry.size;
      const regular = header.type === 'file' || header.type === 'contiguous-file';
      return regular ? this.contents?.open(entry.path, entry.size, header.mode) : undefined;
    });
  }

  /** Async for its callers' sake (they await each sink in turn); the walk itself is synchronous. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) return;
    try {
      this.reader.write(chunk);
    } catch (err) {
      this.failure = err as Error;
    }
  }

  async end(): Promise<LayerFiles> {
    if (!this.failure) {
      try {
        this.reader.end();
      } catch (err) {
        this.failure = err as Error;
      }
    }
    if (this.failure) throw new Error(`layer tar could not be read: ${this.failure.message}`);
    const packages = this.contents?.finish();
    return { entries: this.entries, contentBytes: this.contentBytes, ...(packages ? { packages } : {}) };
  }
}
