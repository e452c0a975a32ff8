/**
 * The final stage copies more than the build produced: the whole working tree of a build stage
 * (`COPY --from=build /app /app`: sources, build inputs, dev dependencies) or a node_modules that still
 * holds devDependencies. Multi-stage builds exist to leave those behind.
 *
 * What a build stage holds is read from its instructions: where `COPY . <dir>` put the build context,
 * whether a RUN built something (go build, npm run build, mvn package...) and whether a Node.js install
 * brought devDependencies that were not pruned afterwards.
 */
import type { DockerInstruction as Instruction } from '../../dockerfile/instructions.js';
import type { Stage, StageGraph } from '../../dockerfile/types.js';
import type { Rule, RuleContext, RuleHit } from '../types.js';
import {
  installsNodeDevDependencies,
  isBuildStep,
  removesNodeDevDependencies,
  runCommands,
} from './package-commands.js';
import {
  copiesWholeContext,
  copyPaths,
  endLineOf,
  flagValue,
  isSameOrAncestor,
  keywordOf,
  lineOf,
  resolvePath,
  stageChain,
  stageLabel,
  targetStage,
  targetsDevOrToolingImage,
  workdirTracker,
} from './stage-facts.js';

interface StageContents {
  /** Directories the build context was copied into. */
  contextDirs: string[];
  /** True when a RUN compiled or bundled something. */
  built: boolean;
  /** Directories holding a node_modules with devDependencies (install dir, not pruned later). */
  devDependencyDirs: string[];
}

/** True when an ENV in the instructions so far sets NODE_ENV=production (npm/yarn then skip devDependencies). */
function setsNodeEnvProduction(instruction: Instruction): boolean {
  if (keywordOf(instruction) !== 'ENV') return false;
  return (instruction.properties ?? []).some(
    (p) => p.name === 'NODE_ENV' && /^["']?production/.test(p.value ?? ''),
  );
}

const contentsCache = new WeakMap<Stage, StageContents>();

/**
 * What a stage holds, read from its FROM chain; once per stage: both rules ask it for every COPY
 * --from of the final stage, and many copy from one build stage. The result is not to be changed.
 */
function contentsOf(graph: StageGraph, stage: Stage): StageContents {
  let contents = contentsCache.get(stage);
  if (!contents) {
    contents = stageContents(stageChain(graph, stage.index));
    contentsCache.set(stage, contents);
  }
  return contents;
}

function stageContents(stages: Stage[]): StageContents {
  const contents: StageContents = { contextDirs: [], built: false, devDependencyDirs: [] };
  const workdir = workdirTracker(stages[0]?.base);
  let nodeEnvProduction = false;
  for (const instruction of stages.flatMap((s) => s.steps)) {
    workdir.apply(instruction);
    if (keywordOf(instruction) === 'FROM') nodeEnvProduction = false;
    if (setsNodeEnvProduction(instruction)) nodeEnvProduction = true;
    if (copiesWholeContext(instruction)) {
      const dest = copyPaths(instruction)?.dest;
      if (dest && !dest.includes('$')) contents.contextDirs.push(resolvePath(dest, workdir.current));
      continue;
    }
    for (const command of runCommands(instruction)) {
      if (isBuildStep(command)) contents.built = true;
      if (installsNodeDevDependencies(command, nodeEnvProduction))
        contents.devDependencyDirs.push(workdir.current);
      else if (removesNodeDevDependencies(command)) {
        contents.devDependencyDirs = contents.devDependencyDirs.filter((d) => d !== workdir.current);
      }
    }
  }
  return contents;
}

/** Each `COPY --from=<stage>` in the final stage's chain, with the source stage and its paths. */
function copiesIntoFinal(ctx: RuleContext): { instruction: Instruction; source: Stage; paths: string[] }[] {
  const target = targetStage(ctx);
  if (!target || targetsDevOrToolingImage(ctx)) return [];
  const found: { instruction: Instruction; source: Stage; paths: string[] }[] = [];
  for (const stage of stageChain(ctx.model.graph, target.index)) {
    for (const instruction of stage.steps) {
      if (keywordOf(instruction) !== 'COPY' || flagValue(instruction, 'from') === undefined) continue;
      const edge = stage.edges.find((e) => e.kind === 'copy' && e.line === lineOf(instruction));
      const source = edge?.stage !== undefined ? ctx.model.graph.stages[edge.stage] : undefined;
      const paths = copyPaths(instruction);
      if (!source || !paths || paths.sources.some((p) => p.includes('$'))) continue;
      // `COPY --from=x / /` is hadolint's DL3067 (copy-whole-filesystem); one problem, one finding.
      if (paths.sources.length === 1 && paths.sources[0] === '/' && paths.dest === '/') continue;
      // COPY --from paths are relative to the source stage's root, not its WORKDIR.
      found.push({ instruction, source, paths: paths.sources.map((p) => resolvePath(p, '/')) });
    }
  }
  return found;
}

export const finalStageBuildTree: Rule = {
  id: 'final-stage-build-tree',
  severity: 'warning',
  description:
    "The final stage copies a build stage's whole working tree (sources, build inputs, dev dependencies); copy only the build output.",
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const copy of copiesIntoFinal(ctx)) {
      const contents = contentsOf(ctx.model.graph, copy.source);
      if (!contents.built && contents.devDependencyDirs.length === 0) continue;
      const path = copy.paths.find((p) => contents.contextDirs.some((dir) => isSameOrAncestor(p, dir)));
      if (path === undefined) continue;
      const holds = contents.built ? 'its sources and build inputs' : 'its sources and devDependencies';
      hits.push({
        line: lineOf(copy.instruction),
        endLine: endLineOf(copy.instruction),
        message: `\`COPY --from=${copy.source.name ?? copy.source.index} ${path}\` copies the whole working tree of stage ${stageLabel(copy.source)} (${holds}) into the final image; copy only what runs: the build output (a dist/ folder, a jar, a binary) and production dependencies.`,
      });
    }
    return hits;
  },
};

export const finalStageDevDependencies: Rule = {
  id: 'final-stage-dev-dependencies',
  severity: 'warning',
  description:
    'The final stage copies node_modules from a stage that installed devDependencies; install with `npm ci --omit=dev` (or `npm prune --omit=dev`) before copying.',
  aliases: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const copy of copiesIntoFinal(ctx)) {
      const contents = contentsOf(ctx.model.graph, copy.source);
      if (contents.devDependencyDirs.length === 0) continue;
      // The whole tree is final-stage-build-tree's finding already.
      if (copy.paths.some((p) => contents.contextDirs.some((dir) => isSameOrAncestor(p, dir)))) continue;
      const path = copy.paths.find((p) =>
        contents.devDependencyDirs.some((dir) =>
          isSameOrAncestor(p, `${dir === '/' ? '' : dir}/node_modules`),
        ),
      );
      if (path === undefined) continue;
      hits.push({
        line: lineOf(copy.instruction),
        endLine: endLineOf(copy.instruction),
        message: `\`COPY --from=${copy.source.name ?? copy.source.index} ${path}\` ships node_modules with devDependencies: stage ${stageLabel(copy.source)} installed them and did not prune. Run \`npm prune --omit=dev\` there after the build, or install production dependencies in a separate stage with \`npm ci --omit=dev\`.`,
      });
    }
    return hits;
  },
};
