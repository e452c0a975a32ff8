/**
 * The engine seam: the only module that starts `docker` or `git`. Every argument is an argv element
 * (never a shell string), so stage names, paths and build-args cannot inject flags or commands.
 *
 * It spawns with node:child_process rather than @actions/exec: `docker save` must be read as a stream
 * with back-pressure (a multi-GB image never sits in memory), which @actions/exec's data listeners
 * cannot pause, and one mechanism for both kinds of call keeps the seam small.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { localEngineSocket } from './engine-socket.js';
import { engineApiGet } from './engine-api.js';

export type Tool = 'docker' | 'git';

export interface RunOptions {
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  /** Called with each complete output line (stdout and stderr), as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How many trailing output lines to keep in `tail` (default 40). */
  tailLines?: number;
  /** Aborting it ends the process (SIGTERM): the job was cancelled. It then exits with 130. */
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Last lines of stdout+stderr interleaved, ANSI codes stripped. */
  tail: string[];
}

export interface StreamHandle {
  stdout: Readable;
  /** Resolves when the process exits (stderr tail included for error messages). */
  done: Promise<RunResult>;
}

export interface Engine {
  run(tool: Tool, args: string[], options?: RunOptions): Promise<RunResult>;
  /** Starts a process whose stdout is consumed as a stream (e.g. `docker save`), never buffered. */
  stream(tool: Tool, args: string[], options?: Omit<RunOptions, 'onLine'>): StreamHandle;
  /**
   * A GET on the Docker Engine API's local unix socket, its body streamed like `stream`'s stdout (an
   * HTTP error is a non-zero exit with the daemon's message). Undefined when the docker CLI would not
   * talk to a local socket this process can open (a context, a tcp or ssh host): use the CLI then.
   */
  engineApiGet?(path: string, options?: { signal?: AbortSignal }): StreamHandle | undefined;
}

/**
 * Why a command failed, in one line: its last `lines` non-blank lines of output, or
 * its exit code when it printed nothing.
 */
export function failureSummary(result: RunResult, lines = 2): string {
  const fromTail = result.tail.filter((l) => l.trim());
  const source = fromTail.length ? fromTail : result.stderr.split(/\r?\n/).filter((l) => l.trim());
  return (
    source
      .slice(-lines)
      .map((l) => l.trim())
      .join(' ') || `exit code ${result.exitCode}`
  );
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, '');

/** `STAGEGATE_DOCKER` picks a docker CLI other than the first on PATH (e.g. one with BuildKit). */
export function toolPath(tool: Tool): string {
  if (tool === 'docker') return process.env.STAGEGATE_DOCKER || 'docker';
  return process.env.STAGEGATE_GIT || 'git';
}

class LineSplitter {
  private rest = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: string): void {
    const parts = (this.rest + chunk).split(/\r?\n|\r/);
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.emit(p);
  }
  end(): void {
    if (this.rest) this.emit(this.rest);
    this.rest = '';
  }
}

function spawnTool(tool: Tool, args: string[], options: RunOptions, captureStdout: boolean) {
  const child = spawn(toolPath(tool), args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
    signal: options.signal,
  });
  const tailMax = options.tailLines ?? 40;
  const tail: string[] = [];
  let stdout = '';
  let stderr = '';
  const keep = (line: string, stream: 'stdout' | 'stderr') => {
    const clean = stripAnsi(line);
    tail.push(clean);
    if (tail.length > tailMax) tail.shift();
    options.onLine?.(clean, stream);
  };
  const outLines = new LineSplitter((l) => keep(l, 'stdout'));
  const errLines = new LineSplitter((l) => keep(l, 'stderr'));
  if (captureStdout) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      outLines.push(d);
    });
  }
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    // Keep stderr bounded: build logs can be large and only the tail matters.
    stderr = (stderr + d).slice(-1_000_000);
    errLines.push(d);
  });
  child.stdin.on('error', () => undefined);
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  const done = new Promise<RunResult>((resolve) => {
    let settled = false;
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      if (err.name === 'AbortError') {
        // Cancelled: what it printed so far is kept (the report shows it), and 130 as for SIGINT.
        outLines.end();
        errLines.end();
        resolve({ exitCode: 130, stdout, stderr, tail: [...tail, `${toolPath(tool)}: cancelled`] });
        return;
      }
      const message =
        err.code === 'ENOENT' ? `${toolPath(tool)}: command not found` : `${toolPath(tool)}: ${err.message}`;
      resolve({ exitCode: 127, stdout, stderr: message, tail: [message] });
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      outLines.end();
      errLines.end();
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, tail });
    });
  });
  return { child, done };
}

/** The local engine socket the docker CLI would use, when this process may open it. */
function usableEngineSocket(): string | undefined {
  const configDir = process.env.DOCKER_CONFIG || join(homedir(), '.docker');
  let cliConfig: string | undefined;
  try {
    cliConfig = readFileSync(join(configDir, 'config.json'), 'utf8');
  } catch {
    cliConfig = undefined;
  }
  const socket = localEngineSocket({ env: process.env, cliConfig });
  if (!socket) return undefined;
  try {
    accessSync(socket, constants.R_OK | constants.W_OK);
    return socket;
  } catch {
    return undefined; // not there, or not ours to open: the CLI says why, in its words
  }
}

export function createEngine(): Engine {
  return {
    engineApiGet(path, options = {}) {
      const socket = usableEngineSocket();
      return socket ? engineApiGet(socket, path, options.signal) : undefined;
    },
    run(tool, args, options = {}) {
      return spawnTool(tool, args, options, true).done;
    },
    stream(tool, args, options = {}) {
      const { child, done } = spawnTool(tool, args, options, false);
      return { stdout: child.stdout, done };
    },
  };
}
