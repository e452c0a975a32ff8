/**
 * The stage graph, built from dockerfile-ast's parse: stages, their bases and the edges between them,
 * resolved the way BuildKit resolves them (names compare case-insensitively; global ARGs expand in FROM).
 * Pure: AST and build-args in, graph out. Helpers to look stages up and walk dependencies live here too.
 */
import type { Arg, Dockerfile, Flag, From, Instruction } from 'dockerfile-ast';
import type { BuildArg } from '../inputs.js';
import { BUILDKIT_AUTOMATIC_ARGS, substitute, type Scope } from './substitute.js';
import type { GlobalArg, Stage, StageEdge, StageGraph } from './types.js';

const line1 = (i: Instruction): number => i.getRange().start.line + 1;
const endLine1 = (i: Instruction): number => i.getRange().end.line + 1;

function argNameValue(arg: Arg): { name: string; value?: string } | undefined {
  const p = arg.getProperty();
  if (!p) return undefined;
  return { name: p.getName(), value: p.getValue() ?? undefined };
}

/** The global ARGs (before the first FROM) with build-args overriding their defaults, as BuildKit does. */
export function globalArgsOf(ast: Dockerfile, buildArgs: BuildArg[]): GlobalArg[] {
  const overrides = new Map(buildArgs.map((a) => [a.name, a.value]));
  const out: GlobalArg[] = [];
  const scope = new Map<string, string | undefined>();
  for (const arg of ast.getInitialARGs()) {
    const nv = argNameValue(arg);
    if (!nv) continue;
    // A default may use an earlier global ARG (`ARG B=${A}-x`).
    const defaultValue =
      nv.value === undefined ? undefined : substitute(nv.value, scope, ast.getEscapeCharacter());
    const value = overrides.has(nv.name) ? overrides.get(nv.name) : defaultValue;
    scope.set(nv.name, value);
    out.push({ name: nv.name, defaultValue, value, line: line1(arg) });
  }
  return out;
}

function scopeOf(globalArgs: GlobalArg[]): Map<string, string | undefined> {
  return new Map(globalArgs.map((a) => [a.name, a.value]));
}

/** Finds a stage by name (case-insensitively, as BuildKit does) or by index written as digits. */
export function findStage(graph: StageGraph, ref: string): Stage | undefined {
  if (/^\d+$/.test(ref)) return graph.stages[Number(ref)];
  const key = ref.toLowerCase();
  return graph.stages.find((s) => s.name !== undefined && s.key === key);
}

/** How a stage is shown to people: its name as written, or its index. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

/** Indexes of the stages this stage needs directly (FROM parent, COPY --from, RUN --mount from). */
export function directDependencies(graph: StageGraph, index: number): number[] {
  const stage = graph.stages[index];
  if (!stage) return [];
  const deps = new Set<number>();
  for (const e of stage.edges) if (e.stage !== undefined && e.stage !== index) deps.add(e.stage);
  return [...deps].sort((a, b) => a - b);
}

