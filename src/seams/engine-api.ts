/**
 * A streamed GET on the Docker engine's API socket (what `docker save` itself sends:
 * `GET /images/get?names=…`), shaped like a process so callers treat it as `docker save`: the body is
 * its stdout, and it "exits" 0, 1 (with the daemon's message, as the CLI prints it) or 130 (cancelled,
 * or the reader stopped early). Which socket, and when, is engine-socket.ts's and engine.ts's call.
 *
 * The socket is read into large buffers (`onread`) and the response decoded by http-response.ts, not
 * by node:http, whose per-read cost slowed a multi-GB `docker save` (the measurement is there).
 */
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { RunResult, StreamHandle } from './engine.js';
import { HttpResponseReader, joinInPlace } from './http-response.js';

/**
 * Bytes each socket read may fill: a fast stream then comes in few, large reads. A slab serves reads
 * until less than READ_MIN_BYTES of it is left; the views handed on keep it alive, nothing is copied.
 */
const READ_SLAB_BYTES = 1024 * 1024;
const READ_MIN_BYTES = 128 * 1024;
/** How much decoded body the stream holds before the socket is paused (backpressure). */
const BODY_BUFFER_BYTES = 1024 * 1024;
/** How many bytes of an error response's body are kept for the message. */
const ERROR_TEXT_MAX = 10_000;

/** The daemon's error document, `{"message": "No such image: …"}`, in the CLI's words. */
export function daemonErrorMessage(status: number, text: string): string {
  let message = text.trim();
  try {
    message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
  } catch {
    // not JSON: the text as it came
  }
  return `Error response from daemon: ${message || `HTTP ${status}`}`;
}

/** Where the next socket read goes: the free end of the current slab, or a new slab. */
class ReadSlabs {
  private slab = Buffer.allocUnsafe(READ_SLAB_BYTES);
  private used = 0;

  next(): Uint8Array {
    if (this.slab.length - this.used < READ_MIN_BYTES) {
      this.slab = Buffer.allocUnsafe(READ_SLAB_BYTES);
      this.used = 0;
    }
    return this.slab.subarray(this.used);
  }

  /** The `n` bytes a read put into `into` (what `next` returned), as a Buffer view. */
  took(n: number, into: Uint8Array): Buffer {
    this.used += n;
    return Buffer.from(into.buffer, into.byteOffset, n);
  }
}

class ApiTransfer {
  readonly body: Readable;
  readonly done: Promise<RunResult>;
  private readonly socket: Socket;
  private readonly slabs = new ReadSlabs();
  private readonly response: HttpResponseReader;
  private status = 0;
  /** An error response's body, kept up to ERROR_TEXT_MAX bytes and decoded once whole. */
  private errorBody: Buffer[] = [];
  private errorBytes = 0;
  private parts: Buffer[] = [];
  private paused = false;
  private settled = false;
  private resolveDone: (result: RunResult) => void = () => undefined;
  private readonly cancel = () => this.finish(130, 'engine API: cancelled');

  constructor(
    socketPath: string,
    path: string,
    private readonly signal?: AbortSignal,
  ) {
    this.done = new Promise<RunResult>((resolve) => (this.resolveDone = resolve));
    this.body = new Readable({ highWaterMark: BODY_BUFFER_BYTES, read: () => this.resume() });
    this.response = new HttpResponseReader({
      head: (head) => (this.status = head.status),
      body: (chunk) => {
        if (this.status === 200) this.parts.push(chunk);
        else if (this.errorBytes < ERROR_TEXT_MAX) {
          const kept = chunk.subarray(0, ERROR_TEXT_MAX - this.errorBytes);
          this.errorBody.push(Buffer.from(kept));
          this.errorBytes += kept.length;
        }
      },
    });
    this.socket = connect({
      path: socketPath,
      onread: { buffer: () => this.slabs.next(), callback: (n, into) => this.onRead(n, into) },
    });
    this.socket.on('connect', () =>
      this.socket.write(
        `GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: stagegate\r\nConnection: close\r\n\r\n`,
      ),
    );
    this.socket.on('end', () => this.onEnd());
    this.socket.on('error', (err) => this.finish(1, `engine API (${socketPath}): ${err.message}`));
    // The reader stopped early (a partial read): stop the transfer, as a closed pipe stops `docker save`.
    this.body.on('close', () => this.finish(130, 'engine API: read stopped'));
    if (signal?.aborted) this.cancel();
    else signal?.addEventListener('abort', this.cancel, { once: true });
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
  }

  /** One socket read: decode it, hand its body bytes on as one view; false pauses the socket. */
  private onRead(n: number, into: Uint8Array): boolean {
    try {
      this.response.write(this.slabs.took(n, into));
    } catch (err) {
      this.finish(1, `engine API: ${(err as Error).message}`);
      return false;
    }
    const joined = joinInPlace(this.parts);
    this.parts = [];
    const more = joined ? this.body.push(joined) : true;
    if (this.response.complete) {
      this.settle();
      return false;
    }
    if (!more) this.paused = true;
    return more;
  }

  private onEnd(): void {
    try {
      this.response.end();
    } catch (err) {
      return this.finish(1, `engine API: ${(err as Error).message}`);
    }
    this.settle();
  }

  /** The whole response is in: the body's end, or the daemon's error. */
  private settle(): void {
    if (this.status === 200) this.finish(0);
    else this.finish(1, daemonErrorMessage(this.status, Buffer.concat(this.errorBody).toString('utf8')));
  }

  private finish(exitCode: number, message = ''): void {
    if (this.settled) return;
    this.settled = true;
    this.signal?.removeEventListener('abort', this.cancel);
    this.socket.destroy();
    if (!this.body.readableEnded && !this.body.destroyed) this.body.push(null);
    this.resolveDone({ exitCode, stdout: '', stderr: message, tail: message ? [message] : [] });
  }
}

/** GET `path` on the engine socket `socketPath`, streamed. */
export function engineApiGet(socketPath: string, path: string, signal?: AbortSignal): StreamHandle {
  const transfer = new ApiTransfer(socketPath, path, signal);
  return { stdout: transfer.body, done: transfer.done };
}
