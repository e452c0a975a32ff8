/**
 * Compressed sizes of a pulled base image's layers as its registry stores them: the manifest lists
 * each layer blob's size, which is exactly what a registry holds (no recompression, which would only
 * approximate it). Manifest layers are tied to diff ids through the image config's `rootfs.diff_ids`
 * (same order), so a figure is only ever used for the layer it describes, even when a tag has moved
 * since the build pulled it. A multi-platform index is followed to the engine's platform.
 *
 * Never an error: a registry that cannot be reached, refuses, or answers with something unexpected
 * gives no figures, and those layers are compressed instead.
 */
import { REGISTRY_TIMEOUT_MS } from '../limits.js';
import type { Docker } from '../seams/docker.js';

interface Descriptor {
  digest?: unknown;
  size?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

interface ManifestDocument {
  manifests?: Descriptor[];
  layers?: Descriptor[];
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** `registry/name` of a reference, without its tag or digest. */
export function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The descriptor of `platform`'s manifest in an index; undefined when the index has none. */
export function pickPlatform(index: ManifestDocument, platform: Platform): string | undefined {
  const list = (index.manifests ?? []).filter((m) => typeof m.digest === 'string');
  const match = list.find(
    (m) =>
      m.platform?.os === platform.os &&
      m.platform?.architecture === platform.architecture &&
      (platform.variant === undefined || m.platform?.variant === platform.variant),
  );
  return match?.digest as string | undefined;
}

/** diff id -> the registry's blob size, from a manifest's layers and its config's diff ids. */
export function sizesByDiffId(manifest: ManifestDocument, diffIds: string[]): Map<string, number> {
  const layers = manifest.layers ?? [];
  const sizes = new Map<string, number>();
  if (layers.length !== diffIds.length) return sizes;
  layers.forEach((l, i) => {
    if (typeof l.size === 'number' && Number.isInteger(l.size) && l.size >= 0) sizes.set(diffIds[i], l.size);
  });
  return sizes;
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reference to ask the registry about: the digest the engine pulled (RepoDigests), preferring one
 * in the reference's own repository. Any registry that holds this manifest stores exactly its blobs,
 * and figures are matched by diff id, so another repository's digest (a mirror's) is as good.
 */
async function pinnedRef(docker: Docker, ref: string): Promise<string> {
  const repo = repositoryOf(ref);
  try {
    const { repoDigests } = await docker.inspectImage(ref);
    return repoDigests.find((d) => repositoryOf(d) === repo) ?? repoDigests[0] ?? ref;
  } catch {
    return ref; // Not in the engine's store (BuildKit pulled it into its own): ask by the reference.
  }
}

/** The registry's compressed size of each layer of image `ref` for `platform`, by diff id. */
export async function registryLayerSizes(
  docker: Docker,
  ref: string,
  platform: Platform,
  timeoutMs = REGISTRY_TIMEOUT_MS,
): Promise<Map<string, number>> {
  const none = new Map<string, number>();
  if (ref === 'scratch' || !ref) return none;
  const pinned = await pinnedRef(docker, ref);
  let manifestRef = pinned;
  let manifest = parseJson<ManifestDocument>(await docker.imagetools(pinned, { raw: true }, timeoutMs));
  if (manifest?.manifests) {
    const digest = pickPlatform(manifest, platform);
    if (!digest) return none;
    manifestRef = `${repositoryOf(pinned)}@${digest}`;
    manifest = parseJson<ManifestDocument>(await docker.imagetools(manifestRef, { raw: true }, timeoutMs));
  }
  if (!manifest?.layers) return none;
  const config = parseJson<{ rootfs?: { diff_ids?: unknown } }>(
    await docker.imagetools(manifestRef, { format: '{{json .Image}}' }, timeoutMs),
  );
  const diffIds = config?.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string')) return none;
  return sizesByDiffId(manifest, diffIds as string[]);
}
