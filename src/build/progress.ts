/**
 * Reads BuildKit's `--progress=plain` output, line by line, into what the report needs: whether every
 * step came from cache, and which step failed with what output and exit code. Pure: feed it lines.
 *
 * The format (the same from Docker 20.10's built-in BuildKit to current buildx): each vertex has an
 * id `#N`; its first line names it (`#5 [build 2/3] RUN make`), later lines are `#5 0.123 <output>`,
 * `#5 CACHED`, `#5 DONE 0.2s` or `#5 ERROR: <message>`. Vertices of concurrent steps interleave.
 */
import { STEP_OUTPUT_LINES } from '../limits.js';

export interface Vertex {
  id: number;
  /** As BuildKit names it: `[build 2/3] RUN make`, `[internal] load build definition ...`. */
  name: string;
  /** The stage in the brackets (`build`, `stage-2`), when the vertex is a Dockerfile step. */
  stage?: string;
  /** The instruction text after the brackets (`RUN make`), when the vertex is a Dockerfile step. */
  command?: string;
  cached: boolean;
  done: boolean;
  error?: string;
  /** Output lines of the step, without the `#N 0.123` prefix. */
  output: string[];
}

export interface StepFailure {
  /** The instruction as BuildKit names it, e.g. `RUN sh ./test.sh` (empty when no step failed). */
  command: string;
  /** The stage it belongs to, as BuildKit names it (`test`, `stage-2`, or '' for a one-stage build). */
  stage?: string;
  exitCode?: number;
  /** The failing step's own output. */
  output: string[];
  /** BuildKit's error message. */
  message: string;
}

const HEADER = /^#(\d+) (.*)$/;
const TIMED = /^\d+(?:\.\d+)? (.*)$/;
const STEP = /^\[(?:(\S+) )?\d+\/\d+\] (.*)$/;
const EXIT_CODE = /exit code: (\d+)/;
/** BuildKit's last word on a failed build, which repeats the failing vertex's error. */
const SOLVE_FAILED = /failed to solve:/;
/** Cache transfers BuildKit reports as errors but builds past (a cache that is not there yet). */
const BEST_EFFORT_CACHE = /^(importing cache manifest from|exporting cache)\b/;
const OUTPUT_LINES = STEP_OUTPUT_LINES;

/** A Dockerfile step other than FROM (see fullyCached). */
function isOwnStep(v: Vertex): boolean {
  return v.command !== undefined && !/^FROM\b/i.test(v.command);
}

/**
 * Whether every step of the given stages came from cache, judged over the output of several builds
 * that ran at the same time. BuildKit runs a step that concurrent builds share once and may show it in
 * only one of their outputs, so one build's output can lack steps it needed. A step counts as cached
 * when some output shows it CACHED and none shows it run. `stages` are BuildKit's bracket names
 * (`build`, `stage-2`), compared case-insensitively. Undefined when no output shows any such step.
 */
export function cachedAcrossBuilds(outputs: Vertex[][], stages: ReadonlySet<string>): boolean | undefined {
  const seen = new Set<string>();
  const cached = new Set<string>();
  const ran = new Set<string>();
  for (const v of outputs.flat()) {
    if (!isOwnStep(v) || !stages.has((v.stage ?? '').toLowerCase())) continue;
    seen.add(v.name);
    if (v.cached) cached.add(v.name);
    else if (v.done || v.error !== undefined) ran.add(v.name);
  }
  if (seen.size === 0) return undefined;
  return [...seen].every((name) => cached.has(name) && !ran.has(name));
}

export class ProgressParser {
  private readonly vertices = new Map<number, Vertex>();
  private readonly order: Vertex[] = [];
  /** Lines that belong to no vertex (e.g. the final `ERROR: failed to solve: ...`). */
  readonly loose: string[] = [];

  push(line: string): void {
    const m = HEADER.exec(line);
    if (!m) {
      if (line.trim()) {
        this.loose.push(line);
        if (this.loose.length > OUTPUT_LINES) this.loose.shift();
      }
      return;
    }
    const id = Number(m[1]);
    const rest = m[2];
    let v = this.vertices.get(id);
    if (!v) {
      const step = STEP.exec(rest);
      v = {
        id,
        name: rest,
        stage: step?.[1] ?? (step ? '' : undefined),
        command: step?.[2],
        cached: false,
        done: false,
        output: [],
      };
      this.vertices.set(id, v);
      this.order.push(v);
      return;
    }
    if (rest === v.name || rest.startsWith('sha256:')) return; // repeated header, or the digest line
    if (rest === 'CACHED') v.cached = true;
    else if (/^DONE\b/.test(rest)) v.done = true;
    else if (rest.startsWith('ERROR')) v.error = rest.replace(/^ERROR:?\s*/, '');
    else if (rest === 'CANCELED' || rest.startsWith('CANCELED')) return;
    else {
      const t = TIMED.exec(rest);
      v.output.push(t ? t[1] : rest);
      if (v.output.length > OUTPUT_LINES) v.output.shift();
    }
  }

  /** Every vertex, in the order they first appeared. */
  steps(): Vertex[] {
    return [...this.order];
  }

  /**
   * True when every Dockerfile step came from cache. `FROM` steps are left out (BuildKit marks a local
   * base CACHED on the first build and DONE on later ones), as are internal vertices (loading the
   * context and the definition always runs). A build with no step at all is not "cached".
   */
  fullyCached(): boolean {
    const steps = this.order.filter(isOwnStep);
    return steps.length > 0 && steps.every((v) => v.cached);
  }

  /**
   * The step that failed the build, or undefined when none did. Not simply the first vertex with an
   * error: BuildKit reports a cache import that finds nothing (`importing cache manifest from …`, every
   * first run with a registry `cache-from`) as an error and builds on. The failing vertex is the one
   * whose error BuildKit's final `failed to solve:` line repeats; else the first Dockerfile step with
   * an error; else the first error that is not a best-effort cache transfer.
   */
  failure(): StepFailure | undefined {
    const errored = this.order.filter((v) => v.error !== undefined);
    if (errored.length === 0) return undefined;
    const solve = [...this.loose].reverse().find((l) => SOLVE_FAILED.test(l));
    const failed =
      (solve !== undefined ? errored.find((v) => v.error && solve.includes(v.error)) : undefined) ??
      errored.find((v) => v.command !== undefined) ??
      errored.find((v) => !BEST_EFFORT_CACHE.test(v.name)) ??
      errored[0];
    const code = EXIT_CODE.exec(failed.error ?? '');
    return {
      command: failed.command ?? failed.name,
      stage: failed.stage,
      exitCode: code ? Number(code[1]) : undefined,
      output: failed.output,
      message: failed.error ?? '',
    };
  }
}

/** Parses a whole log at once (tests, and builds whose output was collected first). */
export function parseProgress(lines: Iterable<string>): ProgressParser {
  const p = new ProgressParser();
  for (const l of lines) p.push(l);
  return p;
}
