/**
 * Wasted space, as dive defines it: bytes that ship in a layer but are not in the final filesystem,
 * because a later layer replaced or deleted them. Pure: it reads the per-layer file lists that
 * `LayerFileScanner` kept (paths and sizes only), in layer order.
 *
 * - `wastedBytes`: the bytes of every copy that a later layer replaced (wrote the path again) or
 *   deleted (a whiteout, or an opaque directory that hides it). The copy that survives is not waste.
 * - `efficiency`: dive's score, sum over paths of the smallest copy / sum over paths of all copies,
 *   where a deletion is a 0-byte copy. 1.0 means nothing was ever replaced or deleted.
 * - `diveWastedBytes`: dive's "potential wasted space", which sums every copy of a path written more
 *   than once, the surviving one included; reported so the figure can be checked against dive.
 *
 * One difference from dive, on purpose: when a layer deletes a directory, each file under it counts
 * as deleted (dive credits the deleted directory to the efficiency score but not to wasted space).
 * Offenders roll a deleted directory up into one entry (`/var/lib/apt/lists/`), so the list names
 * what to fix rather than thousands of files.
 */
import type { WasteEntry, WasteReport } from '../model.js';
import { WASTE_OFFENDERS } from '../limits.js';
import type { LayerFiles } from './layer-files.js';
import { finalFiles, type FinalFile } from './final-files.js';

export { WASTE_OFFENDERS };

interface PathStats {
  cumulative: number;
  smallest: number;
  copies: number;
}

interface Offender {
  wastedBytes: number;
  layers: Set<number>;
  count: number;
}

/** The report from the per-path tallies: totals, dive's efficiency, and the largest offenders. */
function summarize(
  stats: Map<string, PathStats>,
  offenders: Map<string, Offender>,
  wastedBytes: number,
  maxOffenders: number,
): WasteReport {
  let smallest = 0;
  let cumulative = 0;
  let diveWastedBytes = 0;
  for (const s of stats.values()) {
    smallest += s.smallest;
    cumulative += s.cumulative;
    if (s.copies > 1) diveWastedBytes += s.cumulative;
  }
  const list: WasteEntry[] = [...offenders]
    .filter(([, o]) => o.wastedBytes > 0)
    .sort((a, b) => b[1].wastedBytes - a[1].wastedBytes || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxOffenders)
    .map(([path, o]) => ({
      path,
      wastedBytes: o.wastedBytes,
      layers: [...o.layers].sort((a, b) => a - b),
      // A file: every copy across layers (the survivor too); a deleted directory: the files it held.
      count: path.endsWith('/') ? o.count : (stats.get(path)?.copies ?? o.count),
    }));
  return {
    wastedBytes,
    efficiency: cumulative === 0 ? 1 : smallest / cumulative,
    diveWastedBytes,
    offenders: list,
  };
}

export function computeWaste(layers: LayerFiles[], maxOffenders = WASTE_OFFENDERS): WasteReport {
  return wasteAndFinalFiles(layers, maxOffenders).waste;
}

/** The wasted space and the final filesystem (what imageContents reads) from one replay of the layers. */
export function wasteAndFinalFiles(
  layers: LayerFiles[],
  maxOffenders = WASTE_OFFENDERS,
): { waste: WasteReport; files: Map<string, FinalFile> } {
  const { stats, offenders, wastedBytes, files } = tally(layers);
  return { waste: summarize(stats, offenders, wastedBytes, maxOffenders), files };
}

/** A path written (or deleted) more than once: one row of dive's `fileReference` list. */
export interface RepeatedPath {
  path: string;
  /** Copies across layers, a deletion counting as a 0-byte copy (dive's `count`). */
  copies: number;
  /** Bytes of all those copies, the survivor included (dive's `sizeBytes`). */
  cumulativeBytes: number;
}

/**
 * Every path written more than once, as dive lists them in `image.fileReference`: what
 * `diveWastedBytes` sums. The benchmarks compare it with dive's list path by path.
 */
export function repeatedPaths(layers: LayerFiles[]): RepeatedPath[] {
  const out: RepeatedPath[] = [];
  for (const [path, s] of tally(layers).stats)
    if (s.copies > 1) out.push({ path, copies: s.copies, cumulativeBytes: s.cumulative });
  return out;
}

/** The per-path copies and the waste, tallied along the replay that yields the final filesystem. */
function tally(layers: LayerFiles[]): {
  stats: Map<string, PathStats>;
  offenders: Map<string, Offender>;
  wastedBytes: number;
  files: Map<string, FinalFile>;
} {
  const stats = new Map<string, PathStats>();
  const offenders = new Map<string, Offender>();
  let wastedBytes = 0;

  const recordCopy = (path: string, size: number): void => {
    const s = stats.get(path);
    if (!s) stats.set(path, { cumulative: size, smallest: size, copies: 1 });
    else {
      s.cumulative += size;
      s.smallest = Math.min(s.smallest, size);
      s.copies++;
    }
  };
  const recordWaste = (key: string, bytes: number, writtenIn: number, replacedIn: number): void => {
    wastedBytes += bytes;
    let o = offenders.get(key);
    if (!o) offenders.set(key, (o = { wastedBytes: 0, layers: new Set(), count: 0 }));
    o.wastedBytes += bytes;
    o.layers.add(writtenIn).add(replacedIn);
    o.count++;
  };
  const files = finalFiles(
    layers.map((l) => l.entries),
    {
      deleted(path, copy, index, by) {
        recordCopy(path, 0);
        recordWaste(by, copy.size, copy.layer, index);
      },
      written(path, size, index, previous) {
        if (previous && previous.layer < index) recordWaste(path, previous.size, previous.layer, index);
        recordCopy(path, size);
      },
    },
  );
  return { stats, offenders, wastedBytes, files };
}
