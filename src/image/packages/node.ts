/**
 * npm packages: each `node_modules/<name>/package.json` (or `node_modules/@scope/<name>/...`) is
 * one installed package. Its size is the bytes of the files under its folder, less nested
 * `node_modules` (other packages), which the image-level inventory adds up from the file lists.
 * Pure.
 */
import type { PackageFact } from './types.js';

const MANIFEST = /\/node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\/package\.json$/;

export function isNodeManifest(path: string): boolean {
  return MANIFEST.test(path);
}

/** The package a manifest describes; undefined when it is not one (no name or version, bad JSON). */
export function parseNodeManifest(path: string, text: string): PackageFact | undefined {
  const dir = path.slice(0, -'/package.json'.length);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { name, version } = json as { name?: unknown; version?: unknown };
  const folderName = MANIFEST.exec(path)?.[1];
  const pkgName = typeof name === 'string' && name ? name : folderName;
  if (!pkgName || typeof version !== 'string' || !version) return undefined;
  return { ecosystem: 'npm', name: pkgName, version, dir };
}

/**
 * The package folder a file belongs to: the innermost `node_modules/<name>` (or `@scope/<name>`)
 * above it, or undefined for files outside any package.
 */
export function nodePackageDirOf(path: string): string | undefined {
  const at = path.lastIndexOf('/node_modules/');
  if (at === -1) return undefined;
  const rest = path.slice(at + '/node_modules/'.length).split('/');
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= depth) return undefined; // the folder itself, or a scope folder
  return `${path.slice(0, at)}/node_modules/${rest.slice(0, depth).join('/')}`;
}
