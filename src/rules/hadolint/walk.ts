/**
 * How the hadolint-family rules see a Dockerfile: instructions in order, each with its 1-based lines
 * and stage, and `ONBUILD X` read as `X` (hadolint checks an ONBUILD trigger like the instruction
 * it wraps, so `ONBUILD RUN apt-get install foo` is flagged like the plain RUN).
 */
import type { DockerInstruction } from '../../dockerfile/instructions.js';
import type { DockerfileModel } from '../../dockerfile/types.js';
import type { ShellScript } from '../shell/script.js';
import type { Rule, RuleContext, RuleHit, Severity } from '../types.js';

export { wordValue } from '../../dockerfile/instructions.js';

/**
 * One instruction of the typed model (src/dockerfile/instructions.ts): an `ONBUILD X` trigger is its
 * own record with keyword X, `onbuild` set and the ONBUILD's lines.
 */
export type Step = DockerInstruction;

/** Every instruction of the file, ONBUILD triggers unwrapped. */
export function steps(model: DockerfileModel): readonly Step[] {
  return model.instructions;
}

/** A model's instructions by keyword (in file order), and its RUNs with scripts: indexed once per model. */
interface StepIndex {
  byKeyword: Map<string, Step[]>;
  runs?: ReadonlyArray<Step & { script: ShellScript }>;
}

const stepIndexes = new WeakMap<DockerfileModel, StepIndex>();

function stepIndexOf(model: DockerfileModel): StepIndex {
  let index = stepIndexes.get(model);
  if (!index) {
    const byKeyword = new Map<string, Step[]>();
    for (const s of model.instructions) {
      const list = byKeyword.get(s.keyword);
      if (list) list.push(s);
      else byKeyword.set(s.keyword, [s]);
    }
    index = { byKeyword };
    stepIndexes.set(model, index);
  }
  return index;
}

const NO_STEPS: readonly Step[] = [];

/** The instructions whose keyword is one of `keywords`, in file order (a list shared by every caller). */
export function stepsOf(ctx: RuleContext, ...keywords: string[]): readonly Step[] {
  const { byKeyword } = stepIndexOf(ctx.model);
  if (keywords.length === 1) return byKeyword.get(keywords[0] as string) ?? NO_STEPS;
  return ctx.model.instructions.filter((s) => keywords.includes(s.keyword));
}

/** RUN instructions with their parsed scripts (a list shared by every caller). */
export function runSteps(ctx: RuleContext): ReadonlyArray<Step & { script: ShellScript }> {
  const index = stepIndexOf(ctx.model);
  index.runs ??= (index.byKeyword.get('RUN') ?? NO_STEPS).filter(
    (s): s is Step & { script: ShellScript } => s.script !== undefined,
  );
  return index.runs;
}

export function hitAt(step: Step, message?: string): RuleHit {
  const hit: RuleHit = { line: step.line, endLine: step.endLine };
  if (message !== undefined) hit.message = message;
  return hit;
}

/** The instruction's arguments as written, continuations joined, quotes kept. */
export function argumentsText(step: Step): string {
  return step.argsText;
}

/** Text with one layer of surrounding quotes removed. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** The `--name=value` flags of an instruction (COPY --from, FROM --platform, RUN --mount...), names lower-cased. */
export function instructionFlags(step: Step): Array<{ name: string; value: string | null }> {
  // A fresh list without lines: callers sort and compare it; the model's own stays as it is.
  return step.flags.map(({ name, value }) => ({ name, value }));
}

/**
 * The verdict of a pinning rule: false when every package is pinned, else a message naming the
 * unpinned ones (at most five) and the form that pins them.
 */
export function unpinned(tool: string, packages: string[], form: string): string | false {
  if (packages.length === 0) return false;
  const shown = packages.slice(0, 5).map((p) => `\`${p}\``);
  const more = packages.length > 5 ? ` and ${packages.length - 5} more` : '';
  return `Pin versions in ${tool}: ${shown.join(', ')}${more} (use \`${form}\`).`;
}

export interface RunRuleSpec {
  id: string;
  severity: Severity;
  description: string;
  aliases: string[];
  layerHygiene?: boolean;
  /** True (or a specific message) when the RUN is at fault. */
  flags(script: ShellScript, step: Step): boolean | string;
}

