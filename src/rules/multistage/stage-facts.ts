/**
 * Facts about stages that several multi-stage rules share: which stages a build reaches, the FROM
 * chain of a stage, where instructions are, what COPY copies and what an image reference names.
 * Pure functions over the parsed model; no rule logic here.
 */
import { splitImage, type DockerInstruction } from '../../dockerfile/instructions.js';
import type { Stage, StageGraph } from '../../dockerfile/types.js';
import { transitiveDependencies } from '../../dockerfile/graph.js';
import type { RuleContext } from '../types.js';

/** One instruction of the typed model (src/dockerfile/instructions.ts). */
export type Instruction = DockerInstruction;

/** 1-based first and last line of an instruction. */
export function lineOf(instruction: Instruction): number {
  return instruction.line;
}

export function endLineOf(instruction: Instruction): number {
  return instruction.endLine;
}

/**
 * Upper-case keyword; `ONBUILD` for an ONBUILD trigger: these rules judge what the image itself runs,
 * and a trigger runs only in images built FROM it.
 */
export function keywordOf(instruction: Instruction): string {
  return instruction.onbuild ? 'ONBUILD' : instruction.keyword;
}

/** The stage the build produces; undefined for a file without FROM. */
export function targetStage(ctx: RuleContext): Stage | undefined {
  const stages = ctx.model.graph.stages;
  return stages[ctx.target] ?? stages[stages.length - 1];
}

/** How a stage is called in messages: `build`, or `#2 (line 14)` for an unnamed one. */
export function stageLabel(stage: Stage): string {
  return stage.name !== undefined ? `\`${stage.name}\`` : `#${stage.index} (line ${stage.line})`;
}

/** "the final stage `runtime`", or just "the final stage" when it has no name (its line is the finding's). */
export function finalStageLabel(stage: Stage, sentenceStart = false): string {
  const label = stage.name !== undefined ? `the final stage \`${stage.name}\`` : 'the final stage';
  return sentenceStart ? `T${label.slice(1)}` : label;
}

/** The stage and the stages it is built FROM, root first (`FROM build AS final` -> [build, final]). */
export function stageChain(graph: StageGraph, index: number): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let current: Stage | undefined = graph.stages[index];
  while (current && !seen.has(current.index)) {
    seen.add(current.index);
    chain.unshift(current);
    current = current.parent !== undefined ? graph.stages[current.parent] : undefined;
  }
  return chain;
}

/** Stages a build of `roots` needs: the roots, their FROM parents and every stage they COPY or mount from. */
export function reachableStages(graph: StageGraph, roots: readonly number[]): Set<number> {
  const reached = new Set<number>();
  for (const root of roots) {
    if (graph.stages[root] === undefined) continue;
    reached.add(root);
    for (const dep of transitiveDependencies(graph, root)) reached.add(dep);
  }
  return reached;
}

/** Instructions of a stage's chain, root stage first: what the stage's filesystem was built by. */
export function chainInstructions(graph: StageGraph, index: number): Instruction[] {
  return stageChain(graph, index).flatMap((s) => s.steps);
}

/** The flags of an instruction that takes them (`--from=build` -> from/build); value null when valueless. */
export function flagsOf(instruction: Instruction): readonly { name: string; value: string | null }[] {
  return instruction.flags;
}

export function flagValue(instruction: Instruction, name: string): string | undefined {
  const flag = instruction.flags.find((f) => f.name === name);
  return flag ? (flag.value ?? undefined) : undefined;
}

/** Sources and destination of a COPY/ADD (shell words, quotes removed; JSON form read too); undefined for heredocs. */
export function copyPaths(instruction: Instruction): { sources: string[]; dest: string } | undefined {
  const copy = instruction.copy;
  if (!copy || copy.heredoc || copy.sources.length === 0) return undefined;
  return { sources: copy.sources, dest: copy.dest };
}

/** True for a source that means the whole build context: `.`, `./`, `*`, `./*`. */
export function isWholeContext(source: string): boolean {
  return /^(\.\/?|\.?\/?\*|\.\/\.)$/.test(source);
}

/** A COPY/ADD (not `--from`) that sends the whole build context into the image. */
export function copiesWholeContext(instruction: Instruction): boolean {
  const keyword = keywordOf(instruction);
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  if (flagValue(instruction, 'from') !== undefined) return false;
  const paths = copyPaths(instruction);
  return paths !== undefined && paths.sources.some(isWholeContext);
}

