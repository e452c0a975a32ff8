/**
 * What one layer says about the packages it installed, read from the few files that record them
 * (package databases and per-package manifests) as the layer streams past. Plain JSON data: it is a
 * function of the layer's content, so it can be kept by diff id like the layer's file list.
 */
import type { PackageEcosystem } from '../../model.js';

export type { PackageEcosystem };

export interface PackageFact {
  ecosystem: PackageEcosystem;
  name: string;
  version: string;
  /**
   * Installed bytes as the package's own record says (dpkg's Installed-Size × 1024, apk's I:, rpm's
   * SIZE, the sizes in a wheel's RECORD, a Go binary's or a jar's own size). Absent when the record
   * has none; npm packages get theirs from the image's files (`dir`).
   */
  size?: number;
  /** The package's folder when its size is the bytes of the files under it (npm). */
  dir?: string;
}

/** The packages a database or a manifest file lists, keyed by that file's path in the image. */
export interface PackageRecord {
  path: string;
  packages: PackageFact[];
}

export interface LayerPackageFacts {
  /**
   * Whole package databases this layer wrote (dpkg status, apk installed, rpm's rpmdb.sqlite): every
   * package installed when the layer was made. A database in a higher layer replaces a lower one.
   */
  databases: PackageRecord[];
  /** One-package records (package.json, dist-info, egg-info, a Go binary, a jar, dpkg's status.d). */
  manifests: PackageRecord[];
  /** What could not be read, one line each (an unsupported database format, a record cut short). */
  notes: string[];
}

export const emptyFacts = (): LayerPackageFacts => ({ databases: [], manifests: [], notes: [] });

export function hasFacts(facts: LayerPackageFacts): boolean {
  return facts.databases.length > 0 || facts.manifests.length > 0 || facts.notes.length > 0;
}
