/**
 * Python distributions: `<name>-<version>.dist-info/METADATA` (wheels, pip), with `RECORD` listing
 * every installed file and its size; `*.egg-info/PKG-INFO` (or an `.egg-info` file) for eggs and
 * setup.py installs, which record no sizes. Pure.
 */
import { parseStanzas } from './control.js';
import type { PackageFact } from './types.js';

export type PythonRecordKind = 'metadata' | 'record' | 'pkg-info';

export function pythonRecordKind(path: string): PythonRecordKind | undefined {
  if (/\.dist-info\/METADATA$/.test(path)) return 'metadata';
  if (/\.dist-info\/RECORD$/.test(path)) return 'record';
  if (/\.egg-info\/PKG-INFO$/.test(path) || /\/[^/]+\.egg-info$/.test(path)) return 'pkg-info';
  return undefined;
}

/** The dist-info or egg-info folder a record belongs to (for an `.egg-info` file, itself). */
export function pythonDistDir(path: string): string {
  return /\.egg-info$/.test(path) ? path : path.slice(0, path.lastIndexOf('/'));
}

/** Name and version from METADATA or PKG-INFO (the headers before the description). */
export function parsePythonMetadata(text: string): PackageFact | undefined {
  const [headers] = parseStanzas(text, true);
  const name = headers?.get('name');
  const version = headers?.get('version');
  if (!name || !version) return undefined;
  return { ecosystem: 'python', name, version };
}

/** Bytes of the files a RECORD lists (`path,hash,size` lines; the RECORD itself has no size). */
export function recordBytes(text: string): number {
  let total = 0;
  for (const line of text.split(/\r?\n/)) {
    const size = Number(/,(\d+)\s*$/.exec(line)?.[1]);
    if (Number.isFinite(size)) total += size;
  }
  return total;
}
