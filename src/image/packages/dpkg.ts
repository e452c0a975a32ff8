/**
 * Debian packages: `/var/lib/dpkg/status` (every package dpkg knows, with its state) and distroless
 * images' `/var/lib/dpkg/status.d/<package>` (one stanza per file, no dpkg). Only packages whose
 * state is `installed` count; `Installed-Size` is in KiB (what `dpkg-query -W -f='${Installed-Size}'`
 * prints). Pure.
 */
import { parseStanzas } from './control.js';
import type { PackageFact } from './types.js';

export const DPKG_STATUS = '/var/lib/dpkg/status';

/** A distroless status.d entry (not its `.md5sums` companions). */
export function isDpkgStatusD(path: string): boolean {
  return /^\/var\/lib\/dpkg\/status\.d\/[^/]+$/.test(path) && !path.endsWith('.md5sums');
}

export function parseDpkgStatus(text: string): PackageFact[] {
  const out: PackageFact[] = [];
  for (const s of parseStanzas(text)) {
    const name = s.get('package');
    const version = s.get('version');
    const status = s.get('status');
    // status.d entries carry no Status field: they are installed by construction.
    if (!name || !version || (status !== undefined && !/\binstalled$/.test(status))) continue;
    const arch = s.get('architecture');
    const kib = Number(s.get('installed-size'));
    out.push({
      ecosystem: 'deb',
      // Multi-arch packages are told apart by architecture, as dpkg-query prints them.
      name: s.get('multi-arch') === 'same' && arch ? `${name}:${arch}` : name,
      version,
      ...(Number.isFinite(kib) && kib >= 0 && s.has('installed-size') ? { size: kib * 1024 } : {}),
    });
  }
  return out;
}
