#!/usr/bin/env node
// Compressed-size benchmark: stagegate's streamed, parallel gzip count of `docker save` versus
// `docker save IMAGE | gzip -6 | wc -c` on the same image, in the same run.
// Usage: node bench/compressed-size.mjs [IMAGE] [--runs N] [--remove]
//   Without IMAGE it builds stagegate-bench-compressed:1 (~550 MB). --remove deletes the bench images after.
// Prints one JSON object. Targets (issue 4): time <= 0.6x the pipeline, within 1%, peak RSS < 200 MB.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCKER, ensureCompressedImage, imageSize, removeBenchImages } from './images.mjs';
import { transpileSources } from './transpile.mjs';

const self = fileURLToPath(import.meta.url);

/**
 * The child's measurement. BENCH_FACTS_OUT=F also writes the layers' facts without their file lists
 * (sizes, compressed sizes, tar lengths) to F; BENCH_FACTS_IN=F starts from those facts, so every
 * layer is read and listed but none compressed: the wasted-space analysis alone (what dive does).
 * BENCH_PATHS_OUT=F writes every path the image writes more than once (`repeatedPaths`, the list
 * dive prints as `image.fileReference`) to F, so the two lists can be compared path by path.
 */
async function child(image, src) {
  const { measureImage } = await import(`${src}/image/measure.js`);
  const { parseDockerfile } = await import(`${src}/dockerfile/load.js`);
  const { createEngine } = await import(`${src}/seams/engine.js`);
  const { createDocker } = await import(`${src}/seams/docker.js`);
  const { createScanStore } = await import(`${src}/image/scan-store.js`);
  const model = parseDockerfile('FROM scratch\n', 'Dockerfile');
  const factsIn = process.env.BENCH_FACTS_IN;
  const factsOut = process.env.BENCH_FACTS_OUT;
  const pathsOut = process.env.BENCH_PATHS_OUT;
  const scans = factsIn || factsOut || pathsOut ? createScanStore() : undefined;
  if (factsIn) await scans.layers.put(JSON.parse(readFileSync(factsIn, 'utf8')));
  const started = process.hrtime.bigint();
  const m = await measureImage(createDocker(createEngine()), image, model, 0, {
    waste: process.env.BENCH_WASTE === '1',
    ...(scans ? { scans } : {}),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The facts the scan kept for each layer, in image order (undefined for a layer it kept none of).
  const kept = scans ? await Promise.all(m.layers.map((l) => scans.layers.get(l.diffId))) : [];
  if (factsOut)
    writeFileSync(factsOut, JSON.stringify(kept.filter(Boolean).map((f) => ({ ...f, files: undefined }))));
  if (pathsOut) {
    const { repeatedPaths } = await import(`${src}/image/waste.js`);
    const files = kept.map((f, i) => {
      if (!f?.files) throw new Error(`no file list kept for layer ${m.layers[i].diffId}`);
      return f.files;
    });
    writeFileSync(pathsOut, JSON.stringify(repeatedPaths(files)));
  }
  const result = {
    compressedSize: m.compressedSize,
    size: m.size,
    ms,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    compressed: m.layers.filter((l) => l.compressedSizeSource === 'measured').length,
    ...(m.waste
      ? {
          waste: {
            wastedBytes: m.waste.wastedBytes,
            efficiency: m.waste.efficiency,
            offenders: m.waste.offenders.length,
          },
        }
      : {}),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Runs stagegate's measurement in a fresh process, so its peak RSS is its own, as the action runs. */
export function runStagegate(image, src, env = {}) {
  return new Promise((resolve, reject) => {
    // The young generation the action runs with (src/seams/young-generation.ts).
    const p = spawn(process.execPath, ['--max-semi-space-size=2', self, '--child', image, src], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`)),
    );
  });
}

function runPipeline(image) {
  const started = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', `"$0" save "$1" | gzip -6 | wc -c`, DOCKER, image], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pipeline failed: ${r.stderr}`);
  return { bytes: Number(r.stdout.trim()), ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2]);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const image = positional[0] ?? ensureCompressedImage();
  const src = transpileSources();
  // Warm the page cache once so neither side pays for the first read from disk.
  spawnSync('sh', ['-c', `"$0" save "$1" > /dev/null`, DOCKER, image]);
  const pipeline = [];
  const ours = [];
  for (let i = 0; i < runs; i++) {
    pipeline.push(runPipeline(image));
    ours.push(await runStagegate(image, src));
  }
  // Medians: the machine may be shared, and one slow outlier on either side should not decide.
  const median = (list) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor((list.length - 1) / 2)];
  const p = median(pipeline);
  const s = median(ours);
  const ratio = s.ms / p.ms;
  const diff = (s.compressedSize - p.bytes) / p.bytes;
  const peakMB = Math.max(...ours.map((o) => o.peakRssBytes)) / 1e6;
  const result = {
    benchmark: 'compressed-size',
    image,
    imageSize: imageSize(image),
    runs,
    pipeline: {
      command: 'docker save IMAGE | gzip -6 | wc -c',
      bytes: p.bytes,
      ms: Math.round(p.ms),
      allMs: pipeline.map((r) => Math.round(r.ms)),
    },
    stagegate: {
      bytes: s.compressedSize,
      ms: Math.round(s.ms),
      allMs: ours.map((r) => Math.round(r.ms)),
      cpuMs: Math.round(s.cpuMs),
      peakRssMB: Math.round(peakMB),
    },
    timeRatio: Number(ratio.toFixed(3)),
    note: 'medians over interleaved runs; cpuMs counts the node process only (docker save runs in dockerd)',
    sizeDifferencePercent: Number((diff * 100).toFixed(3)),
    targets: { timeRatio: 0.6, sizeDifferencePercent: 1, peakRssMB: 200 },
    pass: ratio <= 0.6 && Math.abs(diff) <= 0.01 && peakMB < 200,
  };
  console.log(JSON.stringify(result, null, 2));
  if (args.includes('--remove')) removeBenchImages();
}

if (process.argv[1] === self) await main();
