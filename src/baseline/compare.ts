// STUB: owned by the size work (issue 4); replace wholesale.
import type { BuildPlan } from '../build/plan.js';
import type { Log } from '../build/execute.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Inputs } from '../inputs.js';
import type { BaseComparison } from '../report/model.js';
import type { Engine } from '../seams/engine.js';
import type { EventContext } from '../seams/runner.js';

export interface BaselineArgs {
  engine: Engine;
  log: Log;
  inputs: Inputs;
  event: EventContext;
  model: DockerfileModel;
  plan: BuildPlan;
  backend: 'buildx' | 'buildkit';
}

/** Builds and measures the target at the base commit (or reuses a cached base report). */
export async function measureBase(args: BaselineArgs): Promise<BaseComparison> {
  return { status: 'disabled', message: args.inputs.compare ? 'not implemented' : 'compare is false' };
}
