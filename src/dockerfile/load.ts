/**
 * Reads a Dockerfile into the model every later step works from: dockerfile-ast's parse plus the stage
 * graph. dockerfile-ast is lenient (it parses anything), so the errors BuildKit's own parser raises,
 * and the stage-level errors it raises before building anything, are checked here and reported as
 * UserErrors with file and line.
 *
 * One deliberate split, as in BuildKit: a file with instructions but no FROM still *parses* (BuildKit's
 * parser accepts `CMD []` alone); it has zero stages, and the build plan refuses it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DockerfileParser, type Dockerfile, type Instruction, type Property } from 'dockerfile-ast';
import { UserError } from '../errors.js';
import type { BuildArg } from '../inputs.js';
import { buildStageGraph, findCycle, stageLabel } from './graph.js';
import { buildInstructionModel, type DockerInstruction, type InstructionModel } from './instructions.js';
import type { DockerfileModel, StageGraph } from './types.js';

const STEP = 'dockerfile';

/** BuildKit's rule for `AS <name>` (instructions/parse.go): a letter, then letters, digits, `-`, `_`, `.`. */
const STAGE_NAME = /^[a-z][a-z0-9._-]*$/i;

/** Instructions whose arguments may be a JSON array ("exec form"). */
const JSON_FORM = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

const lineOf = (i: Instruction): number => i.getRange().start.line + 1;

function fail(file: string, line: number | undefined, message: string): never {
  const where = line === undefined ? file : `${file}:${line}`;
  throw new UserError(`${where}: ${message}`, STEP, { file, line });
}

/** Property instructions in the legacy `ENV NAME value` form need a value; `ENV PATH` alone is an error. */
function checkProperties(file: string, ins: Instruction): void {
  const keyword = ins.getKeyword();
  if (keyword !== 'ENV' && keyword !== 'LABEL') return;
  const props = (ins as Instruction & { getProperties(): Property[] }).getProperties();
  if (props.length === 0) fail(file, lineOf(ins), `${keyword} needs at least one NAME=value.`);
  for (const p of props) {
    if (p.getValue() === null)
      fail(
        file,
        lineOf(ins),
        `${keyword} ${p.getName()} has no value; write ${keyword} ${p.getName()}=<value> (an empty value is ${p.getName()}="").`,
      );
  }
}

/**
 * BuildKit tries JSON for `[...]` arguments and falls back to shell form when it is not JSON, but a
 * JSON array of anything other than strings (`["echo", ["nested"]]`) is an error.
 */
function checkJsonForm(file: string, ins: DockerInstruction): void {
  if (ins.onbuild || !JSON_FORM.has(ins.keyword)) return;
  const args = ins.argsText.trim();
  if (!args.startsWith('[')) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return; // not JSON: shell form, as BuildKit reads it
  }
  if (Array.isArray(parsed) && parsed.some((v) => typeof v !== 'string'))
    fail(
      file,
      ins.line,
      `${ins.keyword} uses JSON array form with something other than strings (${args}); in exec form every element must be a "string".`,
    );
}

function checkFrom(file: string, ins: Instruction): void {
  const args = ins.getArguments().map((a) => a.getValue());
  const line = lineOf(ins);
  if (args.length === 0) fail(file, line, 'FROM needs an image or a stage name: FROM <image> [AS <name>].');
  if (args.length === 1) return;
  if (args.length !== 3 || args[1].toLowerCase() !== 'as')
    fail(file, line, `FROM takes one image and an optional 'AS <name>', not '${args.join(' ')}'.`);
  if (!STAGE_NAME.test(args[2]))
    fail(
      file,
      line,
      `'${args[2]}' is not a valid stage name: it must start with a letter and hold only letters, digits, '-', '_' and '.'.`,
    );
}

function checkInstructions(file: string, ast: Dockerfile, typed: DockerInstruction[]): void {
  const all = ast.getInstructions();
  if (all.length === 0)
    fail(
      file,
      undefined,
      'the Dockerfile has no instructions (it is empty or only comments); it needs at least a FROM.',
    );
  const firstFrom = all.findIndex((i) => i.getKeyword() === 'FROM');
  for (const [pos, ins] of all.entries()) {
    const keyword = ins.getKeyword();
    if (firstFrom !== -1 && pos < firstFrom && keyword !== 'ARG')
      fail(file, lineOf(ins), `${keyword} comes before the first FROM; only ARG may come before FROM.`);
    if (keyword === 'FROM') checkFrom(file, ins);
    checkProperties(file, ins);
    // The typed record of the same instruction (one per instruction, in order): its text is read already.
    const record = typed[pos];
    if (record) checkJsonForm(file, record);
  }
}

