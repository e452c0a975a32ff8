#!/usr/bin/env node
/**
 * `npm run bench`: measures what stagegate costs next to what users would run instead, and writes
 * BENCHMARKS.md (plus the raw figures as JSON). See BENCHMARKS.md's "Method" for what each section does.
 *
 *   node bench/run.mjs                      full run (5 runs per figure), writes BENCHMARKS.md
 *   node bench/run.mjs --smoke --out F      one iteration on small inputs (what CI runs, no timing asserted)
 *   node bench/run.mjs --sections lint,size --reuse   re-run some sections, keep the others' last figures
 *   node bench/run.mjs --sections drivers --reuse --engines remote,legacy-buildkit   per-driver section only
 *   node bench/run.mjs --sections realistic --reuse   section 7 (realistic images, dive), spliced into BENCHMARKS.md
 *
 * Needs dist/ (`npm run bundle`), a Docker engine with BuildKit and the stagegate/busybox:1 base image;
 * the realistic section also stagegate/debian:bookworm (`scripts/base-images.sh debian`, run for it),
 * Debian's archive, the npm registry and Go (dive, `scripts/tools.sh dive`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLI,
  DOCKER,
  NODE,
  REPO_ROOT,
  SCRATCH,
  WORK,
  benchImages,
  imageIds,
  removeImages,
} from './lib/projects.mjs';
import { machineInfo } from './lib/machine.mjs';
import { renderMarkdown, spliceSections } from './lib/render.mjs';
import { benchJob } from './sections/job.mjs';
import { benchSize } from './sections/size.mjs';
import { benchLint } from './sections/lint.mjs';
import { benchCache } from './sections/cache.mjs';
import { benchScale } from './sections/scale.mjs';
import { DEFAULT_ENGINES, benchDrivers } from './sections/drivers.mjs';
import { benchFindings } from './sections/findings.mjs';
import { benchRealistic } from './sections/realistic.mjs';

export const SECTIONS = {
  job: benchJob,
  size: benchSize,
  lint: benchLint,
  cache: benchCache,
  scale: benchScale,
  drivers: benchDrivers,
  findings: benchFindings,
  realistic: benchRealistic,
};

const USAGE = `Usage: node bench/run.mjs [--smoke] [--runs N] [--sections ${Object.keys(SECTIONS).join(',')}]
                        [--out BENCHMARKS.md] [--json FILE] [--reuse] [--cold bust|prune] [--keep-images]
                        [--engines ${DEFAULT_ENGINES.join(',')}]   (drivers section; smoke: legacy-buildkit)`;

function options() {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean' },
      runs: { type: 'string' },
      sections: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      reuse: { type: 'boolean' },
      cold: { type: 'string' },
      'keep-images': { type: 'boolean' },
      engines: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sections = (values.sections ?? Object.keys(SECTIONS).join(',')).split(',').filter(Boolean);
  for (const s of sections)
    if (!SECTIONS[s]) throw new Error(`unknown section '${s}'; known: ${Object.keys(SECTIONS).join(', ')}`);
  const cold = values.cold ?? 'bust';
  if (cold !== 'bust' && cold !== 'prune') throw new Error(`--cold must be bust or prune, not '${cold}'`);
  const runs = values.runs ? Number(values.runs) : values.smoke ? 1 : 5;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer, not '${values.runs}'`);
  return {
    smoke: Boolean(values.smoke),
    runs,
    sections,
    out: resolve(values.out ?? resolve(REPO_ROOT, 'BENCHMARKS.md')),
    json: resolve(values.json ?? resolve(WORK, values.smoke ? 'results-smoke.json' : 'results.json')),
    reuse: Boolean(values.reuse),
    coldMethod: cold,
    keepImages: Boolean(values['keep-images']),
    engines: values.engines?.split(',').filter(Boolean),
  };
}

function write(opts, results) {
  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  mkdirSync(dirname(opts.out), { recursive: true });
  const markdown = renderMarkdown(results);
  writeFileSync(opts.out, opts.splice ? spliceSections(opts.splice, markdown, opts.sections) : markdown);
}

async function main() {
  const opts = options();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run bundle' first`);
  mkdirSync(WORK, { recursive: true });
  const log = (line) => process.stderr.write(`${line}\n`);
  const previous =
    opts.reuse && existsSync(opts.json) ? JSON.parse(readFileSync(opts.json, 'utf8')) : undefined;
  // --reuse without earlier figures for every other section (a fresh checkout, or a JSON written by a
  // run of some sections only): keep the other sections as BENCHMARKS.md has them.
  const missing = Object.keys(SECTIONS).filter((s) => !opts.sections.includes(s) && !previous?.sections?.[s]);
  if (opts.reuse && missing.length && existsSync(opts.out)) {
    opts.splice = readFileSync(opts.out, 'utf8');
    log(`--reuse: ${opts.json} has no ${missing.join(', ')}; splicing the sections run into ${opts.out}`);
  }
  const results = {
    smoke: opts.smoke,
    runs: opts.runs,
    coldMethod: opts.coldMethod,
    // With --reuse the kept sections were measured earlier: keep when that run started and its load.
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    machine: { ...(await machineInfo()), ...(previous ? { loadAtStart: previous.machine.loadAtStart } : {}) },
    sections: { ...(previous?.sections ?? {}) },
  };
  const imagesBefore = await imageIds();
  const ctx = {
    smoke: opts.smoke,
    runs: opts.runs,
    coldMethod: opts.coldMethod,
    engines: opts.engines,
    log,
    images: [],
  };
  log(
    `stagegate bench (${opts.smoke ? 'smoke' : 'full'}, ${opts.runs} run(s) per figure, docker CLI ${DOCKER})`,
  );
  try {
    for (const name of opts.sections) {
      const started = Date.now();
      try {
        // The section's earlier figures (with --reuse), for sections that re-measure a part of themselves.
        ctx.previous = previous?.sections?.[name];
        results.sections[name] = await SECTIONS[name](ctx);
      } catch (err) {
        results.sections[name] = { error: err instanceof Error ? err.message : String(err) };
        log(`${name} failed: ${results.sections[name].error}`);
      }
      results.sections[name].elapsedMs = Date.now() - started;
      results.sections[name].measuredAt = new Date().toISOString();
      // Written after every section, so a run cut short still leaves what it measured.
      write(opts, results);
    }
  } finally {
    rmSync(SCRATCH, { recursive: true, force: true });
    if (!opts.keepImages) {
      const removed =
        (await removeImages(ctx.images)) +
        (await removeImages(await benchImages(imagesBefore), { force: true }));
      log(`removed ${removed} benchmark image(s)`);
    }
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  write(opts, results);
  log(`wrote ${opts.out} and ${opts.json}`);
  const failed = Object.entries(results.sections).filter(([, s]) => s.error);
  return failed.length ? 1 : 0;
}

/**
 * Everything runs on the Node the action runs on (Node 24 when installed) and with the docker CLI that
 * has BuildKit, exported before any module reads it: re-run this script that way when it is not.
 */
function reexec() {
  if (process.env.STAGEGATE_BENCH_CHILD === '1') return undefined;
  const r = spawnSync(NODE, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, STAGEGATE_DOCKER: DOCKER, STAGEGATE_BENCH_CHILD: '1' },
  });
  return r.status ?? 1;
}

const reexecCode = reexec();
if (reexecCode !== undefined) process.exitCode = reexecCode;
else
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
      process.exitCode = 2;
    },
  );
