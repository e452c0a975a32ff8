/**
 * The largest files of an image's final filesystem, and between two images the files added or grown
 * most. Pure. Each image keeps its LARGEST_FILES_KEPT largest files (and the size below which it
 * stopped), so a file in the head's list that is not in the base's was either not in the base or
 * smaller than the base's smallest listed file: the report says which it knows.
 */
import { LARGEST_FILE_CHANGES, LARGEST_FILES_KEPT } from '../limits.js';
import type { FileChange, ImageFile, ImageMeasurement, LayerInfo } from '../model.js';
import type { FinalFile } from './final-files.js';

/** Larger first; among equal sizes, by path (paths are unique, so the order is total). */
const beforeInList = (a: ImageFile, b: ImageFile): boolean =>
  a.size > b.size || (a.size === b.size && a.path < b.path);

/**
 * The `keep` largest files, in that order. A bounded sorted list rather than sorting every file: a
 * file is placed only when it beats the smallest kept one, which few of tens of thousands do.
 */
export function largestFiles(
  files: Map<string, FinalFile>,
  keep = LARGEST_FILES_KEPT,
): { largestFiles: ImageFile[]; largestFilesFrom: number } {
  const kept: ImageFile[] = [];
  let nonEmpty = 0;
  for (const [path, f] of files) {
    if (f.size <= 0) continue;
    nonEmpty++;
    const file: ImageFile = { path, size: f.size, layer: f.layer };
    const last = kept[kept.length - 1];
    if (kept.length >= keep && (keep === 0 || !last || !beforeInList(file, last))) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (beforeInList(kept[mid] as ImageFile, file)) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, file);
    if (kept.length > keep) kept.pop();
  }
  // Files of the smallest kept size may be cut off too; only larger ones are certainly all here.
  const largestFilesFrom = nonEmpty > keep && kept.length > 0 ? (kept[kept.length - 1] as ImageFile).size : 0;
  return { largestFiles: kept, largestFilesFrom };
}

function origin(layers: LayerInfo[], index: number): Pick<FileChange, 'layer' | 'instruction' | 'baseImage'> {
  const l = layers[index];
  return {
    layer: index,
    ...(l?.instruction ? { instruction: l.instruction } : {}),
    ...(l?.baseImage ? { baseImage: l.baseImage } : {}),
  };
}

/** Files the head added or grew, the most bytes first. */
export function diffLargestFiles(
  base: ImageMeasurement,
  head: ImageMeasurement,
  limit = LARGEST_FILE_CHANGES,
): FileChange[] | undefined {
  if (!base.contents || !head.contents) return undefined;
  const before = new Map(base.contents.largestFiles.map((f) => [f.path, f.size]));
  const below = base.contents.largestFilesFrom;
  const changes: FileChange[] = [];
  for (const f of head.contents.largestFiles) {
    const baseSize = before.get(f.path);
    if (baseSize !== undefined && f.size <= baseSize) continue;
    // Not listed in a cut-off base list: it was absent there, or at most `below` bytes.
    if (baseSize === undefined && below > 0 && f.size <= below) continue;
    changes.push({
      path: f.path,
      change: baseSize === undefined ? 'added' : 'grew',
      ...(baseSize !== undefined ? { baseSize } : below > 0 ? { baseBelow: below } : {}),
      headSize: f.size,
      delta: f.size - (baseSize ?? 0),
      ...origin(head.layers, f.layer),
    });
  }
  return changes.sort((a, b) => b.delta - a.delta || (a.path < b.path ? -1 : 1)).slice(0, limit);
}
