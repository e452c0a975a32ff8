#!/usr/bin/env node
// Wasted-space benchmark: the full measurement pass (compressed size + file lists + waste analysis)
// over an image of at least 1 GB, reporting peak memory.
// Usage: node bench/waste.mjs [IMAGE] [--remove]
//   Without IMAGE it builds stagegate-bench-waste:1 (~1.08 GB, with deletions and overwrites).
// Prints one JSON object. Target (issue 4): peak RSS < 300 MB.
import { ensureWasteImage, imageSize, removeBenchImages } from './images.mjs';
import { runStagegate } from './compressed-size.mjs';
import { transpileSources } from './transpile.mjs';

const args = process.argv.slice(2);
const image = args.find((a) => !a.startsWith('--')) ?? ensureWasteImage();
const src = transpileSources();
const r = await runStagegate(image, src, { BENCH_WASTE: '1' });
const peakMB = r.peakRssBytes / 1e6;
console.log(
  JSON.stringify(
    {
      benchmark: 'waste',
      image,
      imageSize: imageSize(image),
      stagegate: {
        ms: Math.round(r.ms),
        peakRssMB: Math.round(peakMB),
        compressedSize: r.compressedSize,
        waste: r.waste,
      },
      targets: { peakRssMB: 300, minImageBytes: 1e9 },
      pass: peakMB < 300 && r.size >= 1e9,
    },
    null,
    2,
  ),
);
if (args.includes('--remove')) removeBenchImages();
