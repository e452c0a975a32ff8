/**
 * A saved base report: the measurement of one commit's target image, kept in the Actions cache so a
 * pull request based on that commit need not rebuild it. Pure (key and (de)serialization).
 *
 * The key names everything that changes the figures: the commit, the Dockerfile path, the target,
 * the build options (context, build-args, platforms, named build contexts) and the engine's image
 * store (which changes what "size on disk" is read from). Not the builder's name: setup-buildx-action
 * makes a new random one every run. Build-arg values go into the key only hashed. Secrets never go
 * into it, not even hashed (a hash of a short secret can be guessed); nor `no-cache` or `pull`, which
 * change how an image is built, not what it is.
 */
import { createHash } from 'node:crypto';
import type { Inputs } from '../inputs.js';
import { packLayerFacts, unpackLayerFacts, type LayerFacts } from '../image/layer-facts.js';
import type { ImageMeasurement } from '../model.js';

/** Bump when the shape of ImageMeasurement changes incompatibly. */
export const BASE_REPORT_VERSION = 1;

export interface BaseReportKeyParts {
  sha: string;
  file: string;
  /** Target stage name ('' for an unnamed last stage). */
  target: string;
  inputs: Pick<Inputs, 'context' | 'build-args'> & Partial<Pick<Inputs, 'platforms' | 'build-contexts'>>;
  imageStore: 'classic' | 'containerd';
}

export function baseReportKey(parts: BaseReportKeyParts): string {
  const options = JSON.stringify({
    file: parts.file,
    target: parts.target,
    context: parts.inputs.context,
    buildArgs: parts.inputs['build-args'].map((a) => [a.name, a.value]),
    imageStore: parts.imageStore,
    // Only when set, so keys saved before these inputs existed still match.
    ...(parts.inputs.platforms?.length ? { platforms: parts.inputs.platforms } : {}),
    ...(parts.inputs['build-contexts']?.length
      ? { buildContexts: parts.inputs['build-contexts'].map((c) => [c.name, c.value]) }
      : {}),
  });
  const digest = createHash('sha256').update(options).digest('hex').slice(0, 20);
  return `stagegate-base-v${BASE_REPORT_VERSION}-${parts.sha}-${digest}`;
}

interface SavedBaseReport {
  version: number;
  sha: string;
  image: ImageMeasurement;
  /**
   * The facts of the image's layers by diff id (sizes, compressed size and its source, file list),
   * packed as layer-facts.ts does: a pull request's head shares most of its base's layers, and on a
   * hosted runner (empty cache folder) this is where it finds them, file lists for the wasted-space
   * analysis included. Absent in reports written before it existed.
   */
  layers?: unknown[];
}

export function serializeBaseReport(sha: string, image: ImageMeasurement, layers: LayerFacts[] = []): string {
  const saved: SavedBaseReport = {
    version: BASE_REPORT_VERSION,
    sha,
    image,
    ...(layers.length ? { layers: layers.map(packLayerFacts) } : {}),
  };
  return JSON.stringify(saved);
}

/** The layer facts a saved report holds (none when it is not one this version wrote); bad ones are left out. */
export function parseBaseReportLayers(text: string, sha: string): LayerFacts[] {
  if (!parseBaseReport(text, sha)) return [];
  const saved = JSON.parse(text) as Partial<SavedBaseReport>;
  if (!Array.isArray(saved.layers)) return [];
  return saved.layers.flatMap((l) => {
    const facts = unpackLayerFacts(l);
    return facts ? [facts] : [];
  });
}

/** The measurement in a saved report, or undefined when it is not one this version wrote. */
export function parseBaseReport(text: string, sha: string): ImageMeasurement | undefined {
  try {
    const saved = JSON.parse(text) as Partial<SavedBaseReport>;
    const image = saved.image;
    if (saved.version !== BASE_REPORT_VERSION || saved.sha !== sha || !image) return undefined;
    if (
      typeof image.size !== 'number' ||
      typeof image.compressedSize !== 'number' ||
      !Array.isArray(image.layers)
    ) {
      return undefined;
    }
    return image;
  } catch {
    return undefined;
  }
}
