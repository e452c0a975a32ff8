/**
 * The test gate's pure parts: which command the test image runs, and where a failing step is in the
 * Dockerfile.
 *
 * When is the test image run? Only when the test stage itself sets CMD or ENTRYPOINT. A test stage
 * usually starts `FROM build` or `FROM <runtime image>`, and the command it would inherit is the
 * application (a server that never exits) or the base image's shell: running that is not what anyone
 * means by "run the tests". A stage that writes `CMD ["npm", "test"]` says exactly that, so that is
 * run, once, after the build (`docker run --rm`). The container keeps Docker's default network, like
 * the stage's own RUN steps had: `--network none` would add no protection (the RUN steps already ran
 * with network) and would break tests that expect the network a plain `docker run` gives them.
 */
import type { DockerInstruction } from '../dockerfile/instructions.js';
import type { StageGraph } from '../dockerfile/types.js';
import { findStage } from '../dockerfile/graph.js';
import type { StepFailure } from './progress.js';

export interface StageCommand {
  /** The CMD/ENTRYPOINT instructions as written, e.g. `ENTRYPOINT ["x"] CMD ["y"]`. */
  command: string;
  /** Line of the instruction that decides what runs (ENTRYPOINT when set, else CMD). */
  line: number;
}

/** An instruction's text as written, continuation lines joined and whitespace collapsed. */
export function instructionText(text: string, ins: DockerInstruction): string {
  const lines = text.split(/\r?\n/);
  return normalize(lines.slice(ins.line - 1, ins.endLine).join('\n'));
}

function normalize(s: string): string {
  return s
    .replace(/[\\`]\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The CMD/ENTRYPOINT the stage sets itself (the last of each wins, as in Docker), if any. */
export function ownCommand(text: string, graph: StageGraph, index: number): StageCommand | undefined {
  // ONBUILD triggers left out: they set nothing for this stage's own image.
  const instructions = graph.stages[index].steps.filter((i) => !i.onbuild);
  const last = (keyword: string) => [...instructions].reverse().find((i) => i.keyword === keyword);
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  if (!entrypoint && !cmd) return undefined;
  const parts = [entrypoint, cmd].filter((i): i is DockerInstruction => i !== undefined);
  return {
    command: parts.map((i) => instructionText(text, i)).join(' '),
    line: (entrypoint ?? cmd)!.line,
  };
}

/**
 * The stage index a BuildKit step label names: a stage name, `stage-N` for unnamed stages, or ''
 * (one-stage builds), which is the target being built.
 */
export function stageOfStep(
  graph: StageGraph,
  label: string | undefined,
  target: number,
): number | undefined {
  if (label === undefined || label === '') return target;
  const unnamed = /^stage-(\d+)$/.exec(label);
  if (unnamed) return Number(unnamed[1]);
  return findStage(graph, label)?.index;
}

/** The Dockerfile line of a failing step: the instruction in its stage whose text BuildKit shows. */
export function locateStep(
  text: string,
  graph: StageGraph,
  failure: Pick<StepFailure, 'command' | 'stage'>,
  target: number,
): { stage?: number; line?: number } {
  const stage = stageOfStep(graph, failure.stage, target);
  if (stage === undefined || !graph.stages[stage]) return {};
  const wanted = normalize(failure.command);
  const candidates = graph.stages[stage].steps.map((i) => ({
    line: i.line,
    text: instructionText(text, i),
  }));
  const exact = candidates.find((c) => c.text === wanted);
  if (exact) return { stage, line: exact.line };
  // BuildKit may shorten long step names; a unique prefix still tells the line.
  const prefix = wanted.replace(/\.\.\.$/, '').slice(0, 60);
  const starts = candidates.filter((c) => c.text.startsWith(prefix));
  return starts.length === 1 ? { stage, line: starts[0].line } : { stage };
}
