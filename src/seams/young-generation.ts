/**
 * Measuring streams gigabytes through short-lived Buffers (`docker save`'s pipe chunks, zlib's
 * output, tar entries): their memory is given back only when the young generation holding their
 * wrappers is scavenged, and V8's default young generation (semi-spaces of up to 16 MiB) lets
 * hundreds of MB of dead buffers pile up between scavenges. With 2 MiB semi-spaces a hosted job on
 * a 1.75 GB image peaked at 198 MB instead of 378 MB, and a full measurement of it used the same CPU
 * time (57.3 s both; BENCHMARKS.md section 8). The flag only counts at startup (`v8.setFlagsFromString`
 * later does not resize the heap), so the entry runs itself once more with it.
 */
import { spawn } from 'node:child_process';

export const SEMI_SPACE_FLAG = '--max-semi-space-size=2';
/** Set in the relaunched process (and by anyone who wants no relaunch). */
export const NO_RELAUNCH = 'STAGEGATE_NO_RELAUNCH';

/** The node argv to run `script` again with the flag, or undefined when this process already has it. */
export function relaunchArgs(
  execArgv: readonly string[],
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): string[] | undefined {
  if (env[NO_RELAUNCH] === '1') return undefined;
  if (execArgv.some((a) => a.startsWith('--max-semi-space-size'))) return undefined;
  return [SEMI_SPACE_FLAG, ...execArgv, script, ...args];
}

/**
 * Runs this entry again with a small young generation and resolves to its exit code, forwarding
 * SIGINT and SIGTERM (a cancelled job). Resolves to undefined when this process is the one to do the
 * work: it has the flag already, or the relaunch could not start (then the job runs here, with
 * Node's default heap, rather than not at all).
 */
export async function relaunchWithSmallYoungGeneration(
  script: string,
  execPath = process.execPath,
  args: readonly string[] = process.argv.slice(2),
): Promise<number | undefined> {
  const argv = relaunchArgs(process.execArgv, script, args, process.env);
  if (!argv) return undefined;
  return new Promise((resolve) => {
    const child = spawn(execPath, argv, {
      stdio: 'inherit',
      env: { ...process.env, [NO_RELAUNCH]: '1' },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    // 'error' is emitted when the process could not be started; nothing of the job has run then.
    // (a failed kill also emits it, with the child running: that one must not start the job twice).
    child.on('error', () => {
      if (child.pid === undefined) resolve(undefined);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 143)));
  });
}
