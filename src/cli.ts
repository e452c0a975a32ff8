/**
 * The `stagegate` command's entry point. It turns on Node's on-disk compile cache (Node 22.1+) before
 * loading the CLI: compiling the bundled CLI is most of what a one-file `stagegate lint` costs, and with
 * the cache later runs load the compiled code instead (kept in the OS temp folder, checked against the
 * source, so a new bundle compiles afresh). Older Node versions have no cache and just compile.
 */
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./cli/main.js');
