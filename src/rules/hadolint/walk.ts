/**
 * How the hadolint-family rules see a Dockerfile: instructions in order, each with its 1-based lines
 * and stage, and `ONBUILD X` read as `X` (hadolint checks an ONBUILD trigger like the instruction
 * it wraps, so `ONBUILD RUN apt-get install foo` is flagged like the plain RUN).
 */
import type { Dockerfile, Instruction, Property } from 'dockerfile-ast';
import type { ShellScript } from '../shell/script.js';
import { runScript } from '../shell/run-script.js';
import type { Rule, RuleContext, RuleHit, Severity } from '../types.js';

export interface Step {
  /** The instruction itself, or the trigger of an `ONBUILD`. */
  instruction: Instruction;
  /** Upper-case keyword of `instruction` (`RUN` for `ONBUILD RUN`). */
  keyword: string;
  /** The instruction as written (the ONBUILD for a trigger): where findings point. */
  written: Instruction;
  onbuild: boolean;
  /** 1-based lines of the written instruction. */
  line: number;
  endLine: number;
  /** Index of the stage (FROM) it belongs to; -1 before the first FROM. */
  stage: number;
}

const stepsCache = new WeakMap<Dockerfile, Step[]>();

/** Every instruction of the file, ONBUILD triggers unwrapped. */
export function steps(ast: Dockerfile): Step[] {
  const cached = stepsCache.get(ast);
  if (cached) return cached;
  const result: Step[] = [];
  let stage = -1;
  for (const written of ast.getInstructions()) {
    const keyword = written.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const range = written.getRange();
    const base = { written, line: range.start.line + 1, endLine: range.end.line + 1, stage };
    if (keyword === 'ONBUILD') {
      const trigger = (
        written as Instruction & { getTriggerInstruction?(): Instruction | null }
      ).getTriggerInstruction?.();
      if (trigger) {
        result.push({
          ...base,
          instruction: trigger,
          keyword: trigger.getKeyword().toUpperCase(),
          onbuild: true,
        });
        continue;
      }
    }
    result.push({ ...base, instruction: written, keyword, onbuild: false });
  }
  stepsCache.set(ast, result);
  return result;
}

export function stepsOf(ctx: RuleContext, ...keywords: string[]): Step[] {
  return steps(ctx.model.ast).filter((s) => keywords.includes(s.keyword));
}

/** RUN instructions with their parsed scripts. */
export function runSteps(ctx: RuleContext): Array<Step & { script: ShellScript }> {
  return stepsOf(ctx, 'RUN').map((s) => ({ ...s, script: runScript(s.instruction) }));
}

export function hitAt(step: Step, message?: string): RuleHit {
  const hit: RuleHit = { line: step.line, endLine: step.endLine };
  if (message !== undefined) hit.message = message;
  return hit;
}

/**
 * Words of an instruction's arguments, flags excluded, split as a shell splits them: a quoted part joins
 * the characters next to it into one word (`"$APP"/bin`, `"C:\\Program Files"`), quotes kept.
 * dockerfile-ast's arguments split on every blank, quoted or not.
 */
export function argumentWords(step: Step): string[] {
  return (step.instruction.getArgumentsContent() ?? '').match(SHELL_WORD) ?? [];
}

/** One shell word: runs of double-quoted, single-quoted and unquoted non-blank characters. */
const SHELL_WORD = /(?:"(?:[^"\\]|\\.)*"?|'[^']*'?|\\.|[^\s"'\\]|\\)+/g;

