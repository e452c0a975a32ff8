/**
 * Section 2: the image measurement's costs on large local images (FROM the busybox base, random and
 * compressible data, tagged stagegate-bench-*). The size work's scripts provide the images
 * (bench/images.mjs) and the measuring child process (`runStagegate` in bench/compressed-size.mjs: the
 * real src/image code, transpiled, in a fresh process that reports its own peak RSS); this section
 * pairs them with their peers, back to back in alternating order, and takes medians:
 * - compressed size versus `docker save IMAGE | gzip -6 | wc -c`: time ratio, how far apart the two
 *   figures are, peak memory;
 * - the full measurement pass with wasted-space analysis on an image over 1 GB with overwritten and
 *   deleted files: peak memory, and time against `docker save IMAGE | wc -c` (reading the image once).
 * The smoke variant measures two small images generated here instead (the size work's are ~1 GB).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPRESSED_IMAGE, WASTE_IMAGE, ensureCompressedImage, ensureWasteImage } from '../images.mjs';
import { runStagegate as measureInChild } from '../compressed-size.mjs';
import { transpileSources } from '../transpile.mjs';
import { DOCKER, SCRATCH } from '../lib/projects.mjs';
import { median, mustRun, timed } from '../lib/measure.mjs';

/** Smoke images: a few MiB of random, compressible and small-file data; the second one wastes some. */
const SMOKE_SIZE_DOCKERFILE = [
  'FROM stagegate/busybox:1',
  'RUN mkdir -p /data && dd if=/dev/urandom of=/data/random.bin bs=1M count=3 2>/dev/null',
  'RUN seq 1 1000000 | head -c 3145728 > /data/numbers.txt',
  'RUN mkdir -p /data/files && i=0; while [ $i -lt 50 ]; do seq $i $((i + 4000)) > /data/files/f$i; i=$((i + 1)); done',
  '',
].join('\n');
const SMOKE_WASTE_DOCKERFILE = [
  'FROM stagegate/busybox:1',
  'RUN mkdir -p /data && i=1; while [ $i -le 8 ]; do dd if=/dev/urandom of=/data/blob-$i bs=1M count=1 2>/dev/null; i=$((i + 1)); done',
  'RUN i=1; while [ $i -le 4 ]; do dd if=/dev/urandom of=/data/blob-$i bs=1M count=1 2>/dev/null; i=$((i + 1)); done',
  'RUN rm -f /data/blob-8',
  '',
].join('\n');
// Tagged per process, so a smoke run beside another one never removes the other's images.
export const SMOKE_IMAGES = [
  `stagegate-bench-size:smoke-${process.pid}`,
  `stagegate-bench-waste:smoke-${process.pid}`,
];

async function imageSize(tag) {
  return Number((await mustRun(DOCKER, ['image', 'inspect', '--format', '{{.Size}}', tag])).stdout.trim());
}

