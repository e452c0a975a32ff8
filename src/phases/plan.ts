/**
 * Phase 2, plan: which stages to build, the target and the test stage (build/plan.ts decides). No
 * plan without a Dockerfile, or when an input was bad.
 */
import { planBuilds, type BuildPlan } from '../build/plan.js';
import { jobErrorOf, type JobError } from './context.js';
import type { JobStart } from './read.js';

export interface JobPlan {
  plan?: BuildPlan;
  errors: JobError[];
}

export function planJob(start: JobStart): JobPlan {
  if (!start.model || start.badInputs) return { errors: [] };
  try {
    return { plan: planBuilds(start.model, start.inputs), errors: [] };
  } catch (err) {
    return { errors: [jobErrorOf('inputs', err)] };
  }
}
