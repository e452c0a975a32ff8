/**
 * How the benchmarks time things: every measured command is a child process timed by wall clock (what a
 * CI job waits for), optionally with its peak resident memory. Peak RSS comes from GNU time
 * (`/usr/bin/time -f %M`, the largest process in the measured tree) when it is installed, else from
 * polling /proc for the child and its descendants (VmHWM, a lower bound between polls).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const GNU_TIME = '/usr/bin/time';
export const rssMethod = existsSync(GNU_TIME)
  ? 'gnu-time'
  : existsSync('/proc/self/status')
    ? 'proc'
    : 'none';

/**
 * Runs a command (argv, no shell) and resolves with its exit code, output and wall time in ms.
 * @param {string} cmd
 * @param {string[]} args
 * `onStderrLine` gets each stderr line with the ms since the start (to time a command's phases).
 * @param {{cwd?: string, env?: Record<string,string>, input?: string, rss?: boolean, maxOutput?: number,
 *   onStderrLine?: (line: string, atMs: number) => void, stdoutFile?: string}} [opts]
 * @returns {Promise<{code: number, stdout: string, stderr: string, ms: number, peakRssKb?: number}>}
 */
export function timed(cmd, args, opts = {}) {
  const maxOutput = opts.maxOutput ?? 64 * 1024 * 1024;
  let argv = [cmd, ...args];
  let rssFile;
  let rssDir;
  if (opts.rss && rssMethod === 'gnu-time') {
    rssDir = mkdtempSync(join(tmpdir(), 'stagegate-bench-rss-'));
    rssFile = join(rssDir, 'rss');
    argv = [GNU_TIME, '-f', '%M', '-o', rssFile, cmd, ...args];
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    // A file, not a pipe, for big outputs of tools that call process.exit() right after printing
    // (dockerfilelint): with a pipe the end of the output can be lost.
    const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
    const child = spawn(argv[0], argv.slice(1), {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', outFd ?? 'pipe', 'pipe'],
    });
    if (outFd !== undefined) closeSync(outFd);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d) => {
      if (stdout.length < maxOutput) stdout += d;
    });
    let partial = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-200_000);
      if (!opts.onStderrLine) return;
      const at = Number(process.hrtime.bigint() - started) / 1e6;
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) opts.onStderrLine(line, at);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
    let polledPeak = 0;
    const poller =
      opts.rss && rssMethod === 'proc'
        ? setInterval(() => {
            polledPeak = Math.max(polledPeak, treePeakKb(child.pid));
          }, 20)
        : undefined;
    child.on('error', (err) => {
      if (poller) clearInterval(poller);
      resolve({ code: 127, stdout, stderr: String(err), ms: 0 });
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (poller) clearInterval(poller);
      let peakRssKb;
      if (rssFile) {
        // GNU time writes "Command exited with non-zero status N" before the figure on failure.
        const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
        const n = Number(lines.at(-1));
        if (Number.isFinite(n) && n > 0) peakRssKb = n;
        rmSync(rssDir, { recursive: true, force: true });
      } else if (poller) {
        peakRssKb = polledPeak || undefined;
      }
      if (opts.stdoutFile) stdout = readFileSync(opts.stdoutFile, 'utf8');
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms, peakRssKb });
    });
  });
}

/** Peak RSS (VmHWM, kB) of the largest process in the tree rooted at `pid`, 0 when it is gone. */
function treePeakKb(pid) {
  let peak = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)/.exec(status);
      if (m) peak = Math.max(peak, Number(m[1]));
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process exited between listing and reading: nothing to add.
    }
  }
  return peak;
}

/** Like `timed`, but throws (with the output's tail) when the command fails. */
export async function mustRun(cmd, args, opts = {}) {
  const r = await timed(cmd, args, opts);
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n');
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.code}:\n${tail}`);
  }
  return r;
}

/** @param {number[]} xs */
export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Summarises paired samples measured side by side: the median of each side and the median of the
 * per-pair ratios (each pair ran back to back, so machine drift between pairs cancels out).
 * @param {{ours: number, peer: number}[]} pairs
 */
export function summarisePairs(pairs) {
  const ours = pairs.map((p) => p.ours);
  const peer = pairs.map((p) => p.peer);
  return {
    n: pairs.length,
    oursMs: median(ours),
    peerMs: median(peer),
    oursRange: [Math.min(...ours), Math.max(...ours)],
    peerRange: [Math.min(...peer), Math.max(...peer)],
    ratio: median(pairs.map((p) => p.ours / p.peer)),
    samples: pairs,
  };
}

/** A unique value per call, for cache busting. */
let counter = 0;
export function nonce(label) {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