/**
 * An image reference as docker parses one (distribution/reference): optional registry host, lower-case
 * path components, optional tag and digest. A `--from` that is neither a stage nor this cannot build.
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REF = new RegExp(
  `^(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*` +
    '(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);

export function isImageReference(ref: string): boolean {
  return IMAGE_REF.test(ref);
}

function checkFromRefs(file: string, graph: StageGraph): void {
  const names = graph.stages.map((s) => s.name ?? String(s.index)).join(', ');
  for (const s of graph.stages) {
    for (const e of s.edges) {
      // Unresolved variables are BuildKit's to expand; FROM <image> errors are the pull's to report.
      if (e.kind === 'from' || e.stage !== undefined || e.ref.includes('$')) continue;
      const flag = e.kind === 'copy' ? `COPY --from=${e.ref}` : `RUN --mount=from=${e.ref}`;
      if (/^\d+$/.test(e.ref))
        fail(
          file,
          e.line,
          `${flag} names stage index ${e.ref}, but ${s.index === 0 ? 'no stage comes' : `only stages 0 to ${s.index - 1} come`} before it. Stages: ${names}.`,
        );
      if (!isImageReference(e.ref))
        fail(
          file,
          e.line,
          `${flag} names neither a stage of this Dockerfile nor a valid image reference. Stages: ${names}; an image looks like name:tag or registry/name:tag (lower case).`,
        );
    }
  }
}

/**
 * BuildKit refuses to build a file with two stages of one name, but its linter reports it
 * (DuplicateStageName) and checks the rest: the lint reads such a file, the build refuses it.
 * Throws UserError at the second definition.
 */
export function refuseDuplicateStageNames(model: Pick<DockerfileModel, 'file' | 'graph'>): void {
  const { file, graph } = model;
  const seen = new Map<string, number>();
  for (const s of graph.stages) {
    if (s.name === undefined) continue;
    const first = seen.get(s.key);
    if (first !== undefined)
      fail(
        file,
        s.line,
        `stage name '${s.name}' is already used by the stage on line ${graph.stages[first].line} (names compare case-insensitively); give each stage its own name.`,
      );
    seen.set(s.key, s.index);
  }
}

/** What the loader may let through for the linter, which reports it as a finding instead. */
export interface ParseOptions {
  /** Accept two stages of one name (the build must then call refuseDuplicateStageNames). */
  allowDuplicateStageNames?: boolean;
}

function checkGraph(file: string, graph: StageGraph, options: ParseOptions): void {
  checkFromRefs(file, graph);
  if (!options.allowDuplicateStageNames) refuseDuplicateStageNames({ file, graph });
  const cycle = findCycle(graph);
  if (cycle) {
    const names = cycle.map((i) => `'${stageLabel(graph.stages[i])}'`).join(' -> ');
    const first = graph.stages[cycle[0]];
    fail(file, first.line, `the stages depend on each other in a cycle: ${names}. Break the cycle.`);
  }
}

/** Parses Dockerfile text into the model (AST + stage graph). Throws UserError when unparsable. */
export function parseDockerfile(
  text: string,
  file: string,
  buildArgs: BuildArg[] = [],
  options: ParseOptions = {},
): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const typed = buildInstructionModel(ast, text, buildArgs);
  checkInstructions(file, ast, typed.instructions);
  const graph = buildStageGraph(ast, buildArgs);
  checkGraph(file, graph, options);
  return modelOf(file, text, graph, typed);
}

/** The model from a parse and its graph: adds the typed instructions and gives each stage its own. */
export function assembleModel(
  file: string,
  text: string,
  ast: Dockerfile,
  graph: StageGraph,
  buildArgs: BuildArg[] = [],
): DockerfileModel {
  return modelOf(file, text, graph, buildInstructionModel(ast, text, buildArgs));
}

function modelOf(file: string, text: string, graph: StageGraph, typed: InstructionModel): DockerfileModel {
  for (const ins of typed.instructions) if (ins.stage >= 0) graph.stages[ins.stage]?.steps.push(ins);
  return {
    file,
    text,
    graph,
    instructions: typed.instructions,
    escapeChar: typed.escapeChar,
    directives: typed.directives,
    comments: typed.comments,
  };
}

/** Reads and parses a Dockerfile. Throws UserError (with the path) when it does not exist. */
export function loadDockerfile(
  path: string,
  displayPath: string,
  buildArgs: BuildArg[] = [],
  options: ParseOptions = {},
): DockerfileModel {
  if (!existsSync(path))
    throw new UserError(
      `Dockerfile not found: ${displayPath} (looked at ${path}). Set the 'file' input to your Dockerfile's path, or 'context' when it is <context>/Dockerfile.`,
      STEP,
    );
  if (statSync(path).isDirectory())
    throw new UserError(
      `${displayPath} is a directory, not a Dockerfile. Set the 'file' input to the Dockerfile inside it (e.g. ${displayPath.replace(/\/+$/, '')}/Dockerfile).`,
      STEP,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read ${displayPath}: ${(err as Error).message}`, STEP, { file: displayPath });
  }
  return parseDockerfile(text, displayPath, buildArgs, options);
}