/** A shell word's value: its quotes removed (`"$APP"/bin` -> `$APP/bin`), variables left as written. */
export function wordValue(word: string): string {
  return word.replace(
    /"((?:[^"\\]|\\.)*)"?|'([^']*)'?/g,
    (_m, dq: string | undefined, sq: string | undefined) => sq ?? (dq ?? '').replace(/\\(["\\$`])/g, '$1'),
  );
}

/** The instruction's arguments as written, continuations joined (`getArgumentsContent` keeps quotes). */
export function argumentsText(step: Step): string {
  return step.instruction.getArgumentsContent() ?? '';
}

/** Text with one layer of surrounding quotes removed. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** The `--name=value` flag of an instruction (COPY --from, FROM --platform, RUN --mount...). */
export function instructionFlags(instruction: Instruction): Array<{ name: string; value: string | null }> {
  const withFlags = instruction as Instruction & {
    getFlags?(): Array<{ getName(): string; getValue(): string | null }>;
  };
  return (withFlags.getFlags?.() ?? []).map((f) => ({ name: f.getName(), value: f.getValue() }));
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
  const targets: string[] = [];
  for (const flag of instructionFlags(step.instruction)) {
    if (flag.name !== 'mount' || !flag.value) continue;
    const options = Object.fromEntries(
      flag.value.split(',').map((kv) => {
        const eq = kv.indexOf('=');
        return eq === -1 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
      }),
    ) as Record<string, string>;
    const target = options.target ?? options.dst ?? options.destination;
    // A tmpfs mount keeps the files out of the layer just as well as a cache mount.
    if ((options.type === 'cache' || options.type === 'tmpfs') && target) targets.push(target);
  }
  return targets;
}

export function hasCacheMount(step: Step, dir: string): boolean {
  return cacheMountTargets(step).some((t) => t.replace(/\/+$/, '').startsWith(dir.replace(/\/+$/, '')));
}

/**
 * Whether what a RUN leaves in its layer ends up in a shipped image: the last stage, a stage another
 * FROM builds on, and ONBUILD triggers (they run in downstream images). A builder stage that is only
 * copied from does not ship its caches. hadolint's DL3009/DL3060 scoping.
 */
export function layerShips(ast: Dockerfile, step: Step): boolean {
  if (step.onbuild) return true;
  const { names, images } = stageTable(ast);
  if (names.length === 0 || step.stage === names.length - 1) return true;
  const name = names[step.stage];
  return name !== undefined && images.some((image, i) => i > step.stage && image === name);
}

interface StageTable {
  /** Lower-cased `AS` name of each stage (undefined when unnamed). */
  names: Array<string | undefined>;
  /** Lower-cased image (or stage) each FROM names. */
  images: string[];
  /** Stage index -> the earlier stage its FROM names, if any. */
  parents: Array<number | undefined>;
}

const stageTables = new WeakMap<Dockerfile, StageTable>();

/** The FROMs of a file, read once (dockerfile-ast re-parses arguments on every getter call). */
export function stageTable(ast: Dockerfile): StageTable {
  let table = stageTables.get(ast);
  if (!table) {
    const froms = ast.getFROMs();
    const names = froms.map((f) => f.getBuildStage()?.toLowerCase());
    const images = froms.map((f) => (f.getImage() ?? '').toLowerCase());
    const parents = images.map((image, i) => {
      const parent = names.findIndex((n, j) => j < i && n === image);
      return parent === -1 ? undefined : parent;
    });
    table = { names, images, parents };
    stageTables.set(ast, table);
  }
  return table;
}

/**
 * Variables a RUN can see, name -> value: every ARG of the file (hadolint does not scope ARGs by
 * stage) and the ENVs of its stage and the stages it is built FROM, up to the step.
 */
export function variablesAt(ast: Dockerfile, at: Step): Map<string, string> {
  const { args, envs } = definitions(ast);
  const vars = new Map(args);
  const { parents } = stageTable(ast);
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

const definitionCache = new WeakMap<Dockerfile, Definitions>();

function definitions(ast: Dockerfile): Definitions {
  let defs = definitionCache.get(ast);
  if (!defs) {
    defs = { args: new Map(), envs: [] };
    for (const s of steps(ast)) {
      if (s.keyword !== 'ARG' && s.keyword !== 'ENV') continue;
      for (const p of (s.instruction as Instruction & { getProperties(): Property[] }).getProperties()) {
        if (s.keyword === 'ARG') defs.args.set(p.getName(), p.getValue() ?? '');
        else defs.envs.push({ name: p.getName(), value: p.getValue() ?? '', stage: s.stage, line: s.line });
      }
    }
    definitionCache.set(ast, defs);
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
