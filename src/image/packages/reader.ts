/**
 * The layer scanner's content reader for packages: it picks, by path (and for Go binaries by their
 * first bytes), the few files whose contents say what is installed, keeps their bytes while they
 * stream past (bounded per file), parses each when it ends, and drops the bytes. Everything else is
 * never looked at. What it returns for a layer is plain data (types.ts), kept by diff id.
 */
import { APK_INSTALLED, parseApkInstalled } from './apk.js';
import { DPKG_STATUS, isDpkgStatusD, parseDpkgStatus } from './dpkg.js';
import { GoBuildInfoFinder, goPackages } from './go-buildinfo.js';
import { isJar, JAR_MAX_BYTES, parseJar } from './jar.js';
import { isNodeManifest, parseNodeManifest } from './node.js';
import { parsePythonMetadata, pythonDistDir, pythonRecordKind, recordBytes } from './python.js';
import { isRpmDatabase, isRpmLegacyDatabase, readRpmDatabase, RPM_LEGACY_NOT_READ } from './rpm.js';
import { emptyFacts, type LayerPackageFacts, type PackageFact } from './types.js';

/** A database can be large (rpmdb.sqlite of a full system: tens of MiB); bigger is not read. */
export const DATABASE_MAX_BYTES = 128 * 1024 * 1024;
/** A manifest (package.json, METADATA, RECORD) bigger than this is not one worth reading. */
export const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
/** Go binaries are at least this big; smaller executables are not searched for build info. */
const GO_BINARY_MIN_BYTES = 512 * 1024;

export interface ContentSink {
  write(chunk: Buffer): void;
  end(): void;
}

/** What the layer scanner asks of a content reader (see layer-files.ts). */
export interface LayerContentReader {
  /** A sink for this file's bytes, or undefined to let them pass unread. */
  open(path: string, size: number, mode: number): ContentSink | undefined;
  finish(): LayerPackageFacts;
}

/** Collects a file whole (up to `max` bytes) and hands it to `done`; a longer one is noted, not read. */
function wholeFile(
  max: number,
  size: number,
  done: (bytes: Buffer) => void,
  tooBig: () => void,
): ContentSink {
  const parts: Buffer[] = [];
  if (size > max) {
    tooBig();
    return { write: () => undefined, end: () => undefined };
  }
  return { write: (c) => void parts.push(c), end: () => done(Buffer.concat(parts)) };
}

interface PythonDist {
  /** The METADATA or PKG-INFO file (or the `.egg-info` file itself). */
  file?: string;
  metadata?: PackageFact;
  size?: number;
}

/** Looks for Go build info in an executable as it streams past (never holding the binary). */
function goBinarySink(
  path: string,
  size: number,
  note: (text: string) => void,
  manifest: (path: string, packages: PackageFact[]) => void,
): ContentSink {
  const finder = new GoBuildInfoFinder();
  return {
    write: (c) => finder.write(c),
    end: () => {
      const info = finder.result();
      if (info === 'old') note(`${path}: a Go binary from before Go 1.18; its modules are not listed`);
      else if (info) manifest(path, goPackages(info, size));
    },
  };
}

/** One manifest per Python distribution whose metadata was read, with its RECORD's size when read. */
function pythonManifests(python: ReadonlyMap<string, PythonDist>): LayerPackageFacts['manifests'] {
  const out: LayerPackageFacts['manifests'] = [];
  for (const dist of python.values()) {
    if (!dist.metadata || !dist.file) continue;
    const pkg = dist.size !== undefined ? { ...dist.metadata, size: dist.size } : dist.metadata;
    // Keyed by the metadata file: what the image-level inventory looks for in the final file list.
    out.push({ path: dist.file, packages: [pkg] });
  }
  return out;
}

export function createPackageReader(): LayerContentReader {
  const facts = emptyFacts();
  const python = new Map<string, PythonDist>();
  const note = (text: string) => void facts.notes.push(text);
  const database = (path: string, parse: (bytes: Buffer) => PackageFact[]) => (bytes: Buffer) =>
    void facts.databases.push({ path, packages: parse(bytes) });
  const manifest = (path: string, packages: PackageFact[]) => {
    if (packages.length) facts.manifests.push({ path, packages });
  };
  const pythonDist = (path: string) => {
    const dir = pythonDistDir(path);
    let dist = python.get(dir);
    if (!dist) python.set(dir, (dist = {}));
    return dist;
  };

  /** The file whole, for the few `open` picks (defined once: `open` runs for every file of a layer). */
  const wholeOf = (path: string, size: number, max: number, done: (bytes: Buffer) => void) =>
    wholeFile(max, size, done, () =>
      note(`${path} (${size} bytes) is too big to read; its packages are not listed`),
    );

  function open(path: string, size: number, mode: number): ContentSink | undefined {
    if (path === DPKG_STATUS)
      return wholeOf(
        path,
        size,
        DATABASE_MAX_BYTES,
        database(path, (b) => parseDpkgStatus(b.toString('utf8'))),
      );
    if (path === APK_INSTALLED)
      return wholeOf(
        path,
        size,
        DATABASE_MAX_BYTES,
        database(path, (b) => parseApkInstalled(b.toString('utf8'))),
      );
    if (isRpmDatabase(path))
      return wholeOf(path, size, DATABASE_MAX_BYTES, (b) => {
        const read = readRpmDatabase(b);
        if (read.note) note(`${path}: ${read.note}`);
        if (read.packages) facts.databases.push({ path, packages: read.packages });
      });
    if (isRpmLegacyDatabase(path)) {
      note(`${path}: ${RPM_LEGACY_NOT_READ}`);
      return undefined;
    }
    if (isDpkgStatusD(path))
      return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) =>
        manifest(path, parseDpkgStatus(b.toString('utf8'))),
      );
    if (isNodeManifest(path))
      return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) => {
        const pkg = parseNodeManifest(path, b.toString('utf8'));
        if (pkg) manifest(path, [pkg]);
      });
    const kind = pythonRecordKind(path);
    if (kind)
      return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) => {
        const dist = pythonDist(path);
        if (kind === 'record') dist.size = recordBytes(b.toString('utf8'));
        else {
          dist.file = path;
          dist.metadata = parsePythonMetadata(b.toString('utf8'));
        }
      });
    if (isJar(path)) return wholeOf(path, size, JAR_MAX_BYTES, (b) => manifest(path, parseJar(b, size)));
    if ((mode & 0o111) !== 0 && size >= GO_BINARY_MIN_BYTES) return goBinarySink(path, size, note, manifest);
    return undefined;
  }

  function finish(): LayerPackageFacts {
    facts.manifests.push(...pythonManifests(python));
    return facts;
  }

  return { open, finish };
}
