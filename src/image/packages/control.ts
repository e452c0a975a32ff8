/**
 * RFC 822-style stanzas as dpkg (status, status.d) and Python (METADATA, PKG-INFO) write them:
 * `Field: value` lines, continuation lines starting with a space or tab, stanzas separated by a
 * blank line. Pure.
 */

/** Each stanza's fields, by lower-cased name (first occurrence; continuation lines appended). */
export function parseStanzas(text: string, firstOnly = false): Array<Map<string, string>> {
  const stanzas: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size) stanzas.push(current);
      if (firstOnly && stanzas.length) return stanzas;
      current = new Map();
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!current.has(key)) current.set(key, line.slice(colon + 1).trim());
    last = key;
  }
  if (current.size) stanzas.push(current);
  return stanzas;
}
