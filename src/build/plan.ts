// STUB: owned by the build work (issue 3); replace wholesale.
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Inputs } from '../inputs.js';

export interface BuildPlan {
  /** Index of the target stage (the `target` input, else the last stage). */
  target: number;
  /** Index of the test stage, when the gate is on. */
  testStage?: number;
  /** Every stage index to build (target, test, `stages`), each exactly once. */
  stages: number[];
}

/** Decides what to build. Throws UserError naming unknown stages and listing the ones that exist. */
export function planBuilds(_model: DockerfileModel, _inputs: Inputs): BuildPlan {
  throw new Error('planBuilds: not implemented');
}
