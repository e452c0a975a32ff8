/**
 * Java archives: a jar's `META-INF/maven/<group>/<artifact>/pom.properties` (what Maven and Gradle
 * write) names it `group:artifact` at a version; without one, `META-INF/MANIFEST.MF`'s
 * Implementation-Title/-Version or Bundle-SymbolicName/-Version do. A jar is read from its bytes
 * (fflate reads the zip's central directory and inflates only those entries). Jars nested in a jar
 * (Spring Boot's BOOT-INF/lib) are not opened. Pure.
 */
import { unzipSync } from 'fflate';
import type { PackageFact } from './types.js';

/** Bigger jars are not read (their bytes would be held while the layer streams). */
export const JAR_MAX_BYTES = 64 * 1024 * 1024;

export function isJar(path: string): boolean {
  return /\.(jar|war|ear)$/.test(path);
}

function properties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#!=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (m) out.set(m[1], m[2].trim());
  }
  return out;
}

/** MANIFEST.MF's main section; continuation lines start with one space. */
function manifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const joined = text.replace(/\r?\n /g, '');
  for (const line of joined.split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return out;
}

/** The jar's packages (usually one); a jar that is not a zip, or names none, has none. */
export function parseJar(bytes: Uint8Array, jarBytes: number): PackageFact[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        f.name === 'META-INF/MANIFEST.MF' || /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(f.name),
    });
  } catch {
    return [];
  }
  const text = (name: string) => Buffer.from(files[name]).toString('utf8');
  const poms = Object.keys(files)
    .filter((n) => n.endsWith('pom.properties'))
    .sort();
  const out: PackageFact[] = [];
  for (const pom of poms) {
    const p = properties(text(pom));
    const group = p.get('groupId');
    const artifact = p.get('artifactId');
    const version = p.get('version');
    if (group && artifact && version) out.push({ ecosystem: 'maven', name: `${group}:${artifact}`, version });
  }
  if (out.length === 0 && files['META-INF/MANIFEST.MF']) {
    const m = manifest(text('META-INF/MANIFEST.MF'));
    const name = m.get('Implementation-Title') ?? m.get('Bundle-SymbolicName')?.split(';')[0];
    const version = m.get('Implementation-Version') ?? m.get('Bundle-Version');
    if (name && version) out.push({ ecosystem: 'maven', name, version });
  }
  // The jar's own bytes are the first package's size (a shaded jar bundles the others).
  if (out[0]) out[0].size = jarBytes;
  return out;
}
