/**
 * What is inside an image, from its layers' file lists and package facts (both from the one pass
 * over `docker save`): its packages and its largest files. Pure.
 */
import type { ImageContents } from '../model.js';
import { finalFiles, type FinalFile } from './final-files.js';
import { largestFiles } from './largest-files.js';
import type { LayerFiles } from './layer-files.js';
import { inventoryPackages } from './packages/inventory.js';

/** `files`: the final filesystem when the caller replayed the layers already (waste.ts does). */
export function imageContents(
  layers: LayerFiles[],
  files: Map<string, FinalFile> = finalFiles(layers.map((l) => l.entries)),
): ImageContents {
  const facts = layers.map((l) => l.packages);
  return {
    packages: inventoryPackages(facts, files),
    ...largestFiles(files),
    notes: [...new Set(facts.flatMap((f) => f?.notes ?? []))],
  };
}
