/**
 * The build information the Go toolchain embeds in every binary it links (what `go version -m`
 * prints): the main module and every dependency module, with versions. Go 1.18+ writes it inline:
 * the 14-byte magic `\xff Go buildinf:`, a 32-byte header whose flags byte (offset 15) has bit 2 set,
 * then the Go version and the module info, each a uvarint length and its bytes. The module info is
 * wrapped in 16-byte sentinels and has one `path`, one `mod` and any number of `dep` lines (a `=>`
 * line replaces the module above it).
 *
 * The finder reads a file as it streams past, keeping only a few bytes across chunks until the magic
 * is found and then at most BUILDINFO_MAX_BYTES after it: a binary is never held. Pure.
 */
import type { PackageFact } from './types.js';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
/** Module info of big programs runs to a few tens of KiB; more than this is not build info. */
export const BUILDINFO_MAX_BYTES = 512 * 1024;
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

export interface GoBuildInfo {
  goVersion: string;
  /** The main module's path and version (`(devel)` for a build from a work tree). */
  main?: { path: string; version: string };
  deps: Array<{ path: string; version: string }>;
}

/** Streams one file: `write` its chunks in order, then `result`. */
export class GoBuildInfoFinder {
  private carry = Buffer.alloc(0);
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private found = false;
  private checkedElf = false;
  private notElf = false;

  write(chunk: Buffer): void {
    if (this.notElf || (this.found && this.keptBytes >= BUILDINFO_MAX_BYTES)) return;
    if (!this.checkedElf) {
      this.checkedElf = true;
      if (chunk.length < 4 || !chunk.subarray(0, 4).equals(ELF)) {
        this.notElf = true;
        return;
      }
    }
    if (this.found) {
      this.keep(chunk);
      return;
    }
    // Search the chunk itself (no copy); only the few bytes around the seam are joined.
    let from = chunk.indexOf(MAGIC);
    let source = chunk;
    if (from === -1 && this.carry.length) {
      const seam = Buffer.concat([this.carry, chunk.subarray(0, MAGIC.length - 1)]);
      const at = seam.indexOf(MAGIC);
      if (at !== -1) {
        source = Buffer.concat([this.carry.subarray(at), chunk]);
        from = 0;
      }
    }
    if (from === -1) {
      const tail = Buffer.concat([
        this.carry,
        chunk.subarray(Math.max(0, chunk.length - (MAGIC.length - 1))),
      ]);
      this.carry = Buffer.from(tail.subarray(Math.max(0, tail.length - (MAGIC.length - 1))));
      return;
    }
    this.found = true;
    this.carry = Buffer.alloc(0);
    this.keep(source.subarray(from));
  }

  private keep(bytes: Buffer): void {
    const room = BUILDINFO_MAX_BYTES - this.keptBytes;
    const part = Buffer.from(bytes.subarray(0, room));
    this.kept.push(part);
    this.keptBytes += part.length;
  }

  /** undefined: not a Go binary. `old`: a Go binary from before 1.18, whose info is not inline. */
  result(): GoBuildInfo | 'old' | undefined {
    if (!this.found) return undefined;
    return parseBuildInfo(Buffer.concat(this.kept));
  }
}

function uvarint(buf: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    value += (buf[i] & 0x7f) * 2 ** shift;
    if ((buf[i] & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}

/** Parses the bytes from the magic on. */
export function parseBuildInfo(buf: Buffer): GoBuildInfo | 'old' | undefined {
  if (buf.length < HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if ((buf[15] & 0x2) === 0) return 'old';
  const vlen = uvarint(buf, HEADER_BYTES);
  if (!vlen || vlen.next + vlen.value > buf.length) return undefined;
  const goVersion = buf.toString('utf8', vlen.next, vlen.next + vlen.value);
  const mlen = uvarint(buf, vlen.next + vlen.value);
  if (!mlen || mlen.next + mlen.value > buf.length) return undefined;
  let info = buf.toString('latin1', mlen.next, mlen.next + mlen.value);
  // Strip the 16-byte sentinels around the text.
  if (info.length >= 32) info = info.slice(16, -16);
  info = Buffer.from(info, 'latin1').toString('utf8');
  return { goVersion, ...parseModInfo(info) };
}

/** `go version -m`'s lines: `mod`, `dep` and `=>` (a replacement of the line above). */
export function parseModInfo(text: string): Omit<GoBuildInfo, 'goVersion'> {
  let main: GoBuildInfo['main'];
  const deps: GoBuildInfo['deps'] = [];
  for (const line of text.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if (kind === 'mod' && path) main = { path, version: version || '(devel)' };
    else if (kind === 'dep' && path) deps.push({ path, version: version ?? '' });
    else if (kind === '=>' && path && deps.length) deps[deps.length - 1] = { path, version: version ?? '' };
  }
  return { main, deps };
}

/** The binary's packages: its main module (with the binary's size) and every dependency module. */
export function goPackages(info: GoBuildInfo, binaryBytes: number): PackageFact[] {
  const out: PackageFact[] = [];
  if (info.main) {
    out.push({ ecosystem: 'go', name: info.main.path, version: info.main.version, size: binaryBytes });
  }
  for (const d of info.deps) out.push({ ecosystem: 'go', name: d.path, version: d.version });
  return out;
}
