/**
 * Section 8 (issue 15): the whole job on realistic images, re-anchored on what a user would run, with
 * dive as a live peer for the waste figures.
 *
 * Fixtures (bench/fixtures/realistic-300mb, realistic-1gb): FROM stagegate/debian:bookworm (made with
 * debootstrap by `scripts/base-images.sh debian`), a dependencies layer from Debian's archive
 * (`apt-get install`) and the npm registry (`npm ci` of a committed package-lock.json), and an app
 * layer; stages deps → test → app. The PR (head commit) edits app/server.js only.
 *
 * Per fixture and driver:
 * - cold, hosted-runner (`STAGEGATE_CACHE_DIR=off`, no saved base report): stagegate's job vs the
 *   hand-written `--target test`, `--target app`, base-commit `--target app` builds on the same
 *   builder, each side with a fresh cache-bust value (every RUN re-runs: apt-get and npm ci included);
 * - warm, hosted-runner: both sides re-use stagegate's last cold value; the peer is those builds plus
 *   one read of the changed layers (`gzip -6` of the head's layers the base image lacks);
 * - warm, saved base report: the same, but the job finds a base report for the base commit, saved
 *   by an untimed first job (bench/lib/cache-job.mjs) as stagegate saves it, layer facts included,
 *   and does not build or measure the base; its "Measure image" phase against one read of the changed
 *   layers;
 * - dive (default daemon only): `dive --ci --json` on the head image vs stagegate's measurement with
 *   waste of the same image (bench/compressed-size.mjs's child), time and peak memory side by side,
 *   and the figures compared with the job report's.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUST_ARG, DOCKER, NODE, REPO_ROOT, SCRATCH, prepareRepo } from '../lib/projects.mjs';
import { median, mustRun, nonce, summarisePairs, timed } from '../lib/measure.mjs';
import { phaseTimes, runHandWritten, runStagegate } from '../lib/job.mjs';
import {
  changedLayers,
  comparePaths,
  compareWaste,
  diveFigures,
  keepOthers,
  realisticFixtures,
} from '../lib/realistic.mjs';
import { transpileSources } from '../transpile.mjs';
import { runStagegate as measureOnce } from '../compressed-size.mjs';
import { engineEnv } from './drivers.mjs';
import { pair } from './job.mjs';

export const HOW =
  "Fixtures FROM `stagegate/debian:bookworm` (debootstrap, `scripts/base-images.sh debian`) with a dependencies layer (`apt-get install` from Debian's archive, `npm ci` of a committed lockfile from the npm registry) and an app layer; the PR edits `app/server.mjs` only. Cold: each side a fresh cache-bust value, so apt-get and npm ci re-run. Warm: both sides re-use stagegate's last cold value. \"One read of the changed layers\": `gzip -6` of the head's layers that the base image lacks, from a `docker save` made beforehand (a lower bound: the bytes are already out of the daemon).";

const HOSTED = { STAGEGATE_CACHE_DIR: 'off' };
/** The flag src/seams/young-generation.ts relaunches the action and `stagegate report` with. */
export const SEMI_SPACE_FLAG = '--max-semi-space-size=2';
const HARNESS = join(REPO_ROOT, 'bench', 'lib', 'cache-job.mjs');
/** Which fixtures run on which driver (the 1 GB one on docker-container adds about 15 min, most of it its cold pair). */
const DRIVERS = [
  { name: 'docker', engine: undefined, fixtures: ['realistic-300mb', 'realistic-1gb'] },
  // What docker/setup-buildx-action creates: the target is loaded through, and measured from, its export.
  {
    name: 'docker-container',
    engine: 'docker-container',
    loadsThroughFile: true,
    fixtures: ['realistic-300mb', 'realistic-1gb'],
  },
  // Docker 29's default on fresh installs (GitHub's runners): layers are stored compressed, as built.
  {
    name: 'docker (containerd store)',
    engine: 'docker-containerd',
    fixtures: ['realistic-300mb', 'realistic-1gb'],
  },
  // Docker 29's own dockerd (scripts/engines.sh docker29: moby's module, its default containerd store),
  // bare and with setup-buildx-action's builder: GitHub's runners as they are.
  { name: 'docker (Docker 29)', engine: 'docker29', fixtures: ['realistic-300mb', 'realistic-1gb'] },
  {
    name: 'docker-container (Docker 29)',
    engine: 'docker29-container',
    loadsThroughFile: true,
    fixtures: ['realistic-300mb', 'realistic-1gb'],
  },
];

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Builders that cannot see the daemon's images get the base image from the engines' registry. */
async function ensureRegistryBase(env) {
  const registry = env.STAGEGATE_REGISTRY;
  if (!registry) return;
  const manifest = `http://${registry}/v2/stagegate/debian/manifests/bookworm`;
  const has =
    (
      await timed('curl', [
        '-sf',
        '-o',
        '/dev/null',
        '-I',
        '-H',
        'Accept: application/vnd.docker.distribution.manifest.v2+json',
        manifest,
      ])
    ).code === 0;
  if (has) return;
  const ref = `${registry}/stagegate/debian:bookworm`;
  await mustRun(DOCKER, ['tag', 'stagegate/debian:bookworm', ref]);
  try {
    await mustRun(DOCKER, ['push', ref]);
  } finally {
    await timed(DOCKER, ['rmi', ref]);
  }
}

