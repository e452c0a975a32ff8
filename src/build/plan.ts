/**
 * What to build, decided from the stage graph and the inputs before anything runs. Pure.
 *
 * BuildKit builds only what the target needs, so a `test` stage nobody targets never runs: stagegate
 * builds every stage listed in `stages` (default: every named stage), the test stage and the target,
 * each once. Stages that another planned stage needs are ordered first by the scheduler, so their
 * steps run once and the later build finds them in the cache.
 */
import { findStage, stageLabel, transitiveDependencies } from '../dockerfile/graph.js';
import type { DockerfileModel, Stage, StageGraph } from '../dockerfile/types.js';
import { UserError } from '../errors.js';
import type { Inputs } from '../inputs.js';

export interface BuildPlan {
  /** Index of the target stage (the `target` input, else the last stage). */
  target: number;
  /** Index of the test stage, when the gate is on. */
  testStage?: number;
  /** Every stage index to build (target, test, `stages`), each exactly once, in index order. */
  stages: number[];
  /** Why there is no test stage (gate turned off, or the Dockerfile has none), for the report. */
  testSkipReason?: string;
}

/** The test stage name stagegate looks for when the user did not choose one (action.yml's default). */
export const DEFAULT_TEST_STAGE = 'test';

function existing(graph: StageGraph): string {
  const names = graph.stages.map((s) => (s.name === undefined ? `${s.index} (unnamed)` : s.name));
  return names.join(', ');
}

/**
 * Resolves a stage named in an input: its `AS` name (any case) or its index. Returns a problem text
 * instead of throwing, so every bad input is reported at once.
 */
function resolve(graph: StageGraph, input: string, value: string): Stage | string {
  if (value.startsWith('-'))
    return `Input '${input}' is '${value}': a stage name cannot start with '-'. Stages in the Dockerfile: ${existing(graph)}.`;
  const stage = findStage(graph, value);
  if (stage && stage.name === undefined && stage.index !== graph.stages.length - 1)
    return `Input '${input}' is '${value}', a stage without a name: BuildKit can only build a named stage (or the last one) on its own. Add 'AS <name>' to its FROM on line ${stage.line} and use that name.`;
  if (stage) return stage;
  return `Input '${input}' names stage '${value}', which the Dockerfile does not have. Stages in the Dockerfile: ${existing(graph)}.`;
}

/** Decides what to build. Throws UserError naming unknown stages and listing the ones that exist. */
export function planBuilds(model: DockerfileModel, inputs: Inputs): BuildPlan {
  const { graph } = model;
  if (graph.stages.length === 0) {
    const line = model.instructions[0]?.line;
    throw new UserError(
      `${model.file} has no FROM instruction, so there is no stage to build. Start each stage with FROM <image> [AS <name>].`,
      'dockerfile',
      { file: model.file, line },
    );
  }
  const problems: string[] = [];
  const pick = (input: string, value: string): Stage | undefined => {
    const r = resolve(graph, input, value);
    if (typeof r === 'string') {
      problems.push(r);
      return undefined;
    }
    return r;
  };

  const target =
    inputs.target === undefined ? graph.stages[graph.stages.length - 1] : pick('target', inputs.target);

  let testStage: Stage | undefined;
  let testSkipReason: string | undefined;
  const testName = inputs['test-stage'];
  if (testName === undefined) {
    testSkipReason = "the test gate is off ('test-stage' is empty)";
  } else if (testName.toLowerCase() === DEFAULT_TEST_STAGE && !findStage(graph, testName)) {
    // The default name is a convention, not a demand: a Dockerfile without a test stage is fine.
    testSkipReason = `${model.file} has no stage named '${testName}'; set 'test-stage' to your test stage's name to gate on it`;
  } else {
    testStage = pick('test-stage', testName);
  }

  const listed = inputs.stages.length
    ? inputs.stages.map((s) => pick('stages', s))
    : graph.stages.filter((s) => s.name !== undefined);

  if (problems.length) throw new UserError(problems.join('\n'), 'inputs');
  if (!target) throw new Error('planBuilds: no target stage'); // unreachable: a problem was recorded

  const stages = new Set<number>([target.index]);
  if (testStage) stages.add(testStage.index);
  for (const s of listed) if (s) stages.add(s.index);
  return {
    target: target.index,
    testStage: testStage?.index,
    stages: [...stages].sort((a, b) => a - b),
    testSkipReason,
  };
}

/**
 * For each planned stage, the planned stages it must wait for: those it needs directly or through
 * stages that are not planned themselves. Waiting for them means their steps run once, in their own
 * build, and this build finds them in the cache.
 */
export function plannedDependencies(graph: StageGraph, plan: BuildPlan): Map<number, number[]> {
  const planned = new Set(plan.stages);
  return new Map(
    plan.stages.map((i) => [i, transitiveDependencies(graph, i).filter((d) => planned.has(d))] as const),
  );
}

/** The stage's label for logs and the report: its name as written, or its index. */
export function planLabel(model: DockerfileModel, index: number): string {
  return stageLabel(model.graph.stages[index]);
}
