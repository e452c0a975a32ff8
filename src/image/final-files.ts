/**
 * The image's final filesystem from its layers' file lists: each path's surviving copy (its size and
 * the layer that wrote it), after whiteouts and opaque directories of higher layers. Pure; reads the
 * same lists the wasted-space analysis reads, nothing else.
 */
import type { LayerEntry } from './layer-files.js';
import { LiveFiles } from './live-files.js';

export interface FinalFile {
  size: number;
  layer: number;
}

export function finalFiles(layers: Array<readonly LayerEntry[]>): Map<string, FinalFile> {
  const live = new LiveFiles<FinalFile>();
  const deleteUnder = (dir: string, index: number): void => live.deleteUnder(dir, index);
  layers.forEach((entries, index) => {
    // Deletions apply to lower layers only, whatever their order in this layer's tar.
    for (const entry of entries) {
      if (entry.kind === 'whiteout') {
        const file = live.get(entry.path);
        if (file && file.layer < index) live.delete(entry.path);
        else deleteUnder(entry.path, index);
      } else if (entry.kind === 'opaque') deleteUnder(entry.path, index);
    }
    for (const entry of entries) {
      if (entry.kind === 'file') live.set(entry.path, { size: entry.size, layer: index });
    }
  });
  return live.byPath;
}
