/**
 * A throwaway second Docker daemon for tests that make the engine die: its own data root, exec root,
 * pidfile and socket under a temporary directory, no bridge and no iptables rules, in a network
 * namespace of its own (`unshare --net`). The namespace matters: a dockerd started with
 * `--bridge=none` deletes the `docker0` interface it finds, which in the machine's namespace is the
 * default daemon's bridge. `kill()` ends it with SIGKILL, as a crash would. Needs root, dockerd and
 * unshare on PATH; `start` says why when it cannot start one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_IMAGE, DOCKER } from './engine.js';

export interface SecondDaemon {
  /** DOCKER_HOST for it. */
  host: string;
  kill(): void;
  /** Kills it (if alive) and removes its directories. */
  remove(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function answers(host: string): boolean {
  return spawnSync(DOCKER, ['info'], { env: { ...process.env, DOCKER_HOST: host } }).status === 0;
}

/** Starts the daemon and loads the base image into it; a string says why it could not. */
export async function startSecondDaemon(): Promise<SecondDaemon | string> {
  if (process.getuid?.() !== 0) return 'a second dockerd needs root';
  if (spawnSync('dockerd', ['--version']).status !== 0) return 'dockerd is not on PATH';
  if (spawnSync('unshare', ['--net', '--', 'true']).status !== 0)
    return "'unshare --net' cannot make a network namespace for it";
  // Short: a unix socket path must stay under 108 bytes.
  const dir = mkdtempSync('/tmp/sg-dockerd-');
  const host = `unix://${join(dir, 'd.sock')}`;
  const name = dir.split('/').pop() ?? 'sg';
  // unshare execs dockerd in a new network namespace: same pid, so kill() reaches dockerd itself.
  const child: ChildProcess = spawn(
    'unshare',
    [
      '--net',
      '--',
      'dockerd',
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'exec')}`,
      `--pidfile=${join(dir, 'd.pid')}`,
      `-H=${host}`,
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
      `--containerd-namespace=${name}`,
      `--containerd-plugins-namespace=${name}-plugins`,
    ],
    { stdio: 'ignore' },
  );
  let alive = true;
  child.on('exit', () => (alive = false));
  const kill = (): void => {
    if (alive) child.kill('SIGKILL');
  };
  const remove = (): void => {
    kill();
    spawnSync('umount', ['-R', join(dir, 'data')], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 60 && alive && !answers(host); i++) await sleep(500);
  if (!alive || !answers(host)) {
    remove();
    return 'the second dockerd did not answer within 30 s';
  }
  const saved = spawnSync(DOCKER, ['save', BASE_IMAGE], { maxBuffer: 512 * 1024 * 1024 });
  const loaded = spawnSync(DOCKER, ['load', '-q'], {
    input: saved.stdout,
    env: { ...process.env, DOCKER_HOST: host },
  });
  if (saved.status !== 0 || loaded.status !== 0) {
    remove();
    return `could not load ${BASE_IMAGE} into the second dockerd: ${String(loaded.stderr)}`;
  }
  return { host, kill, remove };
}
