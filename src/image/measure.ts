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
import { registryCompressedSize, type ConcurrencyLimit } from './compressed-size.js';
import { scanWithoutSave } from './known-scan.js';
import type { LayerFacts } from './layer-facts.js';
import { registryLayerSizes, type Platform } from './registry-sizes.js';
import type { PairSide, SavePairing } from './save-pairing.js';
import {
  discardSave,
  readModeOf,
  scanImage,
  scanImages,
  startExported,
  startSave,
  type ImageScan,
  type ScanKnowledge,
  type StartedSave,
} from './scan.js';
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
  /**
   * Ask the registry for the compressed sizes of the base image's layers (default true): they are
   * then not compressed. Off in tests that must not reach a registry.
   */
  registry?: boolean;
  /** Bounds the blocks compressing at once, across layers (default: one per core, plus one). */
  limit?: ConcurrencyLimit;
  /**
   * The run's other image (head or base), to be read from the same `docker save` (save-pairing.ts);
   * only with `scans`.
   */
  pair?: { pairing: SavePairing; side: PairSide };
  /**
   * The file the build exported the image to and loaded it from (build/execute.ts
   * `loadsThroughFile`): read in place of `docker save`, its layers as the builder compressed them.
   */
  archive?: string;
  /** Told, for the job's debug log, how an image from `archive` was read. */
  debug?: (line: string) => void;
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
      diffId: origin.diffId || layer.diffId,
      size: layer.size,
      compressedSize: layer.compressedSize,
      compressedSizeSource: layer.compressedSizeSource,
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
  const scans = options.scans;
  const baseImage = model.graph.stages[target] ? targetChain(model, target).baseImage : 'scratch';
  let scan = asCached(await scans?.get(inspected.id, listFiles));
  if (!scan) {
    const read = {
      inspected,
      listFiles,
      baseImage,
      registry: options.registry ?? true,
      limit: options.limit,
    };
    const saved = (): Promise<ImageScan> =>
      scans
        ? options.pair
          ? scanPaired(docker, read, scans, options.pair)
          : scanInTurn(docker, read, scans)
        : scanAlone(docker, read);
    const { archive } = options;
    scan = archive ? await fromExport(docker, read, scans, { ...options, archive }, saved) : await saved();
    await scans?.put(scan);
  }
  const size =
    options.imageStore === 'containerd' ? scan.layers.reduce((sum, l) => sum + l.size, 0) : inspected.size;
  return measurementFromScan(scan, size, model, target);
}

/** A scan read back: its layers' compressed sizes were measured before, not by this run. */
function asCached(scan: ImageScan | undefined): ImageScan | undefined {
  if (!scan) return undefined;
  return {
    ...scan,
    layers: scan.layers.map((l) =>
      l.compressedSizeSource === 'measured' ? { ...l, compressedSizeSource: 'cached' } : l,
    ),
  };
}

const knowledge = (
  inspected: InspectedImage,
  listFiles: boolean,
  known: Map<string, LayerFacts>,
): ScanKnowledge => ({ listFiles, diffIds: inspected.diffIds, known, registry: new Map() });

function platformOf(inspected: InspectedImage): Platform {
  const f = inspected.configFields;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const variant = str(f.variant);
  return {
    os: str(f.os) ?? 'linux',
    architecture: str(f.architecture) ?? 'amd64',
    ...(variant ? { variant } : {}),
  };
}

interface LayerScanRequest {
  inspected: InspectedImage;
  listFiles: boolean;
  /** The target chain's FROM image, whose layers a registry may size. */
  baseImage: string;
  registry: boolean;
  limit?: ConcurrencyLimit;
}

/** Scans an image without a scan store: nothing known, every layer read (from `started`, if given). */
async function scanAlone(
  docker: Docker,
  request: LayerScanRequest,
  started?: StartedSave,
): Promise<ImageScan> {
  const k = { ...knowledge(request.inspected, request.listFiles, new Map()), limit: request.limit };
  return (await scanImage(docker, request.inspected.id, k, started)).scan;
}

