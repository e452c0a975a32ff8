/**
 * Reads one HTTP/1.1 response from the bytes a socket delivers, as they arrive: the status line and
 * headers, then the body with its framing removed (chunked, Content-Length, or until the connection
 * closes). Pure: bytes in, callbacks out; the engine seam (engine.ts) owns the socket.
 *
 * Why not node:http (or undici) for the engine's `GET /images/get`: on a 517 MB `docker save` from
 * dockerd 20.10 (chunked, about 50 KB a read), a bare read of the response through node:http took
 * 750–790 ms after the first byte and 530–580 ms of CPU, undici 810–860 ms and 600 ms, and the same
 * socket read with `onread` into a large buffer, framing ignored, 480–495 ms and 160–170 ms (measured
 * side by side on this machine). That CPU is taken from the daemon writing the stream on a two-core
 * runner, so the stream itself slows. The response is one GET that stagegate sends itself; this reads
 * only what such a response can hold (RFC 9112: status line, header fields, chunked coding with
 * extensions and trailers, Content-Length), and refuses anything else.
 */

export interface ResponseHead {
  status: number;
  /** Header fields by lower-cased name (repeated fields joined with ", "). */
  headers: Map<string, string>;
}

export interface ResponseSink {
  /** The final (non-1xx) response's status and headers, before any body byte. */
  head(head: ResponseHead): void;
  /** Body bytes in order: views of the written chunks (copy them to keep them past the next write). */
  body(chunk: Buffer): void;
}

/** Longest status line plus header block accepted. */
const HEAD_MAX = 64 * 1024;
/** Longest chunk-size or trailer line accepted. */
const LINE_MAX = 4096;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const NO_BYTES = Buffer.alloc(0);

type State =
  | { kind: 'head' }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'chunk-end' }
  | { kind: 'trailer' }
  | { kind: 'length'; left: number }
  | { kind: 'until-close' }
  | { kind: 'done' };

export class HttpResponseReader {
  private state: State = { kind: 'head' };
  /** Head bytes gathered across writes until the blank line. */
  private head = NO_BYTES;
  /** A chunk-size, chunk-end or trailer line split across writes. */
  private line = '';

  constructor(private readonly sink: ResponseSink) {}

  /** True once the whole response has been read (bytes after it are ignored). */
  get complete(): boolean {
    return this.state.kind === 'done';
  }

  /** Throws on bytes that are not an HTTP/1.1 response; the reader is then unusable. */
  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const s = this.state;
      switch (s.kind) {
        case 'head':
          at = this.readHead(chunk, at);
          break;
        case 'chunk-data':
        case 'length': {
          const n = Math.min(s.left, chunk.length - at);
          this.sink.body(chunk.subarray(at, at + n));
          at += n;
          s.left -= n;
          if (s.left === 0) this.state = s.kind === 'length' ? { kind: 'done' } : { kind: 'chunk-end' };
          break;
        }
        case 'until-close':
          this.sink.body(chunk.subarray(at));
          return;
        case 'done':
          return;
        default:
          at = this.readLine(chunk, at);
      }
    }
  }

  /** The connection closed: throws when the response was not complete (a body read until close is). */
  end(): void {
    if (this.state.kind === 'until-close') this.state = { kind: 'done' };
    if (this.state.kind !== 'done') throw new Error('the connection closed before the response was complete');
  }

  private readHead(chunk: Buffer, at: number): number {
    const before = this.head.length;
    const gathered = before === 0 ? chunk.subarray(at) : Buffer.concat([this.head, chunk.subarray(at)]);
    // The blank line may have begun in what was gathered before: search from up to 3 bytes back.
    const blank = gathered.indexOf(CRLFCRLF, Math.max(0, before - 3));
    if (blank === -1) {
      if (gathered.length > HEAD_MAX) throw new Error('response headers are too long');
      this.head = Buffer.from(gathered); // a copy: the chunk's bytes are not ours past this write
      return chunk.length;
    }
    if (blank + 4 > HEAD_MAX) throw new Error('response headers are too long');
    this.head = NO_BYTES;
    this.startBody(parseHead(gathered.toString('latin1', 0, blank)));
    return at + blank + 4 - before;
  }

  private startBody(head: ResponseHead): void {
    if (head.status < 200) return void (this.state = { kind: 'head' }); // 1xx: the real one follows
    this.sink.head(head);
    const coding = head.headers.get('transfer-encoding');
    const length = head.headers.get('content-length');
    if (head.status === 204 || head.status === 304) this.state = { kind: 'done' };
    else if (coding !== undefined) {
      if (coding.toLowerCase().split(',').pop()?.trim() !== 'chunked')
        throw new Error(`unsupported transfer coding: ${coding}`);
      this.state = { kind: 'chunk-size' };
    } else if (length !== undefined) {
      if (!/^\d+$/.test(length)) throw new Error(`invalid content-length: ${length}`);
      const left = Number(length);
      this.state = left === 0 ? { kind: 'done' } : { kind: 'length', left };
    } else this.state = { kind: 'until-close' };
  }

  /** Gathers one line (chunk size, the CRLF after chunk data, a trailer); acts on it when whole. */
  private readLine(chunk: Buffer, at: number): number {
    const nl = chunk.indexOf(0x0a, at);
    const end = nl === -1 ? chunk.length : nl;
    this.line += chunk.toString('latin1', at, end);
    if (this.line.length > LINE_MAX) throw new Error('chunk framing line is too long');
    if (nl === -1) return chunk.length;
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    this.line = '';
    this.onLine(line);
    return nl + 1;
  }

  private onLine(line: string): void {
    const s = this.state;
    if (s.kind === 'chunk-end') {
      if (line !== '') throw new Error('chunk data is not followed by CRLF');
      this.state = { kind: 'chunk-size' };
    } else if (s.kind === 'trailer') {
      if (line === '') this.state = { kind: 'done' };
    } else {
      const hex = line.split(';')[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new Error(`invalid chunk size: ${JSON.stringify(line)}`);
      const size = parseInt(hex, 16);
      this.state = size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', left: size };
    }
  }
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...fields] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP/1.1 response: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon <= 0) throw new Error(`invalid header field: ${JSON.stringify(field.slice(0, 80))}`);
    const name = field.slice(0, colon).trim().toLowerCase();
    const value = field.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(m[1]), headers };
}

/**
 * Body views of one buffer, in order, moved together to the first one's start (the framing between
 * them overwritten): one view instead of many. The views must share one memory and not overlap; the
 * bytes after the joined view are left as they were.
 */
export function joinInPlace(parts: readonly Buffer[]): Buffer | undefined {
  const first = parts[0];
  if (parts.length <= 1 || !first) return first;
  const origin = first.byteOffset;
  const last = parts[parts.length - 1] as Buffer;
  const span = Buffer.from(first.buffer, origin, last.byteOffset + last.length - origin);
  let filled = first.length;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i] as Buffer;
    if (p.buffer !== first.buffer || p.byteOffset - origin < filled)
      throw new Error('joinInPlace: views of different memory, or out of order');
    span.copyWithin(filled, p.byteOffset - origin, p.byteOffset - origin + p.length);
    filled += p.length;
  }
  return span.subarray(0, filled);
}
