/**
 * Section 4: a pull request's whole job when a base report for its base commit is cached (the base
 * is neither built nor measured) versus the same job rebuilding and measuring the base.
 *
 * The cache is the Actions cache on GitHub, which does not exist locally, so both sides run the real
 * job (`runJob` from the transpiled sources, in bench/lib/cache-job.mjs) with the TextCache seam backed
 * by a directory. The cached side's store holds the base report under the key the job looks up
 * (planted from an earlier run's base measurement, as a push to the base branch would have saved it);
 * the rebuilding side's store is empty. Cold and warm are as in section 1: with cache-bust values the
 * key changes with each value (build args are part of it), which is why the report is planted per run.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileSources } from '../transpile.mjs';
import { BUST_ARG, NODE, REPO_ROOT, SCRATCH, headChange, prepareRepo } from '../lib/projects.mjs';
import { nonce, summarisePairs, timed } from '../lib/measure.mjs';

const HOW =
  "Both sides run the real job (`runJob` from the transpiled sources, `bench/lib/cache-job.mjs`) with the TextCache seam (`src/seams/cache.ts`) backed by a local directory instead of the Actions cache, which exists only on GitHub. The cached side finds a base report for the base commit under the key the job looks up (planted from a first run's base measurement, as a push to the base branch saves it) and skips building and measuring the base; the other side starts with an empty store and builds the base in a worktree, measures it and saves it.";

const HARNESS = join(REPO_ROOT, 'bench', 'lib', 'cache-job.mjs');

async function job(repo, src, { bust, plant, label }) {
  const cacheDir = join(SCRATCH, repo.name, `cache-${label}`);
  const reportPath = join(SCRATCH, repo.name, `report-${label}.json`);
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(reportPath, { force: true });
  const spec = {
    src,
    cacheDir,
    reportPath,
    target: repo.final,
    baseSha: repo.baseSha,
    buildArgs: [`${BUST_ARG}=${bust}`],
    ...(plant ? { plant: { image: plant } } : {}),
  };
  const r = await timed(NODE, [HARNESS, JSON.stringify(spec)], { cwd: repo.dir });
  let out;
  try {
    out = JSON.parse(r.stdout.trim().split('\n').at(-1));
  } catch {
    throw new Error(`cache harness exited ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  }
  if (out.failures.length) throw new Error(`the job failed: ${out.failures.join('; ')}`);
  const expected = plant ? 'cache' : 'built';
  if (out.baseStatus !== 'compared' || out.baseSource !== expected)
    throw new Error(`expected the base to come from ${expected}, got ${out.baseStatus}/${out.baseSource}`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const imageIds = [
    ...(report.builds ?? []).map((b) => b.imageId),
    report.image?.imageId,
    report.base?.image?.imageId,
  ].filter(Boolean);
  return { ms: r.ms, baseImage: report.base.image, imageIds };
}

export async function benchCache(ctx) {
  // Transpiled once per benchmark run (section 2 and 4 share it).
  const src = (ctx.src ??= transpileSources());
  const spec = ctx.smoke
    ? { name: 'cache-hello', label: 'examples/hello', sourceDir: join(REPO_ROOT, 'examples', 'hello') }
    : {
        name: 'cache-multistage',
        label: 'bench/fixtures/multistage',
        sourceDir: join(REPO_ROOT, 'bench', 'fixtures', 'multistage'),
      };
  const repo = await prepareRepo({ ...spec, change: headChange(spec.sourceDir) });
  ctx.log(`cache: ${spec.label}`);
  if (ctx.smoke) {
    // One pair, no priming: the rebuilding run goes first and its base measurement is what is planted.
    const peer = await job(repo, src, { bust: nonce('cache'), label: 'peer' });
    const ours = await job(repo, src, { bust: nonce('cache'), plant: peer.baseImage, label: 'ours' });
    ctx.images.push(...peer.imageIds, ...ours.imageIds);
    ctx.log(
      `  cold #1: cached base report ${(ours.ms / 1000).toFixed(2)} s, base rebuilt ${(peer.ms / 1000).toFixed(2)} s`,
    );
    return { project: spec.label, how: HOW, cold: summarisePairs([{ ours: ours.ms, peer: peer.ms }]) };
  }
  // A first, untimed run measures the base once: that measurement is what the cached side finds.
  const prime = await job(repo, src, { bust: nonce('cache'), label: 'prime' });
  ctx.images.push(...prime.imageIds);
  const baseImage = prime.baseImage;
  let lastPeerBust;
  const measure = async (state, bustFor) => {
    const pairs = [];
    // Three pairs at most: each cold pair builds the seven-stage project twice.
    for (let i = 0; i < Math.min(ctx.runs, 3); i++) {
      const order = i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
      const r = {};
      for (const side of order) {
        const bust = bustFor(side);
        if (side === 'peer') lastPeerBust = bust;
        r[side] = await job(repo, src, { bust, plant: side === 'ours' ? baseImage : undefined, label: side });
      }
      ctx.images.push(...r.ours.imageIds, ...r.peer.imageIds);
      pairs.push({ ours: r.ours.ms, peer: r.peer.ms });
      ctx.log(
        `  ${state} #${i + 1}: cached base report ${(r.ours.ms / 1000).toFixed(2)} s, base rebuilt ${(r.peer.ms / 1000).toFixed(2)} s`,
      );
    }
    return summarisePairs(pairs);
  };
  const cold = await measure('cold', () => nonce('cache'));
  // Warm: the last rebuilding run built the head and the base with this value, so both sides hit the cache.
  const warmBust = lastPeerBust;
  const warm = await measure('warm', () => warmBust);
  return {
    project: spec.label,
    how: HOW,
    cold,
    warm,
  };
}