/**
 * Scans an image when no other measurement runs (the layer store's `exclusive`: the second of two
 * images sharing layers finds them known). Waiting for its turn, it already starts `docker save`: the
 * engine's export (as long as reading the image, before the first byte streams) then overlaps the
 * other measurement's compressing, instead of following it. Only when another measurement runs: it
 * may yet show this image known whole, and that save is then stopped unread. `started`: the stream
 * to read instead (a build's exported file), stopped the same way.
 */
async function scanInTurn(
  docker: Docker,
  request: LayerScanRequest,
  scans: ScanStore,
  started: StartedSave | undefined = scans.layers.busy()
    ? startSave(docker, request.inspected.id)
    : undefined,
): Promise<ImageScan> {
  try {
    return await scans.layers.exclusive(
      async () =>
        // The measurement that ran before may have read this image too (save-pairing.ts).
        asCached(await scans.get(request.inspected.id, request.listFiles)) ??
        scanByLayer(docker, request, scans, started),
    );
  } finally {
    // Ended by its read, or never read (every layer known, or an error before reading): stopped.
    await discardSave(started);
  }
}

/**
 * The image read from the file its build exported: it then shares no `docker save`, so the other
 * side of the pairing reads alone. Should the file not serve (an archive this reader cannot place the
 * image in), the image is read by `docker save` as on any other driver, and the log says why.
 */
async function fromExport(
  docker: Docker,
  read: LayerScanRequest,
  scans: ScanStore | undefined,
  options: MeasureOptions & { archive: string },
  saved: () => Promise<ImageScan>,
): Promise<ImageScan> {
  const whose = options.pair ? `the ${options.pair.side}'s image` : 'image';
  const id = read.inspected.id;
  // Said at once: the other side need not wait for this read to save its image alone.
  options.pair?.pairing.offer(options.pair.side, undefined);
  try {
    const scan = await scanExported(docker, read, scans, options.archive);
    options.debug?.(`Measured ${whose} ${id} from the file its build exported, not docker save`);
    return scan;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    options.debug?.(
      `Could not measure ${whose} ${id} from its build's export (${err.message}); reading it with docker save`,
    );
    return saved();
  }
}

/**
 * Scans an image from the file its build exported: the layers arrive compressed as the builder
 * stores (and would push) them, so their compressed sizes are the blobs' own and nothing is
 * compressed, nor asked of a registry. With a scan store, layers known by diff id are skipped as
 * they pass, as in a `docker save`, one measurement at a time (scanInTurn).
 */
async function scanExported(
  docker: Docker,
  request: LayerScanRequest,
  scans: ScanStore | undefined,
  file: string,
): Promise<ImageScan> {
  const started = startExported(docker, file);
  if (scans) return scanInTurn(docker, { ...request, registry: false }, scans, started);
  try {
    return await scanAlone(docker, request, started);
  } finally {
    await discardSave(started);
  }
}

/** What is known of an image's layers, and how each must be read. */
async function knowledgeOf(
  request: LayerScanRequest,
  scans: ScanStore,
): Promise<{ k: ScanKnowledge; needsSave: boolean }> {
  const { inspected, listFiles } = request;
  const known = new Map<string, LayerFacts>();
  for (const diffId of inspected.diffIds) {
    const facts = await scans.layers.get(diffId);
    if (facts) known.set(diffId, facts);
  }
  const k: ScanKnowledge = { ...knowledge(inspected, listFiles, known), limit: request.limit };
  return { k, needsSave: inspected.diffIds.some((d) => readModeOf(d, k) !== 'skip') };
}

/** The registry's compressed sizes of the pulled base image's layers, when some are to be compressed. */
async function withRegistrySizes(
  docker: Docker,
  request: LayerScanRequest,
  k: ScanKnowledge,
): Promise<ScanKnowledge> {
  const compresses = request.inspected.diffIds.some((d) => readModeOf(d, k) === 'measure');
  if (!request.registry || !compresses || request.baseImage === 'scratch') return k;
  return {
    ...k,
    registry: await registryLayerSizes(docker, request.baseImage, platformOf(request.inspected)),
  };
}

/**
 * Scans an image reading only what is not known by diff id: nothing at all (no `docker save`) when
 * every layer is known; else one `docker save` (`started`, when one was started early) that
 * compresses only the layers never seen, asking the registry first for the sizes of pulled base-image
 * layers.
 */
