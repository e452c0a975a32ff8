// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with @vercel/ncc.
// Output is deterministic so `git status --porcelain -- dist` after a rebuild shows staleness.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const entries = [
  { src: 'src/index.ts', out: 'index.js' },
  { src: 'src/cli.ts', out: 'cli.js', shebang: true },
];

rmSync('dist', { recursive: true, force: true });
for (const entry of entries) {
  const tmp = join('dist', `.build-${entry.out}`);
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
      writeFileSync(join('dist', entry.out), code);
    } else if (f === 'package.json') {
      // ncc writes {"type":"module"} for ESM output; one copy at dist/ serves both bundles.
      renameSync(from, join('dist', 'package.json'));
    } else if (!existsSync(join('dist', f))) {
      renameSync(from, join('dist', f));
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  if (entry.shebang) chmodSync(join('dist', entry.out), 0o755);
}
