/**
 * The size change between the base commit's image and the PR's, overall and layer by layer.
 *
 * Layers are matched by the instruction that made them (stage + instruction text), not by position,
 * so inserting a RUN reads as "added", not as every later layer changing. Layers whose instruction
 * text was edited are paired with the base layer of the same kind in the same place (the edited
 * `RUN apt-get install ...` "grew"), and the base image's layers are summed into one row.
 *
 * Noise: a change smaller than NOISE_BYTES (1 KiB) is reported as unchanged. Rebuilding identical
 * sources can shift sizes by a few bytes (timestamps in logs and caches, archive padding in the
 * compressed figure), and no reviewer should be told a 40-byte change "grew" the image. The exact
 * byte deltas are still reported; only the verdict uses the threshold.
 */
import type { ImageMeasurement, LayerDelta, LayerInfo, SizeDelta } from '../model.js';
import { diffLargestFiles } from './largest-files.js';
import { diffPackages } from './packages/diff.js';

/** Changes strictly below this many bytes (disk and compressed) count as unchanged. */
export const NOISE_BYTES = 1024;

const percent = (delta: number, base: number): number | null => (base === 0 ? null : (delta / base) * 100);

function verdict(delta: number, compressedDelta: number): LayerDelta['change'] {
  if (Math.abs(delta) < NOISE_BYTES && Math.abs(compressedDelta) < NOISE_BYTES) return 'unchanged';
  // Disk bytes decide the direction; compressed bytes only when disk bytes are within noise.
  const d = Math.abs(delta) >= NOISE_BYTES ? delta : compressedDelta;
  return d > 0 ? 'grew' : 'shrank';
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What makes two layers "the same step": stage and instruction text, or docker's created_by. */
function layerKey(layer: LayerInfo): string {
  if (layer.instruction) return `${layer.instruction.stage}\u0000${normalize(layer.instruction.text)}`;
  return `?\u0000${normalize(layer.createdBy)}`;
}

/** The instruction keyword (RUN, COPY...) or docker's created_by first word: the kind of step. */
function layerKind(layer: LayerInfo): string {
  const text = layer.instruction?.text ?? layer.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '');
  return `${layer.instruction?.stage ?? '?'}\u0000${(/^\s*(\S+)/.exec(text)?.[1] ?? '').toUpperCase()}`;
}

function pairRow(base: LayerInfo, head: LayerInfo): LayerDelta {
  const same = base.diffId !== '' && base.diffId === head.diffId;
  const delta = same ? 0 : head.size - base.size;
  const compressedDelta = same ? 0 : head.compressedSize - base.compressedSize;
  return {
    instruction: head.instruction,
    createdBy: head.createdBy,
    baseSize: base.size,
    headSize: head.size,
    delta,
    compressedDelta,
    change: same ? 'unchanged' : verdict(delta, compressedDelta),
  };
}

const addedRow = (head: LayerInfo): LayerDelta => ({
  instruction: head.instruction,
  createdBy: head.createdBy,
  headSize: head.size,
  delta: head.size,
  compressedDelta: head.compressedSize,
  change: 'added',
});

const removedRow = (base: LayerInfo): LayerDelta => ({
  instruction: base.instruction,
  createdBy: base.createdBy,
  baseSize: base.size,
  delta: -base.size,
  compressedDelta: -base.compressedSize,
  change: 'removed',
});

/** Longest common subsequence of keys: the pairs (base index, head index) that are the same step. */
function alignByKey(base: string[], head: string[]): Array<[number, number]> {
  const n = base.length;
  const m = head.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] =
        base[i] === head[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (base[i] === head[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Rows for a stretch of layers between two matched steps: edited steps pair up by kind, in order. */
function gapRows(base: LayerInfo[], head: LayerInfo[]): LayerDelta[] {
  const rows: LayerDelta[] = [];
  let b = 0;
  for (const h of head) {
    const k = base.findIndex((l, idx) => idx >= b && layerKind(l) === layerKind(h));
    if (k === -1) {
      rows.push(addedRow(h));
      continue;
    }
    for (; b < k; b++) rows.push(removedRow(base[b]));
    rows.push(pairRow(base[k], h));
    b = k + 1;
  }
  for (; b < base.length; b++) rows.push(removedRow(base[b]));
  return rows;
}

function baseImageRow(base: LayerInfo[], head: LayerInfo[]): { row?: LayerDelta; changed: boolean } {
  const label = head[0]?.baseImage ?? base[0]?.baseImage;
  if (!label) return { changed: false };
  const ids = (ls: LayerInfo[]) => ls.map((l) => l.diffId).join(',');
  const changed = ids(base) !== ids(head) || base[0]?.baseImage !== head[0]?.baseImage;
  const sum = (ls: LayerInfo[], f: (l: LayerInfo) => number) => ls.reduce((t, l) => t + f(l), 0);
  const baseSize = sum(base, (l) => l.size);
  const headSize = sum(head, (l) => l.size);
  const delta = changed ? headSize - baseSize : 0;
  const compressedDelta = changed
    ? sum(head, (l) => l.compressedSize) - sum(base, (l) => l.compressedSize)
    : 0;
  const fromTo =
    base[0]?.baseImage && head[0]?.baseImage && base[0].baseImage !== head[0].baseImage
      ? `${base[0].baseImage} -> ${head[0].baseImage}`
      : label;
  const row: LayerDelta = {
    baseImage: label,
    createdBy: `base image ${fromTo}`,
    baseSize: base.length ? baseSize : undefined,
    headSize: head.length ? headSize : undefined,
    delta,
    compressedDelta,
    change: !base.length
      ? 'added'
      : !head.length
        ? 'removed'
        : changed
          ? verdict(delta, compressedDelta)
          : 'unchanged',
  };
  return { row, changed };
}

/** Per-layer rows in the head's order (removed layers where they used to be). */
export function diffLayers(
  base: LayerInfo[],
  head: LayerInfo[],
): { layers: LayerDelta[]; baseImageChanged: boolean } {
  const isBase = (l: LayerInfo) => l.baseImage !== undefined;
  const { row, changed } = baseImageRow(base.filter(isBase), head.filter(isBase));
  const baseOwn = base.filter((l) => !isBase(l));
  const headOwn = head.filter((l) => !isBase(l));
  const pairs = alignByKey(baseOwn.map(layerKey), headOwn.map(layerKey));
  const layers: LayerDelta[] = row ? [row] : [];
  let b = 0;
  let h = 0;
  for (const [bi, hi] of [...pairs, [baseOwn.length, headOwn.length] as [number, number]]) {
    layers.push(...gapRows(baseOwn.slice(b, bi), headOwn.slice(h, hi)));
    if (bi < baseOwn.length && hi < headOwn.length) layers.push(pairRow(baseOwn[bi], headOwn[hi]));
    b = bi + 1;
    h = hi + 1;
  }
  return { layers, baseImageChanged: changed };
}

export function computeDelta(head: ImageMeasurement, base: ImageMeasurement): SizeDelta {
  const size = head.size - base.size;
  const compressedSize = head.compressedSize - base.compressedSize;
  const { layers, baseImageChanged } = diffLayers(base.layers, head.layers);
  const packages = diffPackages(base, head);
  const files = diffLargestFiles(base, head);
  return {
    size,
    sizePercent: percent(size, base.size),
    compressedSize,
    compressedPercent: percent(compressedSize, base.compressedSize),
    unchanged: Math.abs(size) < NOISE_BYTES && Math.abs(compressedSize) < NOISE_BYTES,
    baseImageChanged,
    layers,
    ...(packages ? { packages } : {}),
    ...(files ? { files } : {}),
  };
}
