/**
 * Counts the bytes of a layer tar gzip-compressed at level 6 (zlib's default, the level `gzip` and
 * `docker push` use), without keeping the compressed output or the layer in memory.
 *
 * Why this is exact enough to compare with `gzip -6`: a single deflate stream is serial, so to use
 * every core we cut the layer into 1 MiB blocks and compress them concurrently the way pigz does:
 * each block is deflated with the previous block's last 32 KiB as its preset dictionary (the whole
 * window deflate would have seen) and ends with a sync flush, so the blocks concatenate into one
 * valid deflate stream. Compared with one serial stream, this costs the sync-flush marker (about
 * 5 bytes per MiB) and a few matches cut at block edges: well under 0.01%. Compressing blocks
 * independently (no dictionary, a gzip member each) would not be equivalent: it loses every match
 * reaching back across an edge and grows with smaller blocks, which is why it is not done.
 *
 * Level 6: registries store what the pusher produced. `docker push` (and BuildKit's exporter)
 * compress with Go's gzip at its default level, which is modelled on zlib level 6; Go's encoder is
 * not byte-identical to zlib, so a registry's figure can differ by a fraction of a percent. Level 6
 * is also what users reproduce with `docker save | gzip`, the figure this one is checked against.
 *
 * The deflate work runs on libuv's thread pool (zlib's async API), so no worker script is needed
 * and the bundled action stays one file. `ConcurrencyLimit` bounds the blocks in flight, which
 * bounds memory (blocks x 1 MiB) and applies backpressure to the `docker save` stream.
 */
import { availableParallelism } from 'node:os';
import { constants, createDeflateRaw } from 'node:zlib';
import { registryManifestBytes } from './manifest.js';

/** Bytes per concurrently compressed block. Larger: fewer flush markers; smaller: more parallelism. */
export const BLOCK_BYTES = 1024 * 1024;
/** deflate's window: what a block may refer back to, so what it needs as dictionary. */
const WINDOW_BYTES = 32 * 1024;
/** gzip member header (10 bytes, no file name) and trailer (CRC-32 + length). */
export const GZIP_FRAMING_BYTES = 10 + 8;
export const GZIP_LEVEL = 6;

/**
 * A counting semaphore: at most `limit` blocks compress at once, across all layers. It also keeps
 * the block buffers for reuse: a fresh 1 MiB buffer per block would leave hundreds of MiB of
 * garbage outside V8's heap between collections (peak memory, not a leak), so blocks are recycled.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly spare: Buffer[] = [];
  constructor(readonly limit: number = Math.max(2, availableParallelism() + 1)) {}

  takeBlock(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
  }

  returnBlock(block: Buffer): void {
    if (this.spare.length < this.limit + 4) this.spare.push(block);
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** Deflates one block and counts the output as it streams out (nothing is concatenated or kept). */
function deflatedLength(block: Buffer, dictionary: Buffer | undefined, last: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflateRaw({
      level: GZIP_LEVEL,
      ...(dictionary ? { dictionary } : {}),
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    });
    let length = 0;
    deflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
    });
    deflate.once('error', reject);
    deflate.once('end', () => resolve(length));
    deflate.end(block);
  });
}

/** Feed a layer's bytes in order with `write`; `end` resolves to its gzip-compressed size. */
export class GzipSizeCounter {
  /** The block being filled (a recycled 1 MiB buffer) and how much of it is filled. */
  private current?: Buffer;
  private filled = 0;
  /** The latest full block, held back because the final block must be compressed with Z_FINISH. */
  private held?: Buffer;
  private dictionary?: Buffer;
  private readonly lengths: Array<Promise<number>> = [];
  private failure?: unknown;

  constructor(private readonly limit: ConcurrencyLimit) {}

  /** Resolves when the counter can take more (a slot for the next block is free). */
  async write(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      this.current ??= this.limit.takeBlock();
      const copied = chunk.copy(this.current, this.filled, offset, offset + BLOCK_BYTES - this.filled);
      offset += copied;
      this.filled += copied;
      if (this.filled === BLOCK_BYTES) {
        if (this.held) await this.submit(this.held, BLOCK_BYTES, false);
        this.held = this.current;
        this.current = undefined;
        this.filled = 0;
      }
    }
  }

  async end(): Promise<number> {
    // The tail may wait for a slot while the next layer streams in: keep only its bytes, not a 1 MiB buffer.
    const tailBytes = this.filled;
    const tail = this.current && tailBytes > 0 ? Buffer.from(this.current.subarray(0, tailBytes)) : undefined;
    if (this.current) this.limit.returnBlock(this.current);
    this.current = undefined;
    if (this.held && tail && tailBytes > 0) {
      await this.submit(this.held, BLOCK_BYTES, false);
      await this.submit(tail, tailBytes, true);
    } else if (this.held) {
      await this.submit(this.held, BLOCK_BYTES, true);
    } else await this.submit(tail ?? Buffer.alloc(0), tailBytes, true);
    this.held = undefined;
    const lengths = await Promise.all(this.lengths);
    if (this.failure) throw this.failure;
    return GZIP_FRAMING_BYTES + lengths.reduce((a, b) => a + b, 0);
  }

  private async submit(buffer: Buffer, bytes: number, last: boolean): Promise<void> {
    await this.limit.acquire();
    const block = buffer.subarray(0, bytes);
    const dictionary = this.dictionary;
    // Copy: the buffer goes back to the pool (and is refilled) before the next block starts.
    this.dictionary = Buffer.from(block.subarray(Math.max(0, bytes - WINDOW_BYTES)));
    const length = deflatedLength(block, dictionary, last).finally(() => {
      this.limit.release();
      if (buffer.length === BLOCK_BYTES) this.limit.returnBlock(buffer);
    });
    // Keep a rejection from going unhandled before `end` awaits it.
    length.catch((err: unknown) => {
      this.failure ??= err;
    });
    this.lengths.push(length.catch(() => 0));
  }
}

/** Gzip size of a whole buffer, the same way (for small blobs and tests). */
export async function gzipSizeOf(data: Buffer, limit = new ConcurrencyLimit()): Promise<number> {
  const counter = new GzipSizeCounter(limit);
  await counter.write(data);
  return counter.end();
}

/**
 * The image's compressed size as a registry stores it: each distinct layer blob once (a manifest may
 * list one twice), plus the config as stored and the manifest that names them all.
 */
export function registryCompressedSize(
  layers: ReadonlyArray<{ path: string; diffId?: string; compressedSize: number }>,
  configBytes: number,
): number {
  const unique = new Map(layers.map((l) => [l.diffId || l.path, l.compressedSize]));
  const blobs = [...unique.values()].reduce((a, b) => a + b, 0);
  return (
    blobs +
    configBytes +
    registryManifestBytes(
      configBytes,
      layers.map((l) => l.compressedSize),
    )
  );
}
