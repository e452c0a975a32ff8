/**
 * Alpine packages: `/lib/apk/db/installed`, one block per package separated by blank lines, one
 * `X:value` line per field (`P` name, `V` version, `I` installed bytes). Pure.
 */
import type { PackageFact } from './types.js';

export const APK_INSTALLED = '/lib/apk/db/installed';

export function parseApkInstalled(text: string): PackageFact[] {
  const out: PackageFact[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split(/\r?\n/)) {
      const m = /^([A-Za-z]):(.*)$/.exec(line);
      if (m && !fields.has(m[1])) fields.set(m[1], m[2]);
    }
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) continue;
    const size = Number(fields.get('I'));
    out.push({
      ecosystem: 'apk',
      name,
      version,
      ...(fields.has('I') && Number.isFinite(size) && size >= 0 ? { size } : {}),
    });
  }
  return out;
}
