/**
 * One whole stagegate job (`node dist/cli.js report`, every stage + test gate + base build + sizes +
 * report) and its hand-written peer (sequential `docker build --target test`, `--target <final>`, and
 * the final target built from a worktree of the base commit), on a prepared scratch repository.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUST_ARG, CLI, DOCKER, NODE, SCRATCH, git } from './projects.mjs';
import { median, timed } from './measure.mjs';

/**
 * Runs stagegate's whole job on `repo` and returns its wall time and what its report says.
 * @param {{dir: string, baseSha: string, final: string, name: string}} repo
 * `rss` also records the peak resident memory of its largest process (`peakRssKb`).
 * @param {{bust: string, compare?: boolean, jsonFile?: string, extraEnv?: Record<string,string>,
 *   rss?: boolean}} opts
 */
export async function runStagegate(repo, opts) {
  const jsonFile = opts.jsonFile ?? join(SCRATCH, repo.name, 'report.json');
  rmSync(jsonFile, { force: true });
  const args = [
    CLI,
    'report',
    '--context',
    '.',
    '--file',
    'Dockerfile',
    '--target',
    repo.final,
    '--build-arg',
    `${BUST_ARG}=${opts.bust}`,
    '--fail-on',
    'never',
    '--json-file',
    jsonFile,
  ];
  if (opts.compare !== false) args.push('--base-ref', repo.baseSha);
  // The job logs a `▶ <phase>` line to stderr as each phase starts: their arrival times split the job.
  const marks = [];
  // It also logs each build's argv as `[<stage>] docker buildx build …` (or `docker build …`).
  const buildCommands = [];
  const r = await timed(NODE, args, {
    cwd: repo.dir,
    env: { STAGEGATE_DOCKER: DOCKER, ...opts.extraEnv },
    rss: opts.rss,
    onStderrLine: (line, atMs) => {
      const m = /^▶ (.+)$/.exec(line.trim());
      if (m) marks.push({ phase: m[1], atMs });
      const b = /^\[([^\]]+)\] (\S*docker) (buildx build|build) (.*)$/.exec(line.trim());
      if (b) buildCommands.push({ label: b[1], command: b[3], load: /(^| )--load( |$)/.test(b[4]) });
    },
  });
  let report;
  try {
    report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch {
    report = undefined;
  }
  const problems = reportProblems(r, report, opts.compare !== false);
  return {
    ms: r.ms,
    peakRssKb: r.peakRssKb,
    phases: phaseTimes(marks, r.ms),
    ok: problems.length === 0,
    problems,
    report,
    buildCommands,
    markdownBytes: Buffer.byteLength(r.stdout),
    jsonBytes: report ? statSync(jsonFile).size : 0,
    imageIds: report ? imageIdsOf(report) : [],
  };
}

/** ms spent before the first phase ('start-up, parse, lint') and in each logged phase until the next. */
export function phaseTimes(marks, totalMs) {
  const phases = { 'start-up, parse, lint': marks[0]?.atMs ?? totalMs };
  marks.forEach((m, i) => {
    phases[m.phase] = (phases[m.phase] ?? 0) + ((marks[i + 1]?.atMs ?? totalMs) - m.atMs);
  });
  return phases;
}

/** Why a run does not count as a complete job (empty when it does). */
function reportProblems(r, report, compare) {
  const problems = [];
  if (r.code !== 0) {
    // The message, not the stack: drop `at …` frames and blank lines.
    const lines = (r.stderr || '').split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
    problems.push(`exit ${r.code}: ${lines.slice(-4).join(' | ')}`);
  }
  if (!report) {
    problems.push('no JSON report written');
    return problems;
  }
  for (const b of report.builds ?? [])
    if (b.status !== 'built') problems.push(`stage ${b.stage} ${b.status}`);
  if (!report.builds?.length) problems.push('no stage was built');
  if (report.test?.result !== 'passed') problems.push(`test ${report.test?.result}`);
  if (!report.image?.compressedSize) problems.push('no image measurement');
  if (compare && report.base?.status !== 'compared')
    problems.push(`base ${report.base?.status}: ${report.base?.message ?? ''}`);
  for (const e of report.errors ?? []) problems.push(`${e.step}: ${e.message}`);
  return problems;
}

