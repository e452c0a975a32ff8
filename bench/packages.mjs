#!/usr/bin/env node
// Package and file analysis cost (issue 16): the measurement pass over `docker save` with the file
// lists and the waste analysis (what stagegate did before), against the same pass that also reads the
// package records and inventories packages and largest files (what it does now). Runs alternate, the
// median of the per-pair ratios is reported. Target: ≤ 1.10×.
// Usage: node bench/packages.mjs [IMAGE] [--runs N]
//   Without IMAGE it uses stagegate-bench-packages:deps (the package fixture's deps stage: Debian 12
//   with nodejs and npm from Debian's archive and an npm ci'd node_modules, about 470 MB).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { transpileSources } from './transpile.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const docker = process.env.STAGEGATE_DOCKER || 'docker';
const image =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? 'stagegate-bench-packages:deps';
if (spawnSync(docker, ['image', 'inspect', image]).status !== 0) {
  console.error(`${image} is missing: build it with
  DOCKER_BUILDKIT=1 docker build --target deps -t ${image} __tests__/fixtures/packages/pr`);
  process.exit(1);
}
const src = transpileSources();
const load = (p) => import(pathToFileURL(join(src, p)).href);
const { readImageArchive } = await load('image/archive.js');
const { resolveLayout } = await load('image/manifest.js');
const { computeWaste } = await load('image/waste.js');
const { imageContents } = await load('image/contents.js');
const { createPackageReader } = await load('image/packages/reader.js');

async function pass(withPackages) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const save = spawn(docker, ['save', image], { stdio: ['ignore', 'pipe', 'inherit'] });
  const archive = await readImageArchive(save.stdout, {
    listFiles: true,
    ...(withPackages ? { readContents: createPackageReader } : {}),
  });
  const layout = resolveLayout(archive);
  const files = layout.layerPaths.map((p) => archive.layers.get(p).files);
  computeWaste(files);
  const contents = withPackages ? imageContents(files) : undefined;
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    packages: contents?.packages.length,
  };
}

const ratios = [];
const cpuRatios = [];
const before = [];
const after = [];
let packages;
for (let i = 0; i < runs; i++) {
  // Alternate which side goes first, so neither always finds the daemon's caches warm.
  const order = i % 2 === 0 ? [false, true] : [true, false];
  const results = {};
  for (const side of order) results[side] = await pass(side);
  before.push(results.false.ms);
  after.push(results.true.ms);
  ratios.push(results.true.ms / results.false.ms);
  cpuRatios.push(results.true.cpuMs / results.false.cpuMs);
  packages = results.true.packages;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = median(ratios);
console.log(
  JSON.stringify(
    {
      benchmark: 'packages',
      image,
      runs,
      packagesFound: packages,
      withoutPackagesMs: Math.round(median(before)),
      withPackagesMs: Math.round(median(after)),
      ratio: Math.round(ratio * 1000) / 1000,
      // This process's CPU time (all its threads: gzip, tar parsing, the analysis): less noisy on a shared machine.
      cpuRatio: Math.round(median(cpuRatios) * 1000) / 1000,
      pairs: ratios.map((r, i) => [Math.round(r * 1000) / 1000, Math.round(cpuRatios[i] * 1000) / 1000]),
      target: 1.1,
      pass: ratio <= 1.1,
    },
    null,
    2,
  ),
);
