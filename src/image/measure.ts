/**
 * Measures a loaded image: size on disk (`docker image inspect`'s Size), compressed size as a
 * registry stores it, the layers tied to Dockerfile instructions, and wasted space, all from one
 * streamed pass over `docker save` (see archive.ts and compressed-size.ts for how and why), which a
 * scan store lets later measurements of the same image skip.
 */
import type { DockerfileModel } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import type { ImageMeasurement, LayerInfo, StageBuild, WasteReport } from '../report/model.js';
import type { Engine } from '../seams/engine.js';
import { readImageArchive, type ArchiveLayer, type ImageArchive } from './archive.js';
import { attributeLayers, targetChain, type ImageConfig } from './layers.js';
import { registryManifestBytes, resolveLayout, type ImageLayout } from './manifest.js';
import { computeWaste } from './waste.js';
import type { LayerFiles } from './layer-files.js';
import type { ScanStore } from './scan-store.js';

interface InspectedImage {
  Id: string;
  Size: number;
  /** How many layers the image has (RootFS.Layers). */
  LayerCount: number;
}

export interface MeasureOptions {
  /** List files for the wasted-space analysis (default true). */
  waste?: boolean;
  /** Scans of images read before, by image id; a hit skips `docker save`. */
  scans?: ScanStore;
}

async function inspectImage(engine: Engine, image: string): Promise<InspectedImage> {
  const r = await engine.run('docker', ['image', 'inspect', '--format', '{{json .}}', image]);
  if (r.exitCode !== 0) {
    throw new UserError(
      `Could not inspect image ${image}: ${(r.stderr || r.tail.join('\n')).trim()}`,
      'size',
    );
  }
  const parsed = JSON.parse(r.stdout) as { Id?: unknown; Size?: unknown; RootFS?: { Layers?: unknown } };
  if (typeof parsed.Id !== 'string' || typeof parsed.Size !== 'number') {
    throw new UserError(`docker image inspect ${image} did not report an Id and a Size.`, 'size');
  }
  const layers = parsed.RootFS?.Layers;
  return { Id: parsed.Id, Size: parsed.Size, LayerCount: Array.isArray(layers) ? layers.length : 0 };
}

/**
 * Fills each built stage's disk size and layer count for the stage table. Stages whose image is not
 * in the engine's store (buildx without --load) keep them unset: the table shows them as unknown.
 */
export async function measureStageImages(engine: Engine, builds: StageBuild[]): Promise<StageBuild[]> {
  return Promise.all(
    builds.map(async (build) => {
      if (build.status !== 'built' || !build.imageId) return build;
      try {
        const inspected = await inspectImage(engine, build.imageId);
        return { ...build, size: inspected.Size, layers: inspected.LayerCount };
      } catch (err) {
        if (err instanceof UserError) return build;
        throw err;
      }
    }),
  );
}

/** Reads the image through `docker save`; the stream is consumed as it arrives, never buffered. */
async function readSaved(engine: Engine, imageId: string, listFiles: boolean): Promise<ImageArchive> {
  const handle = engine.stream('docker', ['save', imageId]);
  let archive: ImageArchive;
  try {
    archive = await readImageArchive(handle.stdout, { listFiles });
  } catch (err) {
    const result = await handle.done;
    const stderr = result.exitCode !== 0 ? (result.stderr || result.tail.join('\n')).trim() : '';
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError(
      `Could not read image ${imageId} from 'docker save': ${why}${stderr ? ` (docker: ${stderr})` : ''}`,
      'size',
    );
  }
  const result = await handle.done;
  if (result.exitCode !== 0) {
    throw new UserError(
      `'docker save ${imageId}' failed (exit ${result.exitCode}): ${(result.stderr || result.tail.join('\n')).trim()}`,
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
  /** Layers bottom first: archive entry, content bytes, gzip-compressed bytes. */
  layers: Array<{ path: string; size: number; compressedSize: number }>;
  /** Set when the scan listed the layers' files (the wasted-space analysis). */
  waste?: WasteReport;
}

/** Reads the image once through `docker save`: layer sizes, compressed sizes, config, waste. */
export async function scanImage(engine: Engine, imageId: string, listFiles: boolean): Promise<ImageScan> {
  const archive = await readSaved(engine, imageId, listFiles);
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
  return {
    imageId,
    config: layout.config,
    configBytes: layout.configBytes,
    layers: measured.map((l) => ({
      path: l.path,
      size: l.files?.contentBytes ?? l.archiveBytes,
      compressedSize: l.compressedSize,
    })),
    ...(waste ? { waste } : {}),
  };
}

/** The measurement from a scan: layers tied to the Dockerfile's instructions, the registry's total. */
export function measurementFromScan(
  scan: ImageScan,
  size: number,
  model: DockerfileModel,
  target: number,
): ImageMeasurement {
  const origins = attributeLayers(
    scan.config,
    model.graph.stages[target] ? targetChain(model, target) : undefined,
  );
  const layers: LayerInfo[] = scan.layers.map((layer, i) => {
    const origin = origins[i] ?? { diffId: '', createdBy: '' };
    const info: LayerInfo = {
      diffId: origin.diffId,
      size: layer.size,
      compressedSize: layer.compressedSize,
      createdBy: origin.createdBy,
    };
    if (origin.instruction) info.instruction = origin.instruction;
    if (origin.baseImage) info.baseImage = origin.baseImage;
    return info;
  });
  // A registry stores each distinct blob once, even when the manifest lists it twice.
  const unique = new Map(scan.layers.map((l) => [l.path, l.compressedSize]));
  const compressedSize =
    [...unique.values()].reduce((a, b) => a + b, 0) +
    scan.configBytes +
    registryManifestBytes(
      scan.configBytes,
      scan.layers.map((l) => l.compressedSize),
    );
  const waste = scan.waste;
  return { imageId: scan.imageId, size, compressedSize, layers, ...(waste ? { waste } : {}) };
}

/**
 * Measures a loaded image: disk size, compressed size, layers tied to instructions, waste. With a
 * scan store, an image scanned before (this run's base and head are often the same image; a re-run
 * builds the same images) is not read again.
 */
export async function measureImage(
  engine: Engine,
  image: string,
  model: DockerfileModel,
  target: number,
  options: MeasureOptions = {},
): Promise<ImageMeasurement> {
  const listFiles = options.waste ?? true;
  const inspected = await inspectImage(engine, image);
  let scan = await options.scans?.get(inspected.Id, listFiles);
  if (!scan) {
    scan = await scanImage(engine, inspected.Id, listFiles);
    await options.scans?.put(scan);
  }
  return measurementFromScan(scan, inspected.Size, model, target);
}
