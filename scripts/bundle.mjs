// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with @vercel/ncc.
// Output is deterministic, so `git status --porcelain -- dist` after a rebuild shows staleness.
// It builds into a scratch folder and swaps dist/ in at the end, so a test running the bundle never
// sees a half-written dist/.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const entries = [
  { src: 'src/index.ts', out: 'index.js' },
  { src: 'src/cli.ts', out: 'cli.js', shebang: true },
];

const staging = `dist.staging-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging);
try {
  for (const entry of entries) {
    const tmp = join(staging, `.build-${entry.out}`);
    const r = spawnSync(
      process.execPath,
      ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry.src, '-o', tmp, '--target', 'es2022', '-q'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
    for (const f of readdirSync(tmp)) {
      const from = join(tmp, f);
      if (f === 'index.js') {
        let code = readFileSync(from, 'utf8');
        if (entry.shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
        writeFileSync(join(staging, entry.out), code);
      } else if (f === 'package.json') {
        // ncc writes {"type":"module"} for ESM output; one copy at dist/ serves both bundles.
        renameSync(from, join(staging, 'package.json'));
      } else if (!existsSync(join(staging, f))) {
        // Assets and code-split chunks (`<id>.index.js`, loaded by the bundle that named them).
        renameSync(from, join(staging, f));
      } else if (!readFileSync(from).equals(readFileSync(join(staging, f)))) {
        // Both bundles load such a file by this name: a silent overwrite would break one of them.
        console.error(`bundle: ${entry.out} and an earlier bundle both emit a different ${f}`);
        process.exit(1);
      }
    }
    rmSync(tmp, { recursive: true, force: true });
    if (entry.shebang) chmodSync(join(staging, entry.out), 0o755);
  }
  const old = `dist.old-${process.pid}`;
  if (existsSync('dist')) renameSync('dist', old);
  renameSync(staging, 'dist');
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}
