/**
 * Stages no build of this Dockerfile uses. A plain `docker build` builds only the target and what it
 * needs (BuildKit skips the rest), so an unreachable stage is dead code unless stagegate builds it on
 * purpose: the test stage and the stages listed in the `stages` input count as used.
 */
import type { Stage } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../types.js';
import { reachableStages, stageLabel, targetStage } from './stage-facts.js';

export const unreachableStage: Rule = {
  id: 'unreachable-stage',
  severity: 'info',
  description:
    'A stage neither the target, the test stage nor the `stages` input needs; `docker build` skips it. Remove it, or list it in `stages` if it is built on purpose.',
  aliases: [],
  check(ctx) {
    const target = targetStage(ctx);
    if (!target) return [];
    const roots = [target.index, ...ctx.builtStages, ...(ctx.testStage !== undefined ? [ctx.testStage] : [])];
    const graph = ctx.model.graph;
    const used = reachableStages(graph, roots);
    const unused = graph.stages.filter((s) => !used.has(s.index));
    // One finding per unused stage that nothing else needs (a leaf, usually an alternative target such as
    // `validate` or `release`), naming the unused stages only it pulls in: fewer, more useful lines.
    const neededByUnused = new Set(
      unused.flatMap((s) => [...reachableStages(graph, [s.index])].filter((i) => i !== s.index)),
    );
    const hits: RuleHit[] = [];
    for (const leaf of unused.filter((s) => !neededByUnused.has(s.index))) {
      const pulls = [...reachableStages(graph, [leaf.index])]
        .filter((i) => i !== leaf.index && !used.has(i))
        .sort((a, b) => a - b)
        .map((i) => stageLabel(graph.stages[i] as Stage));
      const also = pulls.length ? ` (nor are ${pulls.join(', ')}, which only it needs)` : '';
      hits.push({
        line: leaf.line,
        message: `Stage ${stageLabel(leaf)} is not needed by the target ${stageLabel(target)}, the test stage or the \`stages\` input${also}, so no build here runs it; remove it, or list it in \`stages\` if it is built on purpose.`,
      });
    }
    return hits;
  },
};

export const testStageNotInTarget: Rule = {
  id: 'test-stage-not-in-target',
  severity: 'info',
  description:
    'The test stage is not a dependency of the target: stagegate runs it, but a plain `docker build` skips it, so tests only run when targeted.',
  aliases: [],
  check(ctx) {
    const target = targetStage(ctx);
    const test = ctx.testStage !== undefined ? ctx.model.graph.stages[ctx.testStage] : undefined;
    if (!target || !test || test.index === target.index) return [];
    if (reachableStages(ctx.model.graph, [target.index]).has(test.index)) return [];
    return [
      {
        line: test.line,
        message: `Test stage ${stageLabel(test)} is not a dependency of the target ${stageLabel(target)}: stagegate builds and runs it, but \`docker build\` without \`--target ${test.name ?? test.index}\` skips it. Fine for stagegate; to make every build run the tests, COPY a file from it into the target.`,
      },
    ];
  },
};
