/**
 * One streamed pass over `docker save`: what an image is made of (layer sizes, gzip sizes, config,
 * wasted space), independent of any Dockerfile. An image id is the digest of the image's config, which
 * names every layer by the digest of its content, so a scan stays true for that id; scan-store.ts keeps
 * them. How the archive is read and why it is compressed that way: archive.ts, compressed-size.ts.
 */
import { UserError } from '../errors.js';
import type { ImageContents, WasteReport } from '../model.js';
import { failureSummary, type Docker } from '../seams/docker.js';
import { readImageArchive, type ArchiveLayer, type ImageArchive } from './archive.js';
import type { ImageConfig } from './layers.js';
import type { LayerFiles } from './layer-files.js';
import { resolveLayout, type ImageLayout } from './manifest.js';
import { computeWaste } from './waste.js';
import { imageContents } from './contents.js';
import { createPackageReader } from './packages/reader.js';
import type { LayerPackageFacts } from './packages/types.js';

/** Reads the image through `docker save`; the stream is consumed as it arrives, never buffered. */
async function readSaved(docker: Docker, imageId: string, listFiles: boolean): Promise<ImageArchive> {
  const handle = docker.save(imageId);
  let archive: ImageArchive;
  try {
    // With the file lists comes the package reader: the same pass, the same bytes.
    const readContents = listFiles ? createPackageReader : undefined;
    archive = await readImageArchive(handle.stdout, { listFiles, readContents });
  } catch (err) {
    const result = await handle.done;
    const stderr = result.exitCode !== 0 ? failureSummary(result) : '';
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `Could not read image ${imageId} from 'docker save': ${why}${stderr ? ` (docker: ${stderr})` : ''}`,
      'size',
    );
  }
  const result = await handle.done;
  if (result.exitCode !== 0) {
    throw new UserError(
      `'docker save ${imageId}' failed (exit ${result.exitCode}): ${failureSummary(result)}`,
      'size',
    );
  }
  return archive;
}

/**
 * What one `docker save` pass tells about an image: everything the measurement needs that does not
 * depend on the Dockerfile. An image id is the digest of the image's config, which names every layer by
 * the digest of its content, so a scan stays true for that id (see scan-store.ts, which keeps them).
 */
export interface ImageScan {
  imageId: string;
  config: ImageConfig;
  /** Bytes of the config as stored (pushed as-is). */
  configBytes: number;
  /**
   * Layers bottom first: archive entry, content bytes, gzip-compressed bytes, and (when the files
   * were listed) what the layer's package databases and manifests say: a function of the layer's
   * content, so it may be kept by diff id.
   */
  layers: Array<{ path: string; size: number; compressedSize: number; packages?: LayerPackageFacts }>;
  /** Set when the scan listed the layers' files (the wasted-space analysis). */
  waste?: WasteReport;
  /** Packages and largest files, when the scan listed the layers' files. */
  contents?: ImageContents;
}

/** Reads the image once through `docker save`: layer sizes, compressed sizes, config, waste. */
export async function scanImage(docker: Docker, imageId: string, listFiles: boolean): Promise<ImageScan> {
  const archive = await readSaved(docker, imageId, listFiles);
  let layout: ImageLayout;
  try {
    layout = resolveLayout(archive);
  } catch (err) {
    throw new UserError(
      `Could not read image ${imageId} from 'docker save': ${(err as Error).message}`,
      'size',
    );
  }
  const measured: ArchiveLayer[] = layout.layerPaths.map((path) => {
    const layer = archive.layers.get(path);
    if (!layer) throw new UserError(`'docker save' of ${imageId} lacks layer ${path}.`, 'size');
    return layer;
  });
  const fileLists = measured.map((l) => l.files);
  const waste =
    listFiles && fileLists.every((f): f is LayerFiles => f !== undefined)
      ? computeWaste(fileLists)
      : undefined;
  const contents = waste ? imageContents(fileLists as LayerFiles[]) : undefined;
  return {
    imageId,
    config: layout.config,
    configBytes: layout.configBytes,
    layers: measured.map((l) => ({
      path: l.path,
      size: l.files?.contentBytes ?? l.archiveBytes,
      compressedSize: l.compressedSize,
      ...(l.files?.packages ? { packages: l.files.packages } : {}),
    })),
    ...(waste ? { waste } : {}),
    ...(contents ? { contents } : {}),
  };
}