async function diffIds(docker, env, image) {
  const r = await mustRun(docker, ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', image], {
    env,
  });
  return JSON.parse(r.stdout);
}

/**
 * One read of the head's changed layers: their tarballs (from a `docker save` made now, untimed)
 * through `gzip -6`, timed `runs` times. Returns the median and the layers' bytes.
 */
export async function oneReadOfChangedLayers(engine, head, base, dir, runs) {
  const docker = engine?.docker ?? DOCKER;
  const env = engine?.env ?? {};
  const changed = changedLayers(await diffIds(docker, env, head), await diffIds(docker, env, base));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, 'head.tar');
  await mustRun(docker, ['save', '-o', archive, head], { env });
  const manifest = JSON.parse((await mustRun('tar', ['-xOf', archive, 'manifest.json'])).stdout);
  const paths = changed.map((c) => manifest[0].Layers[c.index]);
  if (paths.length) await mustRun('tar', ['-xf', archive, '-C', dir, ...paths]);
  rmSync(archive, { force: true });
  const files = paths.map((p) => join(dir, p));
  const samples = [];
  let compressed = 0;
  for (let i = 0; i < runs; i++) {
    const r = await mustRun('sh', ['-c', 'cat "$@" /dev/null | gzip -6 | wc -c', 'one-read', ...files]);
    compressed = Number(r.stdout.trim());
    samples.push(r.ms);
  }
  let bytes = 0;
  for (const f of files) bytes += Number((await mustRun('stat', ['-c', '%s', f])).stdout.trim());
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(samples), samples, layers: changed.length, bytes, compressed };
}

/**
 * What the engine allows at best (see realisticTargets' floors): `docker save HEAD > /dev/null`, the
 * export every measurement through `docker save` waits for however few layers it needs (median of
 * `runs`), and `docker save BASE | gzip -6`, one compression of every byte of the base image (once).
 */
export async function engineFloors(engine, head, base, runs) {
  const docker = engine?.docker ?? DOCKER;
  const env = engine?.env ?? {};
  const samples = [];
  for (let i = 0; i < runs; i++)
    samples.push((await mustRun('sh', ['-c', '"$0" save "$1" > /dev/null', docker, head], { env })).ms);
  const gzip = await mustRun('sh', ['-c', '"$0" save "$1" | gzip -6 | wc -c', docker, base], { env });
  // The export a hosted job's one read of both images waits for (src/image/save-pairing.ts).
  const both = await mustRun('sh', ['-c', '"$0" save "$1" "$2" > /dev/null', docker, head, base], { env });
  return { saveMs: median(samples), saveSamples: samples, saveGzipMs: gzip.ms, saveBothMs: both.ms };
}

