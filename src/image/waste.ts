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
import { LiveFiles } from './live-files.js';

export { WASTE_OFFENDERS };

interface Live {
  size: number;
  layer: number;
}

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
  const { stats, offenders, wastedBytes } = tally(layers);
  return summarize(stats, offenders, wastedBytes, maxOffenders);
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

/** The per-path copies and the waste, layer by layer (deletions before the layer's own writes). */
function tally(layers: LayerFiles[]): {
  stats: Map<string, PathStats>;
  offenders: Map<string, Offender>;
  wastedBytes: number;
} {
  const live = new LiveFiles<Live>();
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
  /** Deletes everything lower layers left under `dir` (not what layer `index` itself wrote). */
  const deleteUnder = (dir: string, index: number, offenderKey: string): void =>
    live.deleteUnder(dir, index, (path, copy) => {
      recordCopy(path, 0);
      recordWaste(offenderKey, copy.size, copy.layer, index);
    });

  layers.forEach((layer, index) => {
    // Deletions apply to lower layers only, whatever their order in this layer's tar.
    for (const entry of layer.entries) {
      if (entry.kind === 'whiteout') {
        const copy = live.get(entry.path);
        if (copy && copy.layer < index) {
          live.delete(entry.path);
          recordCopy(entry.path, 0);
          recordWaste(entry.path, copy.size, copy.layer, index);
        } else deleteUnder(entry.path, index, `${entry.path}/`);
      } else if (entry.kind === 'opaque') deleteUnder(entry.path, index, `${entry.path}/`);
    }
    for (const entry of layer.entries) {
      if (entry.kind !== 'file') continue;
      const previous = live.get(entry.path);
      if (previous && previous.layer < index) recordWaste(entry.path, previous.size, previous.layer, index);
      recordCopy(entry.path, entry.size);
      live.set(entry.path, { size: entry.size, layer: index });
    }
  });
  return { stats, offenders, wastedBytes };
}
