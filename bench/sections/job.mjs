/**
 * Section 1: stagegate's whole job versus the hand-written steps, warm and cold, on examples/* and on
 * the seven-stage fixture. Each pair runs back to back in the same cache state:
 * - cold: each side gets a fresh cache-bust value (or, with --cold prune, an emptied build cache), so
 *   every RUN of every stage re-runs, for stagegate's base build too;
 * - warm: both sides reuse a value stagegate already built, so every step is a cache hit.
 * The order inside a pair alternates so that neither side always runs second.
 */
import { join } from 'node:path';
import { DOCKER, REPO_ROOT, exampleProjects, headChange, prepareRepo } from '../lib/projects.mjs';
import { mustRun, nonce, summarisePairs } from '../lib/measure.mjs';
import { concurrentCachedBuilds, medianPhases, runHandWritten, runStagegate } from '../lib/job.mjs';

export function jobProjects(smoke) {
  const list = exampleProjects().map((name) => {
    const sourceDir = join(REPO_ROOT, 'examples', name);
    return {
      name: `job-${name}`,
      label: `examples/${name}`,
      sourceDir,
      change: headChange(sourceDir),
    };
  });
  if (!smoke)
    list.push({
      name: 'job-multistage',
      label: 'bench/fixtures/multistage',
      sourceDir: join(REPO_ROOT, 'bench', 'fixtures', 'multistage'),
      // A cold pair takes about a minute here: three pairs keep the full run within its time.
      maxRuns: 3,
      change: { path: 'src/version.txt', append: 'build 2\n' },
    });
  return list;
}

async function emptyBuildCache(ctx) {
  if (ctx.coldMethod === 'prune') await mustRun(DOCKER, ['builder', 'prune', '-af']);
}

/** Build-phase figures from a stagegate report: wall span of the stage builds and their summed time. */
function buildPhase(report) {
  const builds = (report?.builds ?? []).filter((b) => b.startedAt && b.finishedAt);
  if (!builds.length) return undefined;
  const span = Math.max(...builds.map((b) => b.finishedAt)) - Math.min(...builds.map((b) => b.startedAt));
  const sum = builds.reduce((a, b) => a + (b.durationMs ?? b.finishedAt - b.startedAt), 0);
  return { stagesBuilt: builds.length, buildSpanMs: span, stageSumMs: sum, baseSource: report.base?.source };
}

export async function pair(ctx, label, runOurs, runPeer, i) {
  const sides = i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
  const out = {};
  for (const side of sides) out[side] = side === 'ours' ? await runOurs() : await runPeer();
  for (const side of sides) {
    ctx.images.push(...out[side].imageIds);
    if (!out[side].ok)
      throw new Error(`${label} (${side}) did not complete: ${out[side].problems.join('; ')}`);
  }
  ctx.log(`  ${label} #${i + 1}: stagegate ${fmt(out.ours.ms)}, hand-written ${fmt(out.peer.ms)}`);
  return out;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

export async function benchJob(ctx) {
  const results = [];
  for (const spec of jobProjects(ctx.smoke)) {
    ctx.log(`job: ${spec.label}`);
    const entry = { project: spec.label };
    results.push(entry);
    try {
      const repo = await prepareRepo(spec);
      entry.stages = repo.stages.length;
      entry.final = repo.final;
      const runs = Math.min(ctx.runs, spec.maxRuns ?? ctx.runs);
      let lastOursBust;
      let lastReport;
      const cold = [];
      const coldRuns = [];
      for (let i = 0; i < runs; i++) {
        const oursBust = nonce('cold');
        const peerBust = nonce('cold');
        const out = await pair(
          ctx,
          `${spec.label} cold`,
          async () => {
            await emptyBuildCache(ctx);
            return runStagegate(repo, { bust: oursBust });
          },
          async () => {
            await emptyBuildCache(ctx);
            return runHandWritten(repo, { bust: peerBust });
          },
          i,
        );
        lastOursBust = oursBust;
        lastReport = out.ours.report;
        cold.push({ ours: out.ours.ms, peer: out.peer.ms });
        coldRuns.push(out.ours);
      }
      entry.cold = summarisePairs(cold);
      entry.cold.phases = medianPhases(coldRuns);
      entry.coldBuild = buildPhase(lastReport);
      // Warm: stagegate's last cold run built every stage both sides need with this value.
      const warm = [];
      const warmRuns = [];
      for (let i = 0; i < runs; i++) {
        const out = await pair(
          ctx,
          `${spec.label} warm`,
          () => runStagegate(repo, { bust: lastOursBust }),
          () => runHandWritten(repo, { bust: lastOursBust }),
          i,
        );
        lastReport = out.ours.report;
        warm.push({ ours: out.ours.ms, peer: out.peer.ms });
        warmRuns.push(out.ours);
      }
      entry.warm = summarisePairs(warm);
      entry.warm.phases = medianPhases(warmRuns);
      entry.warmBuild = buildPhase(lastReport);
      // What N cached builds at once cost on this engine: the floor under a warm job of N builds.
      entry.concurrentCached = await concurrentCachedBuilds(repo, lastOursBust, [1, 3, 8], ctx.smoke ? 1 : 3);
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      ctx.log(`  failed: ${entry.error}`);
    }
  }
  return { coldMethod: ctx.coldMethod, projects: results };
}
