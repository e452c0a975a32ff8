/**
 * The image's packages from its layers' package facts and its final filesystem. Pure.
 *
 * - A database (dpkg status, apk installed) lists everything installed when its layer was made; the
 *   highest copy that survives in the image is the inventory. A package is credited to the layer
 *   whose database first lists it at that version (walking the copies up the layers), so an
 *   `apt-get install` in layer 5 is what brought in the packages new in layer 5's database.
 * - A manifest (package.json, dist-info, a Go binary, a jar) counts when it survives in the image,
 *   and is credited to the layer that wrote that copy. An npm package's size is the bytes of the
 *   files under its folder, less the packages nested in it.
 */
import type { PackageInfo } from '../../model.js';
import type { FinalFile } from '../final-files.js';
import { nodePackageDirOf } from './node.js';
import type { LayerPackageFacts, PackageFact } from './types.js';

const identity = (p: PackageFact): string => `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;

function databasePackages(
  layers: Array<LayerPackageFacts | undefined>,
  files: Map<string, FinalFile>,
): PackageInfo[] {
  const out: PackageInfo[] = [];
  const paths = new Set(layers.flatMap((l) => l?.databases.map((d) => d.path) ?? []));
  for (const path of paths) {
    const survivor = files.get(path);
    if (!survivor) continue;
    let origins = new Map<string, number>();
    let last: PackageFact[] = [];
    for (let index = 0; index <= survivor.layer; index++) {
      const db = layers[index]?.databases.find((d) => d.path === path);
      if (!db) continue;
      const next = new Map<string, number>();
      for (const p of db.packages) next.set(identity(p), origins.get(identity(p)) ?? index);
      origins = next;
      last = db.packages;
    }
    for (const p of last) {
      const { dir: _dir, ...fact } = p;
      out.push({ ...fact, layer: origins.get(identity(p)) ?? survivor.layer, path });
    }
  }
  return out;
}

/** Bytes under each npm package folder (its own files, not nested packages'). */
function nodeDirBytes(files: Map<string, FinalFile>): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const [path, file] of files) {
    const dir = nodePackageDirOf(path);
    if (dir !== undefined) bytes.set(dir, (bytes.get(dir) ?? 0) + file.size);
  }
  return bytes;
}

function manifestPackages(
  layers: Array<LayerPackageFacts | undefined>,
  files: Map<string, FinalFile>,
): PackageInfo[] {
  const out: PackageInfo[] = [];
  let dirBytes: Map<string, number> | undefined;
  layers.forEach((facts, index) => {
    for (const record of facts?.manifests ?? []) {
      if (files.get(record.path)?.layer !== index) continue; // replaced or deleted higher up
      for (const p of record.packages) {
        const { dir, ...fact } = p;
        if (dir !== undefined) fact.size = (dirBytes ??= nodeDirBytes(files)).get(dir) ?? 0;
        out.push({ ...fact, layer: index, path: record.path });
      }
    }
  });
  return out;
}

/** Every package in the image, OS packages first, each sorted by name. */
export function inventoryPackages(
  layers: Array<LayerPackageFacts | undefined>,
  files: Map<string, FinalFile>,
): PackageInfo[] {
  const all = [...databasePackages(layers, files), ...manifestPackages(layers, files)];
  return all.sort(
    (a, b) =>
      ECOSYSTEM_ORDER.indexOf(a.ecosystem) - ECOSYSTEM_ORDER.indexOf(b.ecosystem) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

const ECOSYSTEM_ORDER: PackageInfo['ecosystem'][] = ['deb', 'apk', 'rpm', 'npm', 'python', 'go', 'maven'];