function imageIdsOf(report) {
  return [
    ...(report.builds ?? []).map((b) => b.imageId),
    report.image?.imageId,
    report.base?.image?.imageId,
  ].filter(Boolean);
}

/**
 * What a user writes instead: three sequential builds, the base one from a worktree of the base commit.
 * Image ids are written with --iidfile so the benchmark can remove exactly what it made.
 * @param {{dir: string, baseSha: string, final: string, name: string}} repo
 * `engine` (from the drivers section) runs them on another engine: its docker CLI and environment, and
 * with `buildx: true` as `docker buildx build --load` on that engine's builder.
 * @param {{bust: string, testStage?: string,
 *   engine?: {docker: string, env: Record<string, string | undefined>, buildx: boolean}}} opts
 */
export async function runHandWritten(repo, opts) {
  const docker = opts.engine?.docker ?? DOCKER;
  const command = opts.engine?.buildx ? ['buildx', 'build', '--load'] : ['build'];
  const env = opts.engine?.buildx ? opts.engine.env : { ...opts.engine?.env, DOCKER_BUILDKIT: '1' };
  const started = process.hrtime.bigint();
  const imageIds = [];
  const problems = [];
  const build = async (cwd, target, tag) => {
    const iid = join(SCRATCH, repo.name, `iid-${tag}`);
    rmSync(iid, { force: true });
    const r = await timed(
      docker,
      [
        ...command,
        '--target',
        target,
        '--build-arg',
        `${BUST_ARG}=${opts.bust}`,
        '--iidfile',
        iid,
        '-f',
        'Dockerfile',
        '.',
      ],
      { cwd, env },
    );
    if (r.code !== 0)
      problems.push(
        `docker ${command.join(' ')} --target ${target} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`,
      );
    try {
      imageIds.push(readFileSync(iid, 'utf8').trim());
    } catch {
      // No image: the failure is already recorded.
    }
  };
  await build(repo.dir, opts.testStage ?? 'test', 'test');
  await build(repo.dir, repo.final, 'final');
  const worktree = join(SCRATCH, repo.name, 'base-worktree');
  rmSync(worktree, { recursive: true, force: true });
  await git(repo.dir, ['worktree', 'add', '-q', '--detach', worktree, repo.baseSha]);
  await build(worktree, repo.final, 'base');
  await git(repo.dir, ['worktree', 'remove', '--force', worktree]);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, ok: problems.length === 0, problems, imageIds };
}

/** Median time of each logged phase of stagegate's job, over the runs. */
export function medianPhases(runs) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.phases ?? {})))];
  return Object.fromEntries(names.map((n) => [n, median(runs.map((r) => r.phases?.[n] ?? 0))]));
}

/**
 * How well this engine overlaps cached builds: the wall time of `count` identical, fully cached
 * `docker build --target <final>` runs started at once (median of `runs`). With perfect overlap it
 * would not grow with `count`; where it grows linearly the engine runs them one after another, and
 * every build stagegate adds to the hand-written three costs its full price even when concurrent.
 * @param {{dir: string, final: string}} repo
 */
export async function concurrentCachedBuilds(repo, bust, counts = [1, 3, 8], runs = 3) {
  const once = () =>
    timed(
      DOCKER,
      ['build', '-q', '--target', repo.final, '--build-arg', `${BUST_ARG}=${bust}`, '-f', 'Dockerfile', '.'],
      { cwd: repo.dir, env: { DOCKER_BUILDKIT: '1' } },
    );
  await once(); // make sure the target is in the cache with this value
  const result = {};
  for (const count of counts) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const all = await Promise.all(Array.from({ length: count }, once));
      if (all.some((r) => r.code !== 0)) throw new Error(`a cached docker build of ${repo.final} failed`);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    result[count] = median(samples);
  }
  return result;
}
