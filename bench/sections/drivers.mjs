/**
 * Section 6: the whole job against the hand-written steps on every engine of `scripts/engines.sh`
 * (docs/engines.md), and what `--load` costs where the builder is not the engine's own store.
 *
 * Per engine: `scripts/engines.sh up <engine>` prints the export lines a user would `eval`; they go into
 * the environment of every docker and stagegate command run for that engine. Then the job section's
 * pairs on examples/hello, cold then warm, back to back, alternating order. The hand-written side is
 * `docker buildx build --load` of the test stage and of the target, then of the target in a worktree of
 * the base commit, on the same builder (`DOCKER_BUILDKIT=1 docker build` on legacy-buildkit).
 *
 * `--load` (docker-container and remote, where the image leaves BuildKit's store for the engine's): the
 * same fully cached build with and without `--load`, for the hello target and for an image with a 100 MB
 * random layer, so the difference is the load. Its share of stagegate's job: the hello target's load
 * time × the `--load`s stagegate's logged argv carry (`[stage] docker buildx build … --load …`) ÷ the job.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BUST_ARG, REPO_ROOT, SCRATCH, headChange, prepareRepo } from '../lib/projects.mjs';
import { median, mustRun, nonce, summarisePairs, timed } from '../lib/measure.mjs';
import { runHandWritten, runStagegate } from '../lib/job.mjs';
import { pair } from './job.mjs';

export const BUILDX_ENGINES = ['docker-classic', 'docker-containerd', 'docker-container', 'remote'];
export const DEFAULT_ENGINES = [...BUILDX_ENGINES, 'legacy-buildkit'];
/** Engines whose builder keeps results in BuildKit's own store: only there does `--load` copy an image. */
const LOADING_ENGINES = new Set(['docker-container', 'remote']);
const BIG_LAYER_BYTES = 100 * 1024 * 1024;

/**
 * The environment `eval "$(scripts/engines.sh up NAME)"` gives: its `export` lines evaluated by bash,
 * read back with `env -0`; its `unset` lines become undefined (the child does not inherit them).
 */
export async function engineEnv(name) {
  const script = join(REPO_ROOT, 'scripts', 'engines.sh');
  const r = await mustRun('bash', [
    '-c',
    'set -e; out=$(bash "$1" up "$2"); eval "$out"; printf "%s\\n" "$out" | sed -n "s/^unset //p" >&2; env -0',
    'engines-up',
    script,
    name,
  ]);
  const env = {};
  for (const entry of r.stdout.split('\0').filter(Boolean)) {
    const eq = entry.indexOf('=');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  // bash's own variables, not the engine's: a stale PWD would mislead children run in another cwd.
  for (const v of ['PWD', 'OLDPWD', 'SHLVL', '_']) delete env[v];
  for (const line of r.stderr.split('\n')) {
    for (const v of line
      .trim()
      .split(/\s+/)
      .filter((w) => /^[A-Z_][A-Z0-9_]*$/.test(w))) {
      if (!(v in env)) env[v] = undefined;
    }
  }
  if (!env.STAGEGATE_DOCKER) throw new Error(`engines.sh up ${name} exported no STAGEGATE_DOCKER`);
  return env;
}

/** Deletes images this section made on an engine (ids from reports and --iidfile), never others. */
async function removeOn(engine, ids) {
  const unique = [...new Set(ids.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 50)
    await timed(engine.docker, ['rmi', ...unique.slice(i, i + 50)], { env: engine.env });
}

async function jobPairs(ctx, engine, repo, runs, label) {
  const local = { ...ctx, images: engine.images };
  const against = (bust) => runHandWritten(repo, { bust, engine });
  const ours = (bust) => runStagegate(repo, { bust, extraEnv: engine.env });
  const cold = [];
  const coldRuns = [];
  let lastBust;
  for (let i = 0; i < runs.cold; i++) {
    const oursBust = nonce('cold');
    const peerBust = nonce('cold');
    const out = await pair(
      local,
      `${label} cold`,
      () => ours(oursBust),
      () => against(peerBust),
      i,
    );
    lastBust = oursBust;
    cold.push({ ours: out.ours.ms, peer: out.peer.ms });
    coldRuns.push(out.ours);
  }
  const warm = [];
  const warmRuns = [];
  for (let i = 0; i < runs.warm; i++) {
    const out = await pair(
      local,
      `${label} warm`,
      () => ours(lastBust),
      () => against(lastBust),
      i,
    );
    warm.push({ ours: out.ours.ms, peer: out.peer.ms });
    warmRuns.push(out.ours);
  }
  // The base-commit build logs no argv (src/baseline/compare.ts passes no onStart) but always loads
  // (`load: true` there, to measure the base image): it counts when the report says it was built.
  const baseBuilt = (r) => (r.report?.base?.source === 'built' ? 1 : 0);
  const loads = (rs) =>
    median(rs.map((r) => r.buildCommands.filter((c) => c.load).length + (engine.buildx ? baseBuilt(r) : 0)));
  const builds = (rs) => median(rs.map((r) => r.buildCommands.length + baseBuilt(r)));
  return {
    cold: { ...summarisePairs(cold), loads: loads(coldRuns), builds: builds(coldRuns) },
    warm: { ...summarisePairs(warm), loads: loads(warmRuns), builds: builds(warmRuns) },
    lastBust,
    // Which of stagegate's builds loaded their image, from the argv it logged (last warm run).
    loadedBuilds: loadedBuilds(engine, warmRuns.at(-1) ?? coldRuns.at(-1)),
    handWrittenLoads: engine.buildx ? 3 : 0,
  };
}

/** stagegate's builds in one run: the logged argv, and the base-commit build when the report has one. */
function loadedBuilds(engine, run) {
  if (!run) return undefined;
  const list = run.buildCommands.map((c) => ({ label: c.label, load: c.load, logged: true }));
  if (run.report?.base?.source === 'built')
    list.push({ label: 'base commit (argv not logged)', load: engine.buildx, logged: false });
  return list;
}

/** A project with a 100 MB random layer made in the build (fresh per bust value). */
function bigImageProject() {
  const dir = join(SCRATCH, 'drivers-load-big');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM stagegate/busybox:1 AS big',
      `ARG ${BUST_ARG}`,
      `RUN head -c ${BIG_LAYER_BYTES} /dev/urandom > /blob && echo "$${BUST_ARG}" > /stamp`,
      '',
    ].join('\n'),
  );
  return dir;
}

