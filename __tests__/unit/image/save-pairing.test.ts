/** The coordination of one `docker save` for the head's and the base's images: no engine, no I/O. */
import { describe, expect, it } from '@jest/globals';
import { createSavePairing } from '../../../src/image/save-pairing.js';
import type { ImageScan } from '../../../src/image/scan.js';

const scanOf = (imageId: string) => ({ imageId, layers: [], configBytes: 1 }) as unknown as ImageScan;
const settled = async <T>(p: Promise<T>): Promise<'pending' | T> =>
  Promise.race([p, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 5))]);

describe('createSavePairing', () => {
  it("keeps a side's first offer and makes the other side wait for it", async () => {
    const pairing = createSavePairing();
    expect(await settled(pairing.partnerOf('base'))).toBe('pending');
    pairing.offer('head', { imageId: 'sha256:h', baseImage: 'debian:12' });
    pairing.offer('head', undefined); // later offers (the phase's "nothing after all") change nothing
    expect(await pairing.partnerOf('base')).toEqual({ imageId: 'sha256:h', baseImage: 'debian:12' });
    expect(await settled(pairing.partnerOf('head'))).toBe('pending');
    pairing.offer('base', undefined);
    expect(await pairing.partnerOf('head')).toBeUndefined();
  });

  it('hands each image taken on its scan, or undefined when the read gave it none', async () => {
    const pairing = createSavePairing();
    expect(pairing.taken('sha256:a')).toBeUndefined();
    const handOver = pairing.take(['sha256:a', 'sha256:b']);
    const a = pairing.taken('sha256:a');
    const b = pairing.taken('sha256:b');
    expect(a && (await settled(a))).toBe('pending');
    handOver(new Map([['sha256:a', scanOf('sha256:a')]]));
    expect((await a)?.imageId).toBe('sha256:a');
    expect(await b).toBeUndefined(); // b reads alone
    expect(pairing.readTogether()).toBeUndefined(); // not every image was scanned
  });

  it('says which images one read scanned together, and only when it read more than one', () => {
    const single = createSavePairing();
    single.take(['sha256:a'])(new Map([['sha256:a', scanOf('sha256:a')]]));
    expect(single.readTogether()).toBeUndefined();
    const pair = createSavePairing();
    pair.take(['sha256:a', 'sha256:b'])(
      new Map([
        ['sha256:a', scanOf('sha256:a')],
        ['sha256:b', scanOf('sha256:b')],
      ]),
    );
    expect(pair.readTogether()).toEqual(['sha256:a', 'sha256:b']);
  });
});
