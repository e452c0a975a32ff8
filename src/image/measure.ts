/**
 * Measures a loaded image: size on disk (`docker image inspect`'s Size), compressed size as a
 * registry stores it, the layers tied to Dockerfile instructions, and wasted space, all from one
 * streamed pass over `docker save` (see archive.ts and compressed-size.ts for how and why).
 */
import type { DockerfileModel } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import type { ImageMeasurement, LayerInfo, StageBuild } from '../report/model.js';
import type { Engine } from '../seams/engine.js';
import { readImageArchive, type ArchiveLayer, type ImageArchive } from './archive.js';
import { attributeLayers, targetChain } from './layers.js';
import { registryManifestBytes, resolveLayout, type ImageLayout } from './manifest.js';
import { computeWaste } from './waste.js';
import type { LayerFiles } from './layer-files.js';

interface InspectedImage {
  Id: string;
  Size: number;
  /** How many layers the image has (RootFS.Layers). */
  LayerCount: number;
}

export interface MeasureOptions {
  /** List files for the wasted-space analysis (default true). */
  waste?: boolean;
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

/** Measures a loaded image: disk size, compressed size, layers tied to instructions, waste. */
export async function measureImage(
  engine: Engine,
  image: string,
  model: DockerfileModel,
  target: number,
  options: MeasureOptions = {},
): Promise<ImageMeasurement> {
  const listFiles = options.waste ?? true;
  const inspected = await inspectImage(engine, image);
  const archive = await readSaved(engine, inspected.Id, listFiles);
  let layout: ImageLayout;
  try {
    layout = resolveLayout(archive);
  } catch (err) {
    throw new UserError(
      `Could not read image ${inspected.Id} from 'docker save': ${(err as Error).message}`,
      'size',
    );
  }
  const measured: ArchiveLayer[] = layout.layerPaths.map((path) => {
    const layer = archive.layers.get(path);
    if (!layer) throw new UserError(`'docker save' of ${inspected.Id} lacks layer ${path}.`, 'size');
    return layer;
  });
  const origins = attributeLayers(
    layout.config,
    model.graph.stages[target] ? targetChain(model, target) : undefined,
  );
  const layers: LayerInfo[] = measured.map((layer, i) => {
    const origin = origins[i] ?? { diffId: '', createdBy: '' };
    const info: LayerInfo = {
      diffId: origin.diffId,
      size: layer.files?.contentBytes ?? layer.archiveBytes,
      compressedSize: layer.compressedSize,
      createdBy: origin.createdBy,
    };
    if (origin.instruction) info.instruction = origin.instruction;
    if (origin.baseImage) info.baseImage = origin.baseImage;
    return info;
  });
  // A registry stores each distinct blob once, even when the manifest lists it twice.
  const unique = new Map(measured.map((l) => [l.path, l.compressedSize]));
  const compressedSize =
    [...unique.values()].reduce((a, b) => a + b, 0) +
    layout.configBytes +
    registryManifestBytes(
      layout.configBytes,
      measured.map((l) => l.compressedSize),
    );
  const fileLists = measured.map((l) => l.files);
  const waste =
    listFiles && fileLists.every((f): f is LayerFiles => f !== undefined)
      ? computeWaste(fileLists)
      : undefined;
  return { imageId: inspected.Id, size: inspected.Size, compressedSize, layers, ...(waste ? { waste } : {}) };
}
