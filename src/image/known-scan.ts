/**
 * An image whose every layer is known by diff id is measured without `docker save`: `docker image
 * inspect` names the layers, the layer store has their sizes and file lists, and `docker history`
 * gives the config's history (what ties layers to the Dockerfile). What inspect does not give is the
 * config's exact bytes: their count is that of the config rebuilt from inspect's fields, which can
 * differ from the stored config by some bytes of formatting (well under the 1 KiB change threshold).
 */
import type { Docker, HistoryRow, InspectedImage } from '../seams/docker.js';
import { historyKeyword, type HistoryEntry, type ImageConfig } from './layers.js';
import type { ImageScan, ScanKnowledge } from './scan.js';
import { fromFileLists, readModeOf } from './scan.js';

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * The config's history from `docker history` rows (oldest first), which do not say which rows have
 * a layer: row sizes are matched in order against the layers' sizes. A row of 0 bytes has a layer
 * when only layer-making rows are left, or its instruction makes layers. Undefined when the rows do
 * not account for every layer.
 */
export function historyFromRows(rows: HistoryRow[], layerSizes: number[]): HistoryEntry[] | undefined {
  let next = 0;
  const entries = rows.map((row, i): HistoryEntry => {
    const fits = next < layerSizes.length && row.size === layerSizes[next];
    const keyword = historyKeyword(row.createdBy);
    const mustTake = layerSizes.length - next >= rows.length - i;
    const layered =
      fits && (mustTake || row.size > 0 || keyword === undefined || LAYER_KEYWORDS.has(keyword));
    if (layered) next++;
    return {
      created_by: row.createdBy,
      ...(row.comment ? { comment: row.comment } : {}),
      ...(layered ? {} : { empty_layer: true }),
    };
  });
  return next === layerSizes.length ? entries : undefined;
}

/** The scan of an image all of whose layers are known; undefined when `docker history` cannot say. */
export async function scanWithoutSave(
  docker: Docker,
  inspected: InspectedImage,
  k: ScanKnowledge,
): Promise<ImageScan | undefined> {
  const known = k.diffIds.map((d) => (readModeOf(d, k) === 'skip' ? k.known.get(d) : undefined));
  if (known.length === 0 || known.some((f) => f === undefined)) return undefined;
  const facts = known as NonNullable<(typeof known)[number]>[];
  let rows: HistoryRow[];
  try {
    rows = await docker.history(inspected.id);
  } catch {
    // No history (an engine that cannot say, output it does not recognise): read the image instead.
    return undefined;
  }
  const history = historyFromRows(
    rows,
    facts.map((f) => f.size),
  );
  if (!history) return undefined;
  const config: ImageConfig = { ...inspected.configFields, history, rootfs: { diff_ids: k.diffIds } };
  return {
    imageId: inspected.id,
    config,
    configBytes: Buffer.byteLength(
      JSON.stringify({ ...config, rootfs: { type: 'layers', diff_ids: k.diffIds } }),
    ),
    layers: facts.map((f) => ({
      path: '',
      diffId: f.diffId,
      size: f.size,
      compressedSize: f.compressedSize,
      compressedSizeSource: f.compressedFrom === 'registry' ? 'registry' : 'cached',
      ...(f.files?.packages ? { packages: f.files.packages } : {}),
    })),
    ...fromFileLists(
      k.listFiles,
      facts.map((f) => f.files),
    ),
  };
}