async function scanByLayer(
  docker: Docker,
  request: LayerScanRequest,
  scans: ScanStore,
  started?: StartedSave,
): Promise<ImageScan> {
  const { k, needsSave } = await knowledgeOf(request, scans);
  if (!needsSave) {
    const scan = await scanWithoutSave(docker, request.inspected, k);
    if (scan) return scan;
  }
  const sized = await withRegistrySizes(docker, request, k);
  const result = await scanImage(docker, request.inspected.id, sized, started);
  await scans.layers.put(result.measured);
  return result.scan;
}

/**
 * Scans this image and the run's other one (head and base) from one `docker save`, in which the
 * engine writes their shared layers once; only when both must be saved. Else this image alone.
 */
async function scanTogether(
  docker: Docker,
  requests: [LayerScanRequest, LayerScanRequest],
  scans: ScanStore,
): Promise<Map<string, ImageScan>> {
  const [self, partner] = requests;
  const known = await Promise.all(requests.map((r) => knowledgeOf(r, scans)));
  if (!known.every((k) => k.needsSave))
    return new Map([[self.inspected.id, await scanByLayer(docker, self, scans)]]);
  const ks = await Promise.all(requests.map((r, i) => withRegistrySizes(docker, r, known[i]!.k)));
  const results = await scanImages(docker, [
    { imageId: self.inspected.id, k: ks[0] as ScanKnowledge },
    { imageId: partner.inspected.id, k: ks[1] as ScanKnowledge },
  ]);
  const measured = new Map(results.flatMap((r) => r.measured.map((f) => [f.diffId, f] as const)));
  await scans.layers.put([...measured.values()]);
  return new Map(results.map((r) => [r.scan.imageId, r.scan]));
}

/**
 * Scans an image that the run's other image (the head's or the base's) may share a `docker save`
 * with (save-pairing.ts): waits for the other side to say what it will measure; when the other side
 * already took this image on, waits for that read; else takes both on. Should the shared read fail,
 * this image is read alone.
 */
async function scanPaired(
  docker: Docker,
  request: LayerScanRequest,
  scans: ScanStore,
  pair: { pairing: SavePairing; side: PairSide },
): Promise<ImageScan> {
  const { pairing, side } = pair;
  const id = request.inspected.id;
  pairing.offer(side, { imageId: id, baseImage: request.baseImage });
  const partner = await pairing.partnerOf(side);
  const taken = pairing.taken(id);
  if (taken) {
    const scan = await taken;
    return scan && (!request.listFiles || scan.waste) ? scan : scanInTurn(docker, request, scans);
  }
  if (!partner) return scanInTurn(docker, request, scans);
  if (partner.imageId === id) return scanOnceForBoth(docker, request, scans, pairing);
  const handOver = pairing.take([id, partner.imageId]);
  let scanned = new Map<string, ImageScan>();
  try {
    const inspected = await docker.inspectImage(partner.imageId);
    const other = { ...request, inspected, baseImage: partner.baseImage };
    scanned = await scans.layers.exclusive(async () =>
      (await scans.get(partner.imageId, request.listFiles))
        ? new Map([[id, await scanByLayer(docker, request, scans)]])
        : scanTogether(docker, [request, other], scans),
    );
  } catch (err) {
    if (!(err instanceof UserError || err instanceof DockerError)) throw err;
  } finally {
    handOver(scanned);
  }
  return scanned.get(id) ?? scanInTurn(docker, request, scans);
}

/**
 * Head and base are one image (the pull request did not change the target): the side that gets here
 * first reads it, the other waits for that read (save-pairing.ts) and saves nothing.
 */
async function scanOnceForBoth(
  docker: Docker,
  request: LayerScanRequest,
  scans: ScanStore,
  pairing: SavePairing,
): Promise<ImageScan> {
  const id = request.inspected.id;
  const handOver = pairing.take([id]);
  const scanned = new Map<string, ImageScan>();
  try {
    const scan = await scanInTurn(docker, request, scans);
    scanned.set(id, scan);
    return scan;
  } finally {
    // A failed read hands over nothing: the other side then reads alone, and says why it could not.
    handOver(scanned);
  }
}
