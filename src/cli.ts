/**
 * The `stagegate` command's entry point. It turns on Node's on-disk compile cache (Node 22.1+) before
 * loading the CLI: compiling the bundled CLI is most of what a one-file `stagegate lint` costs, and with
 * the cache later runs load the compiled code instead (kept in the OS temp folder, checked against the
 * source, so a new bundle compiles afresh). Older Node versions have no cache and just compile.
 * `stagegate report` runs itself once more with a small young generation (seams/young-generation.ts).
 */
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { relaunchWithSmallYoungGeneration } from './seams/young-generation.js';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// `report` streams whole images: it runs with a small young generation (see seams/young-generation.ts).
const relaunched =
  process.argv[2] === 'report'
    ? await relaunchWithSmallYoungGeneration(fileURLToPath(import.meta.url))
    : undefined;
if (relaunched !== undefined) process.exitCode = relaunched;
else await import('./cli/main.js');
