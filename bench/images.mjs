// Local images for the size benchmarks, built FROM stagegate/busybox:1 (no registry needed) and tagged
// stagegate-bench-*. Content is a mix a real image has: incompressible bytes (media, archives), hex
// text (compresses about 2:1, like binaries and libraries) and base64 text, plus thousands of small
// files; the waste image adds layers that delete and overwrite some of it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOCKER = process.env.STAGEGATE_DOCKER || 'docker';
export const COMPRESSED_IMAGE = 'stagegate-bench-compressed:1';
export const WASTE_IMAGE = 'stagegate-bench-waste:1';

const COMPRESSED_DOCKERFILE = `FROM stagegate/busybox:1
RUN mkdir -p /data/random && for i in 1 2 3 4; do dd if=/dev/urandom of=/data/random/blob$i bs=1048576 count=50 2>/dev/null; done
RUN mkdir -p /data/hex && for i in 1 2 3 4 5; do dd if=/dev/urandom bs=1048576 count=12 2>/dev/null | od -A x -t x1 > /data/hex/dump$i.txt; done
RUN mkdir -p /data/b64 /data/small && dd if=/dev/urandom bs=1048576 count=60 2>/dev/null | base64 > /data/b64/all.txt \\
 && i=0; while [ $i -lt 5000 ]; do echo "small file $i $(date +%N)" > /data/small/f$i.txt; i=$((i+1)); done
`;

const WASTE_DOCKERFILE = `FROM ${COMPRESSED_IMAGE}
RUN mkdir -p /more && for i in 1 2 3 4 5 6 7 8 9 10 11; do dd if=/dev/urandom of=/more/blob$i bs=1048576 count=50 2>/dev/null; done \\
 && mkdir -p /more/many && i=0; while [ $i -lt 20000 ]; do echo "file $i" > /more/many/f$i; i=$((i+1)); done
RUN rm -rf /data/random/blob1 /data/random/blob2 /more/many /data/small && dd if=/dev/urandom of=/data/hex/dump1.txt bs=1048576 count=5 2>/dev/null
`;

function docker(args, options = {}) {
  const r = spawnSync(DOCKER, args, {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (r.status !== 0) throw new Error(`${DOCKER} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

export function imageSize(image) {
  return Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).trim());
}

function exists(image) {
  return spawnSync(DOCKER, ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

function build(tag, dockerfile) {
  const dir = mkdtempSync(join(tmpdir(), 'stagegate-bench-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    console.error(`building ${tag} (one-time, a few minutes)...`);
    docker(['build', '-q', '-t', tag, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ensureCompressedImage() {
  if (!exists(COMPRESSED_IMAGE)) build(COMPRESSED_IMAGE, COMPRESSED_DOCKERFILE);
  return COMPRESSED_IMAGE;
}

export function ensureWasteImage() {
  ensureCompressedImage();
  if (!exists(WASTE_IMAGE)) build(WASTE_IMAGE, WASTE_DOCKERFILE);
  return WASTE_IMAGE;
}

/** Removes the benchmark images (only ours: stagegate-bench-*). */
export function removeBenchImages() {
  for (const tag of [WASTE_IMAGE, COMPRESSED_IMAGE])
    spawnSync(DOCKER, ['image', 'rm', tag], { stdio: 'ignore' });
}