/** One run of the harness (bench/lib/cache-job.mjs) against the cache folder `cacheDir`. */
async function harnessJob(repo, src, bust, cacheDir, engine) {
  const spec = {
    src,
    cacheDir,
    reportPath: join(SCRATCH, repo.name, 'saved-report.json'),
    target: repo.final,
    baseSha: repo.baseSha,
    buildArgs: [`${BUST_ARG}=${bust}`],
    log: true,
  };
  const marks = [];
  // With the young generation the action's entry runs with (src/seams/young-generation.ts).
  const r = await timed(NODE, [SEMI_SPACE_FLAG, HARNESS, JSON.stringify(spec)], {
    cwd: repo.dir,
    rss: true,
    env: { STAGEGATE_DOCKER: DOCKER, ...engine?.env, ...HOSTED },
    onStderrLine: (line, atMs) => {
      const m = /^▶ (.+)$/.exec(line.trim());
      if (m) marks.push({ phase: m[1], atMs });
    },
  });
  let out;
  try {
    out = JSON.parse(r.stdout.trim().split('\n').at(-1));
  } catch {
    throw new Error(
      `saved-report job exited ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`,
    );
  }
  if (out.failures.length) throw new Error(`saved-report job failed: ${out.failures.join('; ')}`);
  return { r, out, marks };
}

/**
 * A cache folder holding the base commit's report as stagegate saves it: one untimed job that builds
 * and measures the base and keeps its report, layer facts (sizes, compressed sizes, file lists) and
 * all, as the first run of a pull request (or a push to the base branch) leaves it.
 */
export async function primeSavedReport(repo, src, bust, engine) {
  const dir = join(SCRATCH, repo.name, 'saved-report-primed');
  rmSync(dir, { recursive: true, force: true });
  const { out } = await harnessJob(repo, src, bust, dir, engine);
  if (out.baseSource !== 'built' || out.cacheKeys < 1)
    throw new Error(`priming the saved report: base ${out.baseSource}, ${out.cacheKeys} cache key(s)`);
  return dir;
}