/** Normalises an absolute-or-relative container path against a working directory. */
export function resolvePath(path: string, workdir: string): string {
  const joined = path.startsWith('/') ? path : `${workdir}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** True when `ancestor` is `path` or a directory above it. */
export function isSameOrAncestor(ancestor: string, path: string): boolean {
  return ancestor === path || ancestor === '/' || path.startsWith(`${ancestor}/`);
}

/** WORKDIRs official images set (Docker's default is `/`): `FROM golang` then `COPY . .` lands in /go. */
const IMAGE_WORKDIRS: Record<string, string> = { golang: '/go' };

/** WORKDIR in effect after each instruction of a sequence, starting from the base image's. */
export function workdirTracker(baseImage = ''): {
  apply(instruction: Instruction): void;
  readonly current: string;
} {
  let current = IMAGE_WORKDIRS[parseImageRef(baseImage).name] ?? '/';
  return {
    apply(instruction: Instruction) {
      if (keywordOf(instruction) !== 'WORKDIR') return;
      const dir = instruction.argsText.trim();
      if (dir && !dir.includes('$')) current = resolvePath(dir, current);
    },
    get current() {
      return current;
    },
  };
}

export interface ImageRef {
  /** Repository without registry prefix for Docker Hub official images (`node`, `bitnami/node`, `gcr.io/x/y`). */
  name: string;
  tag: string;
  digest?: string;
}

/**
 * Splits `docker.io/library/node:20-slim@sha256:...` into name `node`, tag `20-slim` and the digest.
 * Docker Hub prefixes and `.../library/` mirrors (public.ecr.aws/docker/library, mirror.gcr.io/library) are
 * dropped so official images compare by their short name.
 */
export function parseImageRef(reference: string): ImageRef {
  const { repository, tag = '', digest } = splitImage(reference.trim());
  let name = repository.toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  const library = name.lastIndexOf('library/');
  if (library !== -1 && (library === 0 || name[library - 1] === '/'))
    name = name.slice(library + 'library/'.length);
  return { name, tag, ...(digest !== undefined ? { digest } : {}) };
}

/** The stage a `COPY --from`/mount edge on this line names, if the graph resolved one. */
export function edgeStageAt(
  stage: Stage,
  line: number,
  kind: 'copy' | 'mount',
): Stage['edges'][number] | undefined {
  return stage.edges.find((e) => e.kind === kind && e.line === line);
}

/** Stage names of development, debugging and tooling images (`dev`, `dev-envs`, `lint`). */
const DEV_OR_TOOLING =
  /(^|[-_.])(dev|devel|develop|development|devcontainer|dev-envs|debug|tilt|lint|test|tests|e2e|check|validate|generate|gen|genproto|update|vendor|docs|ci)($|[-_.])/i;

/**
 * True when the build produces a development or tooling image: the target stage is the test stage
 * the config gates on, or the Dockerfile names the target stage so (`AS dev`). Such images are meant
 * to carry SDKs, run as root and hold dev dependencies, so the rules about what a shipped image should
 * not contain stay quiet on them. Judged from the stage graph and the config only, never from the
 * Dockerfile's path: a checkout folder named `lint` or `docs` says nothing about the image.
 */
export function targetsDevOrToolingImage(ctx: RuleContext): boolean {
  const target = targetStage(ctx);
  if (!target) return false;
  if (ctx.testStage !== undefined && ctx.testStage === target.index) return true;
  return target.name !== undefined && DEV_OR_TOOLING.test(target.name);
}

/** Windows base images: their users, paths and caches follow other rules. */
export function isWindowsImage(reference: string): boolean {
  return /windows|nanoserver|servercore|ltsc\d/i.test(reference);
}

/**
 * The target's FROM chain when the build ships an image (not a dev/tooling one) that starts from a
 * known image: the chain's first stage has a resolved base with no unset build argument in it.
 * The rules about what a shipped image runs on, or as, read their facts from here.
 */
export function shippedImageChain(
  ctx: RuleContext,
): { target: Stage; chain: Stage[]; root: Stage } | undefined {
  const target = targetStage(ctx);
  if (!target || targetsDevOrToolingImage(ctx)) return undefined;
  const chain = stageChain(ctx.model.graph, target.index);
  const root = chain[0];
  if (!root || root.parent !== undefined || root.base === '' || root.base.includes('$')) return undefined;
  return { target, chain, root };
}

/**
 * Whether a stage's layers ship in an image people run: the stage is in the target's FROM chain, the
 * target is not a development or tooling image (targetsDevOrToolingImage), and the chain sets its
 * own CMD or ENTRYPOINT (a service or a tool, not a test runner, codegen or base image started with a
 * command from outside). What a RUN of such a stage leaves behind (package indexes) is in every pull.
 */
export function shipsInRunnableTarget(ctx: RuleContext, stageIndex: number): boolean {
  const target = targetStage(ctx);
  if (!target || stageIndex < 0 || targetsDevOrToolingImage(ctx)) return false;
  const chain = stageChain(ctx.model.graph, target.index);
  const runs = chain.some((s) =>
    s.steps.some((i) => !i.onbuild && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')),
  );
  return runs && chain.some((s) => s.index === stageIndex);
}
