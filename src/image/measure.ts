/**
 * Measures a loaded image: size on disk (`docker image inspect`'s Size), compressed size as a
 * registry stores it, the layers tied to Dockerfile instructions, and wasted space, all from one
 * streamed pass over `docker save` (see archive.ts and compressed-size.ts for how and why), which a
 * scan store lets later measurements of the same image skip.
 */
import type { DockerfileModel } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import type { ImageMeasurement, LayerInfo, StageBuild } from '../model.js';
import { DockerError, failureSummary, type Docker, type InspectedImage } from '../seams/docker.js';
import { attributeLayers, targetChain } from './layers.js';
import { registryCompressedSize } from './compressed-size.js';
import { scanImage, type ImageScan } from './scan.js';
import type { ScanStore } from './scan-store.js';

export interface MeasureOptions {
  /** List files for the wasted-space analysis (default true). */
  waste?: boolean;
  /** Scans of images read before, by image id; a hit skips `docker save`. */
  scans?: ScanStore;
  /**
   * The engine's image store. Under the containerd store `docker image inspect`'s Size is the packed
   * (compressed) content, not what the image takes unpacked: the size on disk is then the sum of the
   * unpacked layers, which is what the classic store's Size adds up to.
   */
  imageStore?: 'classic' | 'containerd';
}

/** The image's id and disk size; a missing image is the size step's error. */
async function inspectForSize(docker: Docker, image: string): Promise<InspectedImage> {
  try {
    return await docker.inspectImage(image);
  } catch (err) {
    if (err instanceof DockerError)
      throw new UserError(`Could not inspect image ${image}: ${failureSummary(err.result)}`, 'size');
    throw err;
  }
}

/**
 * Fills each built stage's disk size and layer count for the stage table. Stages whose image is not
 * in the engine's store (buildx without --load) keep them unset: the table shows them as unknown.
 */
export async function measureStageImages(
  docker: Docker,
  builds: StageBuild[],
  imageStore: 'classic' | 'containerd' = 'classic',
): Promise<StageBuild[]> {
  return Promise.all(
    builds.map(async (build) => {
      if (build.status !== 'built' || !build.imageId) return build;
      try {
        const inspected = await docker.inspectImage(build.imageId);
        // Under the containerd store Size is packed, not on disk: the table shows the size as unknown.
        const size = imageStore === 'classic' ? { size: inspected.size } : {};
        return { ...build, ...size, layers: inspected.layerCount };
      } catch (err) {
        if (err instanceof DockerError || err instanceof UserError) return build;
        throw err;
      }
    }),
  );
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
  const compressedSize = registryCompressedSize(scan.layers, scan.configBytes);
  const { waste, contents } = scan;
  return {
    imageId: scan.imageId,
    size,
    compressedSize,
    layers,
    ...(waste ? { waste } : {}),
    ...(contents ? { contents } : {}),
  };
}

/**
 * Measures a loaded image: disk size, compressed size, layers tied to instructions, waste. With a
 * scan store, an image scanned before (this run's base and head are often the same image; a re-run
 * builds the same images) is not read again.
 */
export async function measureImage(
  docker: Docker,
  image: string,
  model: DockerfileModel,
  target: number,
  options: MeasureOptions = {},
): Promise<ImageMeasurement> {
  const listFiles = options.waste ?? true;
  const inspected = await inspectForSize(docker, image);
  let scan = await options.scans?.get(inspected.id, listFiles);
  if (!scan) {
    scan = await scanImage(docker, inspected.id, listFiles);
    await options.scans?.put(scan);
  }
  const size =
    options.imageStore === 'containerd' ? scan.layers.reduce((sum, l) => sum + l.size, 0) : inspected.size;
  return measurementFromScan(scan, size, model, target);
}
