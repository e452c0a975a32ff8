import type { BuildPlan } from '../build/plan.js';
import type { BuildOutcome } from '../build/execute.js';
import type { DockerfileModel } from '../dockerfile/types.js';
import type { Finding } from '../rules/types.js';
import { VERSION } from '../version.js';
import {
  REPORT_SCHEMA_VERSION,
  type BaseComparison,
  type BudgetResult,
  type EngineFacts,
  type FindingsBaseline,
  type ImageMeasurement,
  type Report,
  type ReportError,
  type SizeDelta,
  type StageInfo,
} from '../model.js';

export interface ReportParts {
  dockerfile: string;
  context: string;
  source: Report['source'];
  model?: DockerfileModel;
  plan?: BuildPlan;
  outcome?: BuildOutcome;
  image?: ImageMeasurement;
  base?: BaseComparison;
  delta?: SizeDelta;
  budgets?: BudgetResult[];
  findings?: Finding[];
  findingsBaseline?: FindingsBaseline;
  lintNotes?: string[];
  engine?: EngineFacts;
  errors: ReportError[];
}

function stageLabel(model: DockerfileModel, index: number): string {
  const s = model.graph.stages[index];
  return s?.name ?? String(index);
}

function stageInfos(model: DockerfileModel, plan: BuildPlan | undefined): StageInfo[] {
  return model.graph.stages.map((s) => {
    const dependsOn = [...new Set(s.edges.flatMap((e) => (e.stage === undefined ? [] : [e.stage])))].sort(
      (a, b) => a - b,
    );
    let role: StageInfo['role'] = 'unbuilt';
    if (plan?.target === s.index) role = 'target';
    else if (plan?.testStage === s.index) role = 'test';
    else if (plan?.stages.includes(s.index)) role = 'stage';
    return {
      index: s.index,
      name: s.name,
      base: s.parent !== undefined ? `stage:${stageLabel(model, s.parent)}` : s.base,
      line: s.line,
      endLine: s.endLine,
      dependsOn,
      role,
    };
  });
}

/** The test verdict when nothing was built: no verdict when the engine could not be reached. */
function noTestRun(errors: ReportError[]): Report['test'] {
  if (errors.some((e) => e.step === 'engine'))
    return { result: 'error', reason: 'the Docker engine could not be reached, so nothing was built' };
  return { result: 'skipped', reason: 'nothing was built' };
}

/** Puts the pieces a run produced into the report; missing pieces stay empty, never invented. */
export function assembleReport(parts: ReportParts): Report {
  const { model, plan, outcome } = parts;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'stagegate', version: VERSION },
    dockerfile: parts.dockerfile,
    context: parts.context,
    target: model && plan ? stageLabel(model, plan.target) : undefined,
    source: parts.source,
    stages: model ? stageInfos(model, plan) : [],
    builds: outcome?.builds ?? [],
    test: outcome?.test ?? noTestRun(parts.errors),
    image: parts.image,
    base: parts.base ?? { status: 'disabled' },
    delta: parts.delta,
    budgets: parts.budgets ?? [],
    findings: parts.findings ?? [],
    ...(parts.findingsBaseline ? { findingsBaseline: parts.findingsBaseline } : {}),
    ...(parts.lintNotes?.length ? { lintNotes: parts.lintNotes } : {}),
    ...(parts.engine ? { engine: parts.engine } : {}),
    errors: parts.errors,
  };
}