async function buildSmokeImage(tag, dockerfile) {
  const dir = join(SCRATCH, 'images', tag.replace(/[^A-Za-z0-9_.-]+/g, '_'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  await mustRun(DOCKER, ['build', '-q', '-t', tag, '.'], { cwd: dir, env: { DOCKER_BUILDKIT: '1' } });
  return tag;
}

async function images(ctx) {
  if (ctx.smoke)
    return {
      size: await buildSmokeImage(SMOKE_IMAGES[0], SMOKE_SIZE_DOCKERFILE),
      waste: await buildSmokeImage(SMOKE_IMAGES[1], SMOKE_WASTE_DOCKERFILE),
    };
  const started = Date.now();
  const size = ensureCompressedImage();
  const waste = ensureWasteImage();
  ctx.log(`  images ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${size}, ${waste}`);
  return { size, waste };
}

/** The size work's measuring child, timed from outside (process start-up included). */
async function ours(image, src, waste) {
  const started = process.hrtime.bigint();
  const r = await measureInChild(image, src, waste ? { BENCH_WASTE: '1' } : {});
  return {
    ...r,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    innerMs: r.ms,
    peakRssKb: r.peakRssBytes / 1024,
  };
}

function savePipeline(image, withGzip) {
  const pipeline = withGzip ? '"$0" save "$1" | gzip -6 | wc -c' : '"$0" save "$1" | wc -c';
  return timed('bash', ['-c', `set -o pipefail; ${pipeline}`, DOCKER, image], { rss: true }).then((r) => {
    if (r.code !== 0) throw new Error(`docker save ${image} pipeline exited ${r.code}: ${r.stderr.trim()}`);
    return { ms: r.ms, peakRssKb: r.peakRssKb, bytes: Number(r.stdout.trim()) };
  });
}

export async function benchSize(ctx) {
  const out = {};
  ctx.images.push(...(ctx.smoke ? SMOKE_IMAGES : [WASTE_IMAGE, COMPRESSED_IMAGE]));
  // Transpiled once per benchmark run (section 2 and 4 share it).
  const src = (ctx.src ??= transpileSources());
  const tags = await images(ctx);

  // Compressed size.
  try {
    const image = tags.size;
    // Read the image once so neither side pays for the first read from disk.
    if (!ctx.smoke) await savePipeline(image, false);
    const pairs = [];
    for (let i = 0; i < ctx.runs; i++) {
      const order = i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
      const r = {};
      for (const side of order)
        r[side] = side === 'ours' ? await ours(image, src, false) : await savePipeline(image, true);
      pairs.push(r);
      ctx.log(
        `  compressed size #${i + 1}: stagegate ${(r.ours.ms / 1000).toFixed(2)} s (${r.ours.compressedSize} B), docker save | gzip -6 ${(r.peer.ms / 1000).toFixed(2)} s (${r.peer.bytes} B)`,
      );
    }
    const last = pairs.at(-1);
    out.compressed = {
      image,
      diskSize: await imageSize(image),
      n: pairs.length,
      oursMs: median(pairs.map((p) => p.ours.ms)),
      oursInnerMs: median(pairs.map((p) => p.ours.innerMs)),
      peerMs: median(pairs.map((p) => p.peer.ms)),
      ratio: median(pairs.map((p) => p.ours.ms / p.peer.ms)),
      oursBytes: last.ours.compressedSize,
      peerBytes: last.peer.bytes,
      difference: (last.ours.compressedSize - last.peer.bytes) / last.peer.bytes,
      oursPeakRssKb: Math.max(...pairs.map((p) => p.ours.peakRssKb)),
      peerPeakRssKb: Math.max(...pairs.map((p) => p.peer.peakRssKb ?? 0)) || undefined,
    };
  } catch (err) {
    out.compressedError = err instanceof Error ? err.message : String(err);
    ctx.log(`  compressed size failed: ${out.compressedError}`);
  }

  // The full pass with wasted space.
  try {
    const image = tags.waste;
    if (!ctx.smoke) await savePipeline(image, false);
    const runs = [];
    for (let i = 0; i < Math.min(ctx.runs, 3); i++) {
      const order = i % 2 === 0 ? ['ours', 'read'] : ['read', 'ours'];
      const r = {};
      for (const side of order)
        r[side] = side === 'ours' ? await ours(image, src, true) : await savePipeline(image, false);
      runs.push(r);
      ctx.log(
        `  waste #${i + 1}: stagegate ${(r.ours.ms / 1000).toFixed(2)} s, docker save | wc -c ${(r.read.ms / 1000).toFixed(2)} s`,
      );
    }
    const last = runs.at(-1).ours;
    out.waste = {
      image,
      diskSize: await imageSize(image),
      n: runs.length,
      oursMs: median(runs.map((r) => r.ours.ms)),
      readMs: median(runs.map((r) => r.read.ms)),
      ratio: median(runs.map((r) => r.ours.ms / r.read.ms)),
      oursPeakRssKb: Math.max(...runs.map((r) => r.ours.peakRssKb)),
      wastedBytes: last.waste?.wastedBytes,
      efficiency: last.waste?.efficiency,
      offenders: last.waste?.offenders,
    };
  } catch (err) {
    out.wasteError = err instanceof Error ? err.message : String(err);
    ctx.log(`  waste failed: ${out.wasteError}`);
  }
  return out;
}