/** The job with the primed saved base report for the base commit, hosted-runner otherwise. */
export async function jobWithSavedReport(repo, src, bust, primed, engine) {
  const cacheDir = join(SCRATCH, repo.name, 'saved-report-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  cpSync(primed, cacheDir, { recursive: true });
  const { r, out, marks } = await harnessJob(repo, src, bust, cacheDir, engine);
  if (out.baseSource !== 'cache')
    throw new Error(`saved-report job did not use the saved report (${out.baseSource})`);
  return { ms: r.ms, peakRssKb: r.peakRssKb, phases: phaseTimes(marks, r.ms) };
}

/** dive and stagegate's measurement (with waste) of one image, alternating, `runs` pairs. */
export async function diveSideBySide(ctx, image, report, runs, dir) {
  const tool = await timed('bash', [join(REPO_ROOT, 'scripts', 'tools.sh'), 'dive']);
  if (tool.code !== 0)
    return { skipped: `scripts/tools.sh dive exited ${tool.code}: ${tool.stderr.trim().split('\n').at(-1)}` };
  const dive = tool.stdout.trim();
  // A `go install` build carries no version (`dive --version` says "No version provided"): the pin is it.
  const version = (
    await timed('bash', [join(REPO_ROOT, 'scripts', 'tools.sh'), 'version', 'dive'])
  ).stdout.trim();
  const src = (ctx.src ??= transpileSources());
  mkdirSync(dir, { recursive: true });
  const jsonFile = join(dir, 'dive.json');
  const factsFile = join(dir, 'layer-facts.json');
  const pathsFile = join(dir, 'repeated-paths.json');
  const pairs = [];
  const wastePairs = [];
  const rss = { ours: [], dive: [], wasteOnly: [] };
  let figures;
  let diveJson;
  for (let i = 0; i < runs; i++) {
    // `waste` (the analysis alone: layers read and listed, none compressed) needs the facts `ours` wrote.
    // The two sides compared take turns right after `ours` (a full measurement, both cores compressing),
    // so that neither is always the one that follows it.
    const order = i % 2 === 0 ? ['ours', 'dive', 'waste'] : ['ours', 'waste', 'dive'];
    const got = {};
    for (const side of order) {
      if (side === 'dive') {
        rmSync(jsonFile, { force: true });
        // --ci applies dive's default rules and exits 1 when the image breaks them: the JSON is what counts.
        const r = await timed(dive, ['--ci', '--json', jsonFile, '--source', 'docker', image], {
          rss: true,
          env: { CI: 'true' },
        });
        if (!existsSync(jsonFile))
          throw new Error(`dive exited ${r.code} without a JSON file: ${r.stderr.slice(-300)}`);
        diveJson = JSON.parse(readFileSync(jsonFile, 'utf8'));
        figures = diveFigures(diveJson);
        got.dive = r.ms;
        rss.dive.push(r.peakRssKb);
      } else if (side === 'ours') {
        const started = process.hrtime.bigint();
        const m = await measureOnce(image, src, { BENCH_WASTE: '1', BENCH_FACTS_OUT: factsFile });
        got.ours = Number(process.hrtime.bigint() - started) / 1e6;
        rss.ours.push(m.peakRssBytes / 1024);
      } else {
        const started = process.hrtime.bigint();
        const m = await measureOnce(image, src, { BENCH_WASTE: '1', BENCH_FACTS_IN: factsFile });
        got.waste = Number(process.hrtime.bigint() - started) / 1e6;
        if (m.compressed !== 0) throw new Error(`the waste-only pass compressed ${m.compressed} layer(s)`);
        rss.wasteOnly.push(m.peakRssBytes / 1024);
      }
    }
    ctx.log(
      `  dive #${i + 1}: stagegate ${fmt(got.ours)} (waste alone ${fmt(got.waste)}), dive ${fmt(got.dive)}`,
    );
    pairs.push({ ours: got.ours, peer: got.dive });
    wastePairs.push({ ours: got.waste, peer: got.dive });
  }
  // One more pass, untimed, for the list of paths written more than once (dive's fileReference).
  await measureOnce(image, src, { BENCH_WASTE: '1', BENCH_FACTS_IN: factsFile, BENCH_PATHS_OUT: pathsFile });
  const oursPaths = JSON.parse(readFileSync(pathsFile, 'utf8'));
  rmSync(jsonFile, { force: true });
  rmSync(factsFile, { force: true });
  rmSync(pathsFile, { force: true });
  const summary = summarisePairs(pairs);
  const wasteOnly = summarisePairs(wastePairs);
  return {
    version,
    oursMs: summary.oursMs,
    diveMs: summary.peerMs,
    ratio: summary.ratio,
    n: summary.n,
    wasteOnlyMs: wasteOnly.oursMs,
    wasteOnlyRatio: wasteOnly.ratio,
    oursPeakRssKb: Math.max(...rss.ours),
    wasteOnlyPeakRssKb: Math.max(...rss.wasteOnly),
    divePeakRssKb: Math.max(...rss.dive.filter(Boolean)),
    dive: figures,
    ours: report?.image?.waste
      ? {
          wastedBytes: report.image.waste.wastedBytes,
          diveWastedBytes: report.image.waste.diveWastedBytes,
          efficiency: report.image.waste.efficiency,
        }
      : undefined,
    comparison: compareWaste(report?.image?.waste, figures),
    paths: comparePaths(oursPaths, diveJson),
  };
}

const imageSizeOf = (report) => report?.image?.size;

async function onDriver(ctx, fixture, repo, driver, engine, runs) {
  const entry = { driver: driver.name, ...(driver.loadsThroughFile ? { loadsThroughFile: true } : {}) };
  const images = [];
  const ours = (bust, rss = false) =>
    runStagegate(repo, { bust, rss, extraEnv: { ...engine?.env, ...HOSTED } });
  const peer = (bust) => runHandWritten(repo, { bust, engine });
  const local = { ...ctx, images };
  // Cold.
  const cold = [];
  let lastBust;
  let peakRssKb = 0;
  for (let i = 0; i < runs.cold; i++) {
    const oursBust = nonce('cold');
    const peerBust = nonce('cold');
    const out = await pair(
      local,
      `${fixture.label} ${driver.name} cold`,
      () => ours(oursBust, true),
      () => peer(peerBust),
      i,
    );
    lastBust = oursBust;
    peakRssKb = Math.max(peakRssKb, out.ours.peakRssKb ?? 0);
    cold.push({ ours: out.ours.ms, peer: out.peer.ms });
  }
  entry.cold = summarisePairs(cold);
  // Warm, hosted-runner.
  const warmRuns = [];
  const handWritten = [];
  for (let i = 0; i < runs.warm; i++) {
    const out = await pair(
      local,
      `${fixture.label} ${driver.name} warm`,
      () => ours(lastBust, true),
      () => peer(lastBust),
      i,
    );
    warmRuns.push(out.ours);
    handWritten.push(out.peer.ms);
    peakRssKb = Math.max(peakRssKb, out.ours.peakRssKb ?? 0);
  }
  const report = warmRuns.at(-1).report;
  const read = await oneReadOfChangedLayers(
    engine,
    report.image.imageId,
    report.base.image.imageId,
    join(SCRATCH, repo.name, `one-read-${driver.name}`),
    3,
  );
  ctx.log(
    `  one read of ${read.layers} changed layer(s) (${(read.bytes / 1e6).toFixed(1)} MB): ${fmt(read.ms)}`,
  );
  entry.oneRead = read;
  entry.floors = await engineFloors(engine, report.image.imageId, report.base.image.imageId, runs.warm);
  ctx.log(
    `  floors: docker save of the head ${fmt(entry.floors.saveMs)}, of head and base ${fmt(entry.floors.saveBothMs)}, docker save | gzip -6 of the base ${fmt(entry.floors.saveGzipMs)}`,
  );
  entry.warm = summarisePairs(warmRuns.map((r, i) => ({ ours: r.ms, peer: handWritten[i] + read.ms })));
  entry.warm.handWrittenMs = median(handWritten);
  entry.warm.phases = Object.fromEntries(
    Object.keys(warmRuns[0].phases).map((k) => [k, median(warmRuns.map((r) => r.phases[k] ?? 0))]),
  );
  // Warm, saved base report.
  const src = (ctx.src ??= transpileSources());
  const saved = [];
  const primed = await primeSavedReport(repo, src, lastBust, engine);
  for (let i = 0; i < runs.warm; i++) {
    const r = await jobWithSavedReport(repo, src, lastBust, primed, engine);
    saved.push(r);
    peakRssKb = Math.max(peakRssKb, r.peakRssKb ?? 0);
    ctx.log(
      `  saved base report #${i + 1}: job ${fmt(r.ms)}, measure ${fmt(r.phases['Measure image'] ?? NaN)}`,
    );
  }
  const savedPairs = saved.map((r, i) => ({ ours: r.ms, peer: handWritten[i] + read.ms }));
  entry.savedReport = {
    ...summarisePairs(savedPairs),
    jobRatio: summarisePairs(savedPairs).ratio,
    measureMs: median(saved.map((r) => r.phases['Measure image'])),
    measureRatio: median(saved.map((r) => r.phases['Measure image'] / read.ms)),
  };
  entry.peakRssKb = peakRssKb;
  entry.imageSize = imageSizeOf(report);
  entry.baseImageSize = report.base?.image?.size;
  entry.layers = report.image?.layers?.length;
  for (const r of warmRuns) images.push(...r.imageIds);
  if (engine) {
    const ids = [...new Set(images.filter(Boolean))];
    for (let i = 0; i < ids.length; i += 50)
      await timed(engine.docker, ['rmi', ...ids.slice(i, i + 50)], { env: engine.env });
  } else ctx.images.push(...images);
  return { entry, report };
}

async function engineFor(driver) {
  if (!driver.engine) return undefined;
  const env = await engineEnv(driver.engine);
  await ensureRegistryBase(env);
  return {
    name: driver.engine,
    docker: env.STAGEGATE_DOCKER,
    env,
    buildx: env.STAGEGATE_ENGINE_DRIVER !== 'legacy',
  };
}

/**
 * The fixture's certs/extra-ca.crt: the machine's extra CA bundle (NODE_EXTRA_CA_CERTS) when there is
 * one, for `npm ci` behind a TLS-intercepting proxy; empty otherwise (git-ignored either way).
 */
function writeFixtureCerts(sourceDir) {
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  writeFileSync(
    join(sourceDir, 'certs', 'extra-ca.crt'),
    extra && existsSync(extra) ? readFileSync(extra) : '',
  );
}

/** What runs, in priority order: both fixtures on the default daemon first, then docker-container. */
function plan(filter) {
  const fixtures = realisticFixtures(REPO_ROOT).filter((f) => !filter || filter.includes(f.name));
  return DRIVERS.flatMap((driver) =>
    fixtures.filter((f) => driver.fixtures.includes(f.name)).map((fixture) => ({ fixture, driver })),
  );
}

export async function benchRealistic(ctx) {
  if (ctx.smoke)
    return {
      how: HOW,
      skipped:
        "smoke run: the realistic fixtures need Debian's archive, the npm registry and minutes of builds; CI checks the pure parts (__tests__/unit/bench/realistic.test.ts)",
    };
  await mustRun('bash', [join(REPO_ROOT, 'scripts', 'base-images.sh'), 'debian']);
  // STAGEGATE_BENCH_REALISTIC=realistic-300mb runs one fixture, STAGEGATE_BENCH_REALISTIC_DRIVERS=docker one
  // driver; the figures of the others are kept from the previous run's JSON (see `keepOthers`).
  const filter = process.env.STAGEGATE_BENCH_REALISTIC?.split(',').filter(Boolean);
  const driverFilter = process.env.STAGEGATE_BENCH_REALISTIC_DRIVERS?.split(',').filter(Boolean);
  const byFixture = new Map();
  const repos = new Map();
  for (const { fixture, driver } of plan(filter).filter(
    (p) => !driverFilter || driverFilter.includes(p.driver.name),
  )) {
    if (!byFixture.has(fixture.name)) byFixture.set(fixture.name, { fixture: fixture.label, drivers: [] });
    const f = byFixture.get(fixture.name);
    ctx.log(`realistic: ${fixture.label} on ${driver.name}`);
    try {
      if (!repos.has(fixture.name)) {
        writeFixtureCerts(fixture.sourceDir);
        repos.set(fixture.name, await prepareRepo(fixture));
      }
      const repo = repos.get(fixture.name);
      const large = fixture.name === 'realistic-1gb';
      const runs = { cold: 1, warm: Math.min(ctx.runs, large ? 2 : 3) };
      const engine = await engineFor(driver);
      const { entry, report } = await onDriver(ctx, fixture, repo, driver, engine, runs);
      f.drivers.push(entry);
      if (driver.engine) continue;
      f.imageSize = entry.imageSize;
      f.peakRssKb = entry.peakRssKb;
      f.measureWithReport = {
        ratio: entry.savedReport.measureRatio,
        n: entry.savedReport.n,
        measureMs: entry.savedReport.measureMs,
        oneReadMs: entry.oneRead.ms,
      };
      f.dive = await diveSideBySide(
        ctx,
        report.image.imageId,
        report,
        // The export's spread between runs (±0.8 s on 300 MB) is larger than the difference measured:
        // every run's pairs on the smaller image, where a pair costs seconds; two on 1 GB.
        large ? Math.min(ctx.runs, 2) : ctx.runs,
        join(SCRATCH, repo.name, 'dive'),
      );
    } catch (err) {
      f.drivers.push({ driver: driver.name, error: err instanceof Error ? err.message : String(err) });
      ctx.log(`  ${driver.name} failed: ${f.drivers.at(-1).error}`);
    }
  }
  return { how: HOW, hosted: HOSTED, fixtures: keepOthers(ctx.previous?.fixtures, [...byFixture.values()]) };
}
