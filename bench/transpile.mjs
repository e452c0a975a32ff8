// Transpiles src/ to bench/work/src/ (ESM JavaScript) so benchmark scripts can import the real
// modules with plain Node, without a bundle step. Type-checking is `npm run typecheck`'s job.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Returns the directory holding the transpiled `src` tree. TypeScript is loaded here, not at import,
 * so measuring child processes that import this module do not carry the compiler in their memory.
 */
export function transpileSources() {
  const ts = require('typescript');
  const out = join(root, 'bench', 'work');
  for (const file of walk(join(root, 'src'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return join(out, 'src');
}
