import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  BLOCK_BYTES,
  ConcurrencyLimit,
  GzipSizeCounter,
  gzipSizeOf,
} from '../../../src/image/compressed-size.js';

/** Half text (compressible, with repeats across block edges), half random: like a real layer. */
function sample(bytes: number): Buffer {
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor '.split(' ');
  let text = '';
  let i = 0;
  while (text.length < bytes / 2) text += words[(i++ * 7919) % words.length] + (i % 13 === 0 ? '\n' : ' ');
  return Buffer.concat([Buffer.from(text.slice(0, bytes / 2)), randomBytes(bytes - bytes / 2)]);
}

describe('GzipSizeCounter', () => {
  // Block edges move deflate's block boundaries, which can cost or save a little (a text-to-random
  // switch at an edge saves ~0.1%); the bar is 1%, this keeps a much tighter one.
  it('agrees with one serial gzip -6 stream within 0.5% across many blocks', async () => {
    const data = sample(5 * BLOCK_BYTES + 12345);
    const serial = gzipSync(data, { level: 6 }).length;
    const counted = await gzipSizeOf(data);
    expect(Math.abs(counted - serial) / serial).toBeLessThan(0.005);
  });

  it('does not depend on how the stream is chunked', async () => {
    const data = sample(3 * BLOCK_BYTES + 777);
    const counter = new GzipSizeCounter(new ConcurrencyLimit(2));
    for (let offset = 0; offset < data.length; offset += 65_536)
      await counter.write(data.subarray(offset, offset + 65_536));
    expect(await counter.end()).toBe(await gzipSizeOf(data));
  });

  it('sizes an exact multiple of the block and an empty layer like gzip does', async () => {
    const data = sample(2 * BLOCK_BYTES);
    const serial = gzipSync(data, { level: 6 }).length;
    expect(Math.abs((await gzipSizeOf(data)) - serial) / serial).toBeLessThan(0.005);
    expect(await gzipSizeOf(Buffer.alloc(0))).toBe(gzipSync(Buffer.alloc(0), { level: 6 }).length);
    const tiny = Buffer.from('hello hello hello');
    expect(await gzipSizeOf(tiny)).toBe(gzipSync(tiny, { level: 6 }).length);
  });

  it('keeps at most `limit` blocks compressing at once, shared between layers', async () => {
    const limit = new ConcurrencyLimit(2);
    let peak = 0;
    const acquire = limit.acquire.bind(limit);
    const release = limit.release.bind(limit);
    let active = 0;
    limit.acquire = async () => {
      await acquire();
      peak = Math.max(peak, ++active);
    };
    limit.release = () => {
      active--;
      release();
    };
    const a = new GzipSizeCounter(limit);
    const b = new GzipSizeCounter(limit);
    const data = sample(4 * BLOCK_BYTES);
    await Promise.all([a.write(data), b.write(data)]);
    await Promise.all([a.end(), b.end()]);
    expect(peak).toBe(2);
  });
});
