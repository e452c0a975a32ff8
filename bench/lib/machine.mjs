/** What the figures were measured on: written at the top of BENCHMARKS.md. */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { CLI, DOCKER, NODE, REPO_ROOT } from './projects.mjs';
import { rssMethod, timed } from './measure.mjs';

async function out(cmd, args, opts) {
  const r = await timed(cmd, args, opts);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

function osName() {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

export async function machineInfo() {
  const commit = await out('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT });
  const dirty = await out('git', ['status', '--porcelain', '--', 'src', 'dist'], { cwd: REPO_ROOT });
  const buildx = await timed(DOCKER, ['buildx', 'version']);
  return {
    cpu: cpus()[0]?.model?.trim(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    kernel: release(),
    dockerServer: await out(DOCKER, ['version', '--format', '{{.Server.Version}}']),
    dockerCli: DOCKER,
    buildx: buildx.code === 0 ? buildx.stdout.trim() : undefined,
    backend: buildx.code === 0 ? 'buildx' : 'buildkit (DOCKER_BUILDKIT=1 docker build)',
    node: (await out(NODE, ['--version'])) ?? 'unknown',
    nodePath: NODE,
    cli: CLI,
    cliBuilt: existsSync(CLI),
    commit: commit ? `${commit}${dirty ? ' + uncommitted changes in src/ or dist/' : ''}` : undefined,
    rssMethod,
    loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
