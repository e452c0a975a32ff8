/**
 * The one fake engine: a plain object behind the engine seam that answers `docker` and `git` argv
 * from handlers the test gives, records every call, and feeds output lines to `onLine` the way the
 * real seam does. `docker` is the real Docker client over it, so tests exercise the client's parsing
 * and error wording too. An argv no handler answers fails the test loudly.
 */
import { Readable } from 'node:stream';
import { createDocker, type Docker } from '../../src/seams/docker.js';
import type { Engine, RunOptions, RunResult, Tool } from '../../src/seams/engine.js';

/** What a handler answers: the exit code (default 0), stdout, and output lines (stderr). */
export interface Answer {
  exitCode?: number;
  stdout?: string;
  /** Lines the command prints (to stderr, as docker build does); they reach onLine and the tail. */
  lines?: string[];
}

export type Handler = (
  args: string[],
  options: RunOptions,
) => Answer | undefined | Promise<Answer | undefined>;

export interface FakeEngineSpec {
  docker?: Handler;
  git?: Handler;
  /**
   * `docker save`: the archive bytes, and how the process ends (default exit 0). `chunkBytes` streams
   * the archive in pieces of that size; `onRead` is told the bytes the reader has taken so far.
   */
  save?: (args: string[]) => {
    archive: Buffer;
    exitCode?: number;
    stderr?: string;
    chunkBytes?: number;
    onRead?: (bytes: number) => void;
  };
}

/** The archive as a stream of `size`-byte pieces, each counted as the reader takes it. */
function piecewise(archive: Buffer, size: number, onRead?: (bytes: number) => void): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: size,
    read() {
      if (offset >= archive.length) return void this.push(null);
      const piece = archive.subarray(offset, offset + size);
      offset += piece.length;
      onRead?.(offset);
      this.push(piece);
    },
  });
}

export interface FakeEngine {
  engine: Engine;
  docker: Docker;
  calls: Array<[Tool, string[]]>;
  /** The argv of every docker call (without the tool). */
  dockerCalls(): string[][];
}

export const ok = (stdout = ''): Answer => ({ exitCode: 0, stdout });
export const fail = (line: string, exitCode = 1): Answer => ({ exitCode, lines: line ? [line] : [] });

/** What the docker CLI prints for every command while the daemon is down. */
export const DAEMON_DOWN =
  'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

/** `docker info` of a healthy daemon (classic store), as `--format '{{json .}}'` prints it. */
export const INFO_JSON = JSON.stringify({ ServerVersion: '26.1.5', Driver: 'overlay2', DriverStatus: [] });

function toResult(answer: Answer, options: RunOptions): RunResult {
  const lines = answer.lines ?? [];
  for (const l of lines) options.onLine?.(l, 'stderr');
  return {
    exitCode: answer.exitCode ?? 0,
    stdout: answer.stdout ?? '',
    stderr: lines.join('\n'),
    tail: lines.slice(-(options.tailLines ?? 40)),
  };
}

export function fakeEngine(spec: FakeEngineSpec): FakeEngine {
  const calls: Array<[Tool, string[]]> = [];
  const engine: Engine = {
    async run(tool, args, options = {}) {
      calls.push([tool, args]);
      const answer = await spec[tool]?.(args, options);
      if (!answer) throw new Error(`fake engine: unexpected ${tool} ${args.join(' ')}`);
      return toResult(answer, options);
    },
    stream(tool, args, options = {}) {
      calls.push([tool, args]);
      const saved = tool === 'docker' && args[0] === 'save' ? spec.save?.(args) : undefined;
      if (!saved) throw new Error(`fake engine: unexpected streamed ${tool} ${args.join(' ')}`);
      const done = Promise.resolve(
        toResult({ exitCode: saved.exitCode ?? 0, lines: saved.stderr ? [saved.stderr] : [] }, options),
      );
      const stdout = saved.chunkBytes
        ? piecewise(saved.archive, saved.chunkBytes, saved.onRead)
        : Readable.from([saved.archive]);
      return { stdout, done };
    },
  };
  return {
    engine,
    docker: createDocker(engine),
    calls,
    dockerCalls: () => calls.filter(([tool]) => tool === 'docker').map(([, args]) => args),
  };
}

/** An engine whose daemon is down: every docker command fails the way the CLI does. */
export function deadEngine(): FakeEngine {
  const down = { exitCode: 1, lines: [DAEMON_DOWN] };
  const fake = fakeEngine({
    docker: () => down,
    save: () => ({ archive: Buffer.alloc(0), exitCode: 1, stderr: DAEMON_DOWN }),
  });
  return fake;
}