/** Every stage this stage needs, directly or through others (itself excluded), in index order. */
export function transitiveDependencies(graph: StageGraph, index: number): number[] {
  const seen = new Set<number>();
  const stack = [...directDependencies(graph, index)];
  while (stack.length) {
    const next = stack.pop() as number;
    if (seen.has(next) || next === index) continue;
    seen.add(next);
    stack.push(...directDependencies(graph, next));
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * A dependency cycle (stage indexes, first repeated at the end), or undefined. BuildKit refuses these
 * ("circular dependency detected on stage"); a stage copying from itself is a cycle of one.
 */
export function findCycle(graph: StageGraph): number[] | undefined {
  const state = new Map<number, 'visiting' | 'done'>();
  const path: number[] = [];
  const visit = (i: number): number[] | undefined => {
    if (state.get(i) === 'done') return undefined;
    if (state.get(i) === 'visiting') return [...path.slice(path.indexOf(i)), i];
    state.set(i, 'visiting');
    path.push(i);
    const stage = graph.stages[i];
    const deps = new Set(stage.edges.flatMap((e) => (e.stage === undefined ? [] : [e.stage])));
    for (const d of [...deps].sort((a, b) => a - b)) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(i, 'done');
    return undefined;
  };
  for (const s of graph.stages) {
    const cycle = visit(s.index);
    if (cycle) return cycle;
  }
  return undefined;
}

/** `from=` in `--mount=type=bind,from=build,source=/x` (several mounts per RUN are allowed). */
function mountSources(flags: Flag[]): string[] {
  return flags
    .filter((f) => f.getName().toLowerCase() === 'mount')
    .flatMap((f) => f.getOptions().filter((o) => o.getName().toLowerCase() === 'from'))
    .map((o) => o.getValue() ?? '')
    .filter((v) => v !== '');
}

function flagsOf(instruction: Instruction): Flag[] {
  const withFlags = instruction as Instruction & { getFlags?: () => Flag[] };
  return typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
}

/**
 * The ARGs a stage declared before `upToLine`. Global ARGs are not in scope inside a stage unless it
 * declares them again (then without a default they take the global value); a build-arg overrides both.
 */
function stageScope(
  global: Scope,
  overrides: ReadonlyMap<string, string>,
  instructions: Instruction[],
  upToLine: number,
  escapeChar: string,
): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>();
  for (const i of instructions) {
    if (line1(i) >= upToLine) break;
    if (i.getKeyword() !== 'ARG') continue;
    const nv = argNameValue(i as Arg);
    if (!nv) continue;
    const own = nv.value === undefined ? global.get(nv.name) : substitute(nv.value, scope, escapeChar);
    // `ARG TARGETARCH` only brings BuildKit's automatic value into scope: it is filled in at build
    // time, so it stays as written (`build-$TARGETARCH`), not empty.
    if (own === undefined && !overrides.has(nv.name) && BUILDKIT_AUTOMATIC_ARGS.has(nv.name)) continue;
    scope.set(nv.name, overrides.has(nv.name) ? overrides.get(nv.name) : own);
  }
  return scope;
}

function resolveRef(raw: string, scope: Scope, escapeChar: string): string {
  return raw.includes('$') ? substitute(raw, scope, escapeChar) : raw;
}

/**
 * Builds the graph. Stages come from dockerfile-ast's FROMs; instructions before the first FROM (the
 * global ARGs) belong to no stage.
 */
export function buildStageGraph(ast: Dockerfile, buildArgs: BuildArg[] = []): StageGraph {
  const escapeChar = ast.getEscapeCharacter();
  const globalArgs = globalArgsOf(ast, buildArgs);
  const globalScope = scopeOf(globalArgs);
  const overrides = new Map(buildArgs.map((a) => [a.name, a.value]));
  const all = ast.getInstructions();
  const fromPositions = all.flatMap((ins, pos) => (ins.getKeyword() === 'FROM' ? [pos] : []));
  // Each stage's dockerfile-ast instructions, FROM first: read here only (the model keeps typed records).
  const nodesOf: Instruction[][] = fromPositions.map((pos, index) =>
    all.slice(pos, index + 1 < fromPositions.length ? fromPositions[index + 1] : all.length),
  );

  const stages: Stage[] = fromPositions.map((pos, index) => {
    const from = all[pos] as From;
    const instructions = nodesOf[index];
    const name = from.getBuildStage() ?? undefined;
    const baseRaw = from.getImage() ?? '';
    const platform = from.getPlatformFlag()?.getValue() ?? undefined;
    return {
      index,
      name,
      key: name !== undefined ? name.toLowerCase() : String(index),
      line: line1(from),
      endLine: endLine1(instructions[instructions.length - 1]),
      baseRaw,
      base: resolveRef(baseRaw, globalScope, escapeChar),
      platform: platform === undefined ? undefined : resolveRef(platform, globalScope, escapeChar),
      steps: [],
      edges: [],
    };
  });

  const graph: StageGraph = { stages, globalArgs };
  // FROM may only name an earlier stage (a later or its own name is an image, e.g. `FROM node AS node`);
  // COPY --from and RUN --mount may name any stage, and an index must be an earlier one.
  const stageNamed = (ref: string, before: number, byNameAnywhere: boolean): number | undefined => {
    if (/^\d+$/.test(ref)) {
      const n = Number(ref);
      return n < before ? n : undefined;
    }
    const found = findStage(graph, ref);
    if (!found) return undefined;
    return byNameAnywhere || found.index < before ? found.index : undefined;
  };

  for (const stage of stages) {
    const edges: StageEdge[] = [];
    if (stage.base !== '') {
      const parent = /^\d+$/.test(stage.base) ? undefined : stageNamed(stage.base, stage.index, false);
      if (parent !== undefined) stage.parent = parent;
      edges.push({ kind: 'from', ref: stage.base, stage: parent, line: stage.line });
    }
    const nodes = nodesOf[stage.index];
    for (const ins of nodes.slice(1)) {
      const keyword = ins.getKeyword();
      const flags = flagsOf(ins);
      const refs: { kind: StageEdge['kind']; raw: string }[] = [];
      if (keyword === 'COPY') {
        for (const f of flags) {
          const v = f.getValue();
          if (f.getName().toLowerCase() === 'from' && v) refs.push({ kind: 'copy', raw: v });
        }
      } else if (keyword === 'RUN') {
        for (const v of mountSources(flags)) refs.push({ kind: 'mount', raw: v });
      }
      if (!refs.length) continue;
      const scope = stageScope(globalScope, overrides, nodes, line1(ins), escapeChar);
      for (const r of refs) {
        const ref = resolveRef(r.raw, scope, escapeChar);
        edges.push({ kind: r.kind, ref, stage: stageNamed(ref, stage.index, true), line: line1(ins) });
      }
    }
    stage.edges = edges;
  }
  return graph;
}