/** A rule that judges each RUN on its own (most shell rules). */
export function runRule(spec: RunRuleSpec): Rule {
  return {
    id: spec.id,
    severity: spec.severity,
    description: spec.description,
    aliases: spec.aliases,
    ...(spec.layerHygiene ? { layerHygiene: true } : {}),
    check(ctx) {
      const hits: RuleHit[] = [];
      for (const run of runSteps(ctx)) {
        const verdict = spec.flags(run.script, run);
        if (verdict) hits.push(hitAt(run, typeof verdict === 'string' ? verdict : undefined));
      }
      return hits;
    },
  };
}

/** RUN `--mount=type=cache|tmpfs,target=<dir>` targets of a RUN: such mounts keep package caches out of the layer. */
export function cacheMountTargets(step: Step): string[] {
  return step.mounts.flatMap((m) =>
    (m.options.type === 'cache' || m.options.type === 'tmpfs') && m.target ? [m.target] : [],
  );
}

export function hasCacheMount(step: Step, dir: string): boolean {
  return cacheMountTargets(step).some((t) => t.replace(/\/+$/, '').startsWith(dir.replace(/\/+$/, '')));
}

/**
 * Whether what a RUN leaves in its layer ends up in a shipped image: the last stage, a stage another
 * FROM builds on, and ONBUILD triggers (they run in downstream images). A builder stage that is only
 * copied from does not ship its caches. hadolint's DL3009/DL3060 scoping.
 */
export function layerShips(model: DockerfileModel, step: Step): boolean {
  if (step.onbuild) return true;
  const { names, images } = stageTable(model);
  if (names.length === 0 || step.stage === names.length - 1) return true;
  const name = names[step.stage];
  return name !== undefined && images.some((image, i) => i > step.stage && image === name);
}

interface StageTable {
  /** Lower-cased `AS` name of each stage (undefined when unnamed). */
  names: Array<string | undefined>;
  /** Lower-cased image (or stage) each FROM names, as written. */
  images: string[];
  /** Stage index -> the earlier stage its FROM names, if any. */
  parents: Array<number | undefined>;
}

const stageTables = new WeakMap<DockerfileModel, StageTable>();

/** The FROMs of a file as hadolint reads them: names and images as written, lower-cased. */
export function stageTable(model: DockerfileModel): StageTable {
  let table = stageTables.get(model);
  if (!table) {
    const froms = model.instructions.filter((i) => i.keyword === 'FROM' && !i.onbuild);
    const names = froms.map((f) => f.from?.alias?.toLowerCase());
    const images = froms.map((f) => (f.from?.imageRaw ?? '').toLowerCase());
    const parents = images.map((image, i) => {
      const parent = names.findIndex((n, j) => j < i && n === image);
      return parent === -1 ? undefined : parent;
    });
    table = { names, images, parents };
    stageTables.set(model, table);
  }
  return table;
}

/**
 * Variables a RUN can see, name -> value: every ARG of the file (hadolint does not scope ARGs by
 * stage) and the ENVs of its stage and the stages it is built FROM, up to the step. (The model's
 * `vars` scope as BuildKit does; hadolint's rules keep hadolint's looser reading.)
 */
export function variablesAt(model: DockerfileModel, at: Step): Map<string, string> {
  const { args, envs } = definitions(model);
  const vars = new Map(args);
  const { parents } = stageTable(model);
  const chain = new Set<number>([at.stage]);
  for (let stage = parents[at.stage]; stage !== undefined && !chain.has(stage); stage = parents[stage])
    chain.add(stage);
  for (const env of envs) {
    if (!chain.has(env.stage) || (env.stage === at.stage && env.line > at.line)) continue;
    vars.set(env.name, env.value);
  }
  return vars;
}

interface Definitions {
  /** Every ARG of the file, name -> default. */
  args: Map<string, string>;
  envs: Array<{ name: string; value: string; stage: number; line: number }>;
}

const definitionCache = new WeakMap<DockerfileModel, Definitions>();

function definitions(model: DockerfileModel): Definitions {
  let defs = definitionCache.get(model);
  if (!defs) {
    defs = { args: new Map(), envs: [] };
    for (const s of model.instructions) {
      if (s.keyword !== 'ARG' && s.keyword !== 'ENV') continue;
      for (const p of s.properties ?? []) {
        if (s.keyword === 'ARG') defs.args.set(p.name, p.value ?? '');
        else defs.envs.push({ name: p.name, value: p.value ?? '', stage: s.stage, line: s.line });
      }
    }
    definitionCache.set(model, defs);
  }
  return defs;
}

/** `$name` and `${name}` replaced by known values; unknown ones are left as written. */
export function substitute(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
    const value = vars.get((braced ?? bare) as string);
    return value === undefined ? whole : unquote(value);
  });
}