/**
 * The same fully cached build with and without `--load`, alternating, `runs` times: the median
 * difference is what loading that image costs. Size from the engine's store after the load.
 */
async function loadCost(engine, dir, target, bust, runs, log) {
  const iid = join(dir, '..', `iid-load-${target}`);
  const build = (load) =>
    timed(
      engine.docker,
      [
        'buildx',
        'build',
        ...(load ? ['--load', '--iidfile', iid] : []),
        '--target',
        target,
        '--build-arg',
        `${BUST_ARG}=${bust}`,
        '-f',
        'Dockerfile',
        '.',
      ],
      { cwd: dir, env: engine.env },
    );
  const first = await build(true); // fills the cache and the store with this value
  if (first.code !== 0)
    throw new Error(`buildx build --load of ${target} failed: ${first.stderr.slice(-300)}`);
  const id = readFileSync(iid, 'utf8').trim();
  engine.images.push(id);
  const size = Number(
    (await mustRun(engine.docker, ['image', 'inspect', '--format', '{{.Size}}', id], { env: engine.env }))
      .stdout,
  );
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [true, false] : [false, true];
    const t = {};
    for (const load of order) {
      const r = await build(load);
      if (r.code !== 0) throw new Error(`cached buildx build of ${target} failed`);
      t[load] = r.ms;
    }
    samples.push({ load: t.true, noLoad: t.false });
  }
  log(
    `  ${engine.name} ${target} (${(size / 1e6).toFixed(1)} MB): cached build with --load vs without, ${runs} pairs`,
  );
  const loadMs = median(samples.map((s) => s.load - s.noLoad));
  return {
    target,
    sizeBytes: size,
    withLoadMs: median(samples.map((s) => s.load)),
    withoutLoadMs: median(samples.map((s) => s.noLoad)),
    loadMs,
    msPerMB: loadMs / (size / 1e6),
    samples,
  };
}

async function loadSection(engine, repo, job, runs, log) {
  const small = await loadCost(engine, repo.dir, repo.final, job.lastBust, runs, log);
  const big = await loadCost(engine, bigImageProject(), 'big', nonce('load'), runs, log);
  const slope = (big.loadMs - small.loadMs) / ((big.sizeBytes - small.sizeBytes) / 1e6);
  const share = (pairs) => (pairs.loads * small.loadMs) / pairs.oursMs;
  return {
    small,
    big,
    // Per MB beyond the fixed cost of a load: the slope between the two sizes.
    msPerMB: slope,
    fixedMs: small.loadMs - slope * (small.sizeBytes / 1e6),
    shareCold: share(job.cold),
    shareWarm: share(job.warm),
  };
}

export async function benchDrivers(ctx) {
  const names = ctx.engines ?? (ctx.smoke ? ['legacy-buildkit'] : DEFAULT_ENGINES);
  const runs = ctx.smoke ? { cold: 1, warm: 1, load: 1 } : { cold: 3, warm: 5, load: 5 };
  const source = join(REPO_ROOT, 'examples', 'hello');
  const engines = [];
  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  for (const name of names) {
    ctx.log(`drivers: ${name}`);
    const entry = { engine: name };
    engines.push(entry);
    let engine;
    try {
      const env = await engineEnv(name);
      engine = {
        name,
        docker: env.STAGEGATE_DOCKER,
        env,
        buildx: env.STAGEGATE_ENGINE_DRIVER !== 'legacy',
        images: [],
      };
      entry.driver = env.STAGEGATE_ENGINE_DRIVER;
      entry.server = (
        await timed(engine.docker, ['version', '--format', '{{.Server.Version}}'], { env })
      ).stdout.trim();
      entry.buildx = engine.buildx
        ? (await timed(engine.docker, ['buildx', 'version'], { env })).stdout.trim()
        : undefined;
      const repo = await prepareRepo({
        name: `drivers-${name}`,
        sourceDir: source,
        change: headChange(source),
      });
      const job = await jobPairs(ctx, engine, repo, runs, `${name} examples/hello`);
      Object.assign(entry, job);
      if (LOADING_ENGINES.has(name)) entry.load = await loadSection(engine, repo, job, runs.load, ctx.log);
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      ctx.log(`  failed: ${entry.error}`);
    } finally {
      if (engine) await removeOn(engine, engine.images);
    }
  }
  const loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  return { project: 'examples/hello', runs, engines, loadAtStart, loadAtEnd };
}
