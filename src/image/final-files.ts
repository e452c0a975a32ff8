/**
 * The image's final filesystem from its layers' file lists: each path's surviving copy (its size and
 * the layer that wrote it), after whiteouts and opaque directories of higher layers. Pure; reads the
 * same lists the wasted-space analysis reads, nothing else. The replay tells what it does as it goes
 * (`ReplayEvents`), so the wasted-space analysis (waste.ts) tallies along the same pass instead of
 * replaying the layers a second time.
 */
import type { LayerEntry } from './layer-files.js';
import { LiveFiles } from './live-files.js';

export interface FinalFile {
  size: number;
  layer: number;
}

export interface ReplayEvents {
  /**
   * Layer `index` deleted `copy` of `path`, which a lower layer wrote: by a whiteout of the path itself
   * (`by` is the path), or of a directory above it or an opaque marker in one (`by` is `<dir>/`).
   */
  deleted(path: string, copy: FinalFile, index: number, by: string): void;
  /** Layer `index` wrote `path`; `previous` is the live copy it replaces (from a lower layer, or its own). */
  written(path: string, size: number, index: number, previous: FinalFile | undefined): void;
}

export function finalFiles(
  layers: ReadonlyArray<readonly LayerEntry[]>,
  events?: ReplayEvents,
): Map<string, FinalFile> {
  const live = new LiveFiles<FinalFile>();
  const deleteUnder = (dir: string, index: number): void => {
    const by = `${dir}/`;
    live.deleteUnder(dir, index, events && ((path, copy) => events.deleted(path, copy, index, by)));
  };
  layers.forEach((entries, index) => {
    // Deletions apply to lower layers only, whatever their order in this layer's tar.
    for (const entry of entries) {
      if (entry.kind === 'whiteout') {
        const file = live.get(entry.path);
        if (file && file.layer < index) {
          live.delete(entry.path);
          events?.deleted(entry.path, file, index, entry.path);
        } else deleteUnder(entry.path, index);
      } else if (entry.kind === 'opaque') deleteUnder(entry.path, index);
    }
    for (const entry of entries) {
      if (entry.kind !== 'file') continue;
      events?.written(entry.path, entry.size, index, live.get(entry.path));
      live.set(entry.path, { size: entry.size, layer: index });
    }
  });
  return live.byPath;
}
