// STUB: owned by the build work (issue 3); replace wholesale.
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Inputs } from '../inputs.js';
import type { StageBuild, TestResult } from '../report/model.js';
import type { Engine } from '../seams/engine.js';
import type { Runner } from '../seams/runner.js';
import type { BuildPlan } from './plan.js';

export type Log = Pick<Runner, 'debug' | 'info' | 'notice' | 'warning' | 'group'>;

export interface BuildOutcome {
  backend: 'buildx' | 'buildkit';
  builds: StageBuild[];
  test: TestResult;
  /** Image id of the built target, loaded into the engine, when it built. */
  targetImage?: string;
}

export async function executePlan(
  _engine: Engine,
  _log: Log,
  _plan: BuildPlan,
  _model: DockerfileModel,
  _inputs: Inputs,
): Promise<BuildOutcome> {
  throw new Error('executePlan: not implemented');
}
