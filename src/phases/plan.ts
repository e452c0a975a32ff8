/**
 * Phase 2, plan: which stages to build, the target and the test stage (build/plan.ts decides). No
 * plan without a Dockerfile, when an input was bad, or when BuildKit would refuse the file (two
 * stages of one name: linted, never built).
 */
import { planBuilds, type BuildPlan } from '../build/plan.js';
import { refuseDuplicateStageNames } from '../dockerfile/load.js';
import { jobErrorOf, type JobError } from './context.js';
import type { JobStart } from './read.js';

export interface JobPlan {
  plan?: BuildPlan;
  errors: JobError[];
}

export function planJob(start: JobStart): JobPlan {
  if (!start.model || start.badInputs) return { errors: [] };
  try {
    refuseDuplicateStageNames(start.model);
  } catch (err) {
    // The lint still runs (it reports DuplicateStageName); only the build is refused.
    return { errors: [jobErrorOf('dockerfile', err)] };
  }
  try {
    return { plan: planBuilds(start.model, start.inputs), errors: [] };
  } catch (err) {
    return { errors: [jobErrorOf('inputs', err)] };
  }
}
