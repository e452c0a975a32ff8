/**
 * Finds, in the documents of a `docker save` archive, the image's config and its layers in order,
 * and computes the registry manifest's size. Pure.
 */
import type { ImageArchive } from './archive.js';
import type { ImageConfig } from './layers.js';

export interface ImageLayout {
  /** Archive entry names of the layers, bottom first. */
  layerPaths: string[];
  configPath: string;
  config: ImageConfig;
  /** Bytes of the config as stored (pushed as-is). */
  configBytes: number;
}

interface DockerManifestEntry {
  Config?: string;
  Layers?: string[];
}

interface OciDescriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string };
}

interface OciDocument {
  mediaType?: string;
  manifests?: OciDescriptor[];
  config?: OciDescriptor;
  layers?: OciDescriptor[];
}

const blobPath = (digest: string): string => {
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
};

function parse<T>(archive: ImageArchive, path: string): T | undefined {
  const doc = archive.documents.get(path);
  if (!doc) return undefined;
  try {
    return JSON.parse(doc.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Follows an OCI index (possibly nested) to one image manifest: linux/amd64 or the first. */
function ociManifest(
  archive: ImageArchive,
  doc: OciDocument | undefined,
  depth = 0,
): OciDocument | undefined {
  if (!doc || depth > 4) return undefined;
  if (doc.config && doc.layers) return doc;
  const list = doc.manifests ?? [];
  const pick =
    list.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ??
    list.find((m) => !m.platform || m.platform.architecture !== 'unknown') ??
    list[0];
  if (!pick?.digest) return undefined;
  return ociManifest(archive, parse<OciDocument>(archive, blobPath(pick.digest)), depth + 1);
}

/** The layer and config entries of one image, from a manifest.json entry or an OCI manifest. */
interface Named {
  configPath: string;
  layerPaths: string[];
}

const fromDockerEntry = (entry: DockerManifestEntry | undefined): Named | undefined =>
  entry?.Config && entry.Layers ? { configPath: entry.Config, layerPaths: entry.Layers } : undefined;

const fromOci = (manifest: OciDocument | undefined): Named | undefined =>
  manifest?.config?.digest && manifest.layers
    ? {
        configPath: blobPath(manifest.config.digest),
        layerPaths: manifest.layers.map((l) => blobPath(l.digest ?? '')),
      }
    : undefined;

/**
 * The entries of the image `imageId` in an archive of one or more images. The classic store's id is
 * its config's digest (manifest.json names that config: `<hex>.json`, or `blobs/sha256/<hex>` from
 * Docker 25); the containerd store's is its manifest's or index's, which index.json lists by digest.
 * An archive of one image needs no id.
 */
function namedEntries(archive: ImageArchive, imageId: string | undefined): Named | undefined {
  const entries = parse<DockerManifestEntry[]>(archive, 'manifest.json') ?? [];
  const index = parse<OciDocument>(archive, 'index.json');
  const hex = imageId?.replace(/^sha256:/, '');
  if (hex !== undefined) {
    const byConfig = entries.find((e) => e.Config === `${hex}.json` || e.Config === `blobs/sha256/${hex}`);
    if (byConfig) return fromDockerEntry(byConfig);
    const listed = index?.manifests?.find((m) => m.digest === imageId);
    if (listed?.digest) {
      const doc = parse<OciDocument>(archive, blobPath(listed.digest));
      return fromOci(ociManifest(archive, doc));
    }
    const images = Math.max(entries.length, index?.manifests?.length ?? 0);
    if (images > 1) return undefined;
  }
  return fromDockerEntry(entries[0]) ?? fromOci(ociManifest(archive, index));
}

/** The config and layers of `imageId` (needed when the archive holds several images). */
export function resolveLayout(archive: ImageArchive, imageId?: string): ImageLayout {
  const resolveLink = (p: string): string => archive.links.get(p) ?? p;
  const named = namedEntries(archive, imageId);
  if (!named) {
    throw new Error(
      imageId === undefined
        ? 'the archive has neither a manifest.json nor an OCI index.json naming the image'
        : `the archive's manifest.json and index.json do not name image ${imageId}`,
    );
  }
  const { configPath, layerPaths } = named;
  const config = parse<ImageConfig>(archive, configPath);
  if (!config) throw new Error(`the archive has no readable image config ${configPath}`);
  return {
    layerPaths: layerPaths.map(resolveLink),
    configPath,
    config,
    configBytes: archive.documents.get(configPath)?.length ?? 0,
  };
}

/**
 * Bytes of the image manifest a `docker push` uploads (Docker schema 2, which Docker's distribution
 * code indents with three spaces). Digests are fixed-length, so placeholders give the exact size.
 */
export function registryManifestBytes(configBytes: number, compressedLayerSizes: number[]): number {
  const digest = `sha256:${'0'.repeat(64)}`;
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: configBytes, digest },
    layers: compressedLayerSizes.map((size) => ({
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      size,
      digest,
    })),
  };
  return Buffer.byteLength(JSON.stringify(manifest, null, 3));
}
