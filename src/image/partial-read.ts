/**
 * When a `docker save` read may stop before the archive ends. A pull request's image shares all but a
 * few layers with what is already known (the base, a saved report): those are skipped, and once the
 * config and every layer that must be read have streamed past, the rest of the stream is skipped
 * layers and the documents that name entries, which nothing needs. The engine exports the image
 * before it streams the first byte (see docs/size.md), so this saves the rest of the stream, not the
 * export.
 *
 * Entries are recognised without the manifest, which comes last: the config by the image id (the
 * digest of the config: `<hex>.json` in Docker's legacy layout, `blobs/sha256/<hex>` in the OCI
 * layout), a layer by its diff id (the sha256 of its bytes, hashed as it is read in the legacy layout,
 * or its blob name in the OCI layout). Pure.
 */
import type { ArchiveProgress, ImageArchive, LayerReadMode } from './archive.js';
import type { ImageConfig } from './layers.js';

const STRENGTH: Record<LayerReadMode, number> = { skip: 0, read: 1, measure: 2 };
const hexOf = (digest: string): string => digest.replace(/^sha256:/, '');

/** The config document named by the image id, when it names exactly these layers. */
export function configFromArchive(
  archive: Pick<ArchiveProgress, 'documents'>,
  imageId: string,
  diffIds: readonly string[],
): { config: ImageConfig; configPath: string; configBytes: number } | undefined {
  const hex = hexOf(imageId);
  for (const configPath of [`${hex}.json`, `blobs/sha256/${hex}`]) {
    const doc = archive.documents.get(configPath);
    if (!doc) continue;
    let config: ImageConfig;
    try {
      config = JSON.parse(doc.toString('utf8')) as ImageConfig;
    } catch {
      continue;
    }
    const named = config.rootfs?.diff_ids;
    if (named?.length === diffIds.length && named.every((d, i) => d === diffIds[i]))
      return { config, configPath, configBytes: doc.length };
  }
  return undefined;
}

/** The entry that was read as this layer (by its bytes' digest or its blob name), if any. */
export function readEntryOf(
  archive: Pick<ArchiveProgress, 'layers'> | ImageArchive,
  diffId: string,
  atLeast: LayerReadMode = 'read',
): string | undefined {
  const blob = `blobs/sha256/${hexOf(diffId)}`;
  for (const [path, layer] of archive.layers) {
    const mode = layer.mode ?? 'measure';
    if (STRENGTH[mode] < STRENGTH[atLeast] || mode === 'skip') continue;
    if (layer.digest === diffId || path === blob) return path;
  }
  return undefined;
}

/**
 * The `enough` test for a read of this image: the config is in, and every layer not to be skipped was
 * read at least as fully as it must be. Undefined when no layer is to be skipped: then nothing is
 * left to save once the last layer has been read.
 */
export function stopOnceRead(
  imageId: string,
  k: { diffIds: readonly string[] },
  modeOf: (diffId: string) => LayerReadMode,
): ((progress: ArchiveProgress) => boolean) | undefined {
  const needed = k.diffIds.filter((d) => modeOf(d) !== 'skip');
  if (needed.length === k.diffIds.length) return undefined;
  let config = false;
  return (progress) => {
    config ||= configFromArchive(progress, imageId, k.diffIds) !== undefined;
    return config && needed.every((d) => readEntryOf(progress, d, modeOf(d)) !== undefined);
  };
}
