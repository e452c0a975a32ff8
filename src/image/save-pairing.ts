/**
 * The head's image and the base commit's, measured from one `docker save`. On a hosted runner neither
 * is known and they share all but a few layers; saved apart, the engine exports every shared layer
 * twice, and under the containerd store that export is most of what measuring costs (docs/size.md).
 *
 * Each side offers its image once it is built, or says it has none (a failed build, a saved base
 * report). The first side to measure waits for the other's offer and takes both images on; the other
 * then waits for that read instead of saving again. Only coordination lives here: no engine, no I/O.
 */
import type { ImageScan } from './scan.js';

export type PairSide = 'head' | 'base';

/** An image a side will measure: its id, and the FROM image whose layers a registry may size. */
export interface PairOffer {
  imageId: string;
  baseImage: string;
}

export interface SavePairing {
  /** What `side` will measure, or undefined for nothing. The first offer counts; later ones are ignored. */
  offer(side: PairSide, image: PairOffer | undefined): void;
  /** The other side's offer, once it has made one. */
  partnerOf(side: PairSide): Promise<PairOffer | undefined>;
  /** The read that took this image on, if one did: its scan, or undefined when it gave none. */
  taken(imageId: string): Promise<ImageScan | undefined> | undefined;
  /** Takes these images on; the function returned hands each its scan (one not handed reads alone). */
  take(imageIds: readonly string[]): (scans: ReadonlyMap<string, ImageScan>) => void;
  /** The images one read took on and scanned every one of, if one did: what the job log says. */
  readTogether(): readonly string[] | undefined;
}

const other = (side: PairSide): PairSide => (side === 'head' ? 'base' : 'head');

export function createSavePairing(): SavePairing {
  const offers = new Map<PairSide, { settle: (o: PairOffer | undefined) => void; offered: boolean }>();
  const promised = new Map<PairSide, Promise<PairOffer | undefined>>();
  for (const side of ['head', 'base'] as const) {
    promised.set(side, new Promise((resolve) => offers.set(side, { settle: resolve, offered: false })));
  }
  const reads = new Map<string, Promise<ImageScan | undefined>>();
  let together: readonly string[] | undefined;
  return {
    offer(side, image) {
      const slot = offers.get(side);
      if (!slot || slot.offered) return;
      slot.offered = true;
      slot.settle(image);
    },
    partnerOf: (side) => promised.get(other(side)) as Promise<PairOffer | undefined>,
    taken: (imageId) => reads.get(imageId),
    take(imageIds) {
      const settles = new Map<string, (scan: ImageScan | undefined) => void>();
      for (const id of imageIds) reads.set(id, new Promise((resolve) => settles.set(id, resolve)));
      return (scans) => {
        for (const [id, settle] of settles) settle(scans.get(id));
        if (imageIds.length > 1 && imageIds.every((id) => scans.has(id))) together = [...imageIds];
      };
    },
    readTogether: () => together,
  };
}
